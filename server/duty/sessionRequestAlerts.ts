import type { Logger } from "pino";
import { isOver } from "../../domain/sessionLifecycle.js";
import type { Alerts } from "../alerts/Alerts.js";
import type { RecordWriter } from "../records/RecordWriter.js";

/**
 * The central office's request for a session (on demand: its request form, a hot spot's "ask for a
 * dialogue") is an alert at the session's host endpoint, the province asked, so it reaches whoever is
 * on duty there (AlertDispatcher) — at night too. Raised once, when the session is first written; it
 * clears with the session (ended or cancelled).
 */
export function raiseSessionRequests(writer: RecordWriter, alerts: Alerts, logger: Logger): void {
	writer.on("written", ({ model, document }) => {
		if (model !== "ReceptionSession" || document.rev !== 1 || isOver(String(document.status))) return;
		const origin = document.origin as { type?: string; reason?: string } | undefined;
		if (origin?.type !== "on-demand") return;
		alerts
			.raise("session-requested", String(document.hostEndpointId), String(document.entityId), {
				sessionTitle: String(document.title),
				plannedStart: new Date(document.plannedStart as Date | string).toISOString(),
				reason: origin.reason ?? "",
			})
			.catch((err: unknown) => logger.warn({ err }, "session request alert not raised"));
	});
}
