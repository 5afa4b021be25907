import type { Logger } from "pino";
import { can } from "../../domain/permissions.js";
import type { PresenceServerNamespace, PresenceSocket } from "../../signaling/PresenceNamespace.js";
import { toCovering } from "../../signaling/PresenceNamespace.js";
import type { SessionChange } from "../../signaling/presenceProtocol.js";
import type { ReceptionSessionRecord } from "../records/models/ReceptionSession.js";
import type { RecordWriter } from "../records/RecordWriter.js";
import type { RevisionStore } from "../records/RevisionStore.js";

export interface SessionFeedOptions {
	writer: RecordWriter;
	sessions: RevisionStore<ReceptionSessionRecord>;
	presence: PresenceServerNamespace;
	logger: Logger;
}

/**
 * Live pages: every stored change of a session, its outcomes or its attendance is pushed on
 * `/presence` as `sessionChanged` to the clients whose scope covers the session, who reload what
 * they show of it (the REST routes still decide what each may read).
 */
export function feedSessionChanges({ writer, sessions, presence, logger }: SessionFeedOptions): void {
	const send = (scope: readonly string[], change: SessionChange, may: (s: PresenceSocket) => boolean) =>
		toCovering(presence, scope, (socket) => {
			if (may(socket)) socket.emit("sessionChanged", change);
		});
	const anyone = () => true;
	const readsOutcomes = (s: PresenceSocket) => can(s.data.claims, "read", { type: "outcomes" });
	const readsAttendance = (s: PresenceSocket) => can(s.data.claims, "read", { type: "attendance" });
	writer.on("written", ({ model, document }) => {
		const scope = (document.scopeEndpointIds ?? []) as string[];
		switch (model) {
			case "ReceptionSession":
				send(
					scope,
					{
						sessionId: String(document.entityId),
						aspect: "session",
						status: String(document.status),
						rev: Number(document.rev),
					},
					anyone,
				);
				return;
			case "Outcome":
				send(scope, { sessionId: String(document.sessionId), aspect: "outcomes" }, readsOutcomes);
				return;
			case "AttendanceEvent": {
				const sessionId = String(document.sessionId);
				// Attendance facts carry no scope of their own: the session's is the one that counts.
				sessions
					.current(sessionId)
					.then((session) =>
						send(
							session.scopeEndpointIds,
							{
								sessionId,
								aspect: "attendance",
								kind: String(document.kind),
								endpointId: String(document.endpointId),
							},
							readsAttendance,
						),
					)
					.catch((err: unknown) => logger.debug({ err, sessionId }, "attendance change not pushed"));
				return;
			}
		}
	});
}
