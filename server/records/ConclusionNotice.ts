import { fieldLabel } from "../../domain/register.js";
import type { AttendanceEventRecord } from "./models/AttendanceEvent.js";
import type { Citizen } from "./models/Case.js";
import {
	CONTENT_TYPE_LABELS,
	DIRECTION_LABELS,
	formatDate,
	formatDateTime,
	SESSION_KIND_LABELS,
} from "./noticeLabels.js";
import { summarisePresence } from "./PresenceCalculator.js";
import type { Records } from "./Records.js";

/** One case as the notice presents it: who came, what it is about, its history and the conclusion. */
export interface NoticeCase {
	registerNumber: string;
	citizens: Pick<Citizen, "fullName" | "address" | "isRepresentative">[];
	peopleCount: number;
	contentType: string;
	field: string;
	summary: string;
	history: string[];
	request: string;
	agencyViews: { agency: string; view: string }[];
	direction: string | null;
	conclusion: string | null;
	assignments: { agency: string; task: string; deadline: string; reportTo: string }[];
}

/** Everything the conclusion notice (thông báo kết luận tiếp công dân) states, read from the record. */
export interface ConclusionNoticeData {
	/** A draft until the session is concluded with the notice's number and recipients. */
	draft: boolean;
	number: string;
	place: string;
	issuedOn: string;
	title: string;
	kind: string;
	from: string;
	to: string;
	hostEndpoint: string;
	endpoints: string[];
	chair: string;
	participants: string[];
	cases: NoticeCase[];
	recipients: string[];
}

/**
 * Gathers the notice from the session's current revision, its endpoints, people, cases, outcomes and
 * attendance: joined in code (FerretDB v1 has no $lookup).
 */
export async function buildConclusionNotice(records: Records, sessionId: string): Promise<ConclusionNoticeData> {
	const session = await records.sessions.current(sessionId);
	const [endpoints, cases, outcomes, events] = await Promise.all([
		records.endpoints.find({ entityId: { $in: session.scopeEndpointIds } }),
		records.cases.find({ entityId: { $in: session.caseIds } }),
		records.outcomes.find({ sessionId }),
		records.models.AttendanceEvent.find({ sessionId }).sort({ at: 1, _id: 1 }).lean<AttendanceEventRecord[]>(),
	]);
	const presence = summarisePresence(events, {
		endpointIds: session.scopeEndpointIds,
		userIds: [],
		endedAt: session.endedAt ?? null,
		now: new Date(),
	});
	const attendees = [session.chairUserId, ...session.secretariatUserIds, ...Object.keys(presence.byUser)];
	const users = await records.users.find({ entityId: { $in: [...new Set(attendees)] } });
	const nameOf = new Map(users.map((u) => [u.entityId, u.name]));
	const endpointName = new Map(endpoints.map((e) => [e.entityId, e.name]));
	const notice = session.notice ?? {};
	const attended = Object.entries(presence.byUser)
		.filter(([id]) => id !== session.chairUserId)
		.map(([id, p]) => `${nameOf.get(id) ?? id} (${p.endpointIds.map((e) => endpointName.get(e) ?? e).join(", ")})`);

	return {
		draft: session.status !== "concluded",
		number: notice.number ?? "",
		place: notice.place ?? endpointName.get(session.hostEndpointId) ?? "",
		issuedOn: formatDate(session.concludedAt ?? new Date()),
		title: session.title,
		kind: SESSION_KIND_LABELS[session.kind],
		from: formatDateTime(session.liveAt ?? session.plannedStart),
		to: formatDateTime(session.endedAt ?? session.plannedEnd),
		hostEndpoint: endpointName.get(session.hostEndpointId) ?? session.hostEndpointId,
		endpoints: session.participantEndpointIds.map((id) => endpointName.get(id) ?? id),
		chair: nameOf.get(session.chairUserId) ?? session.chairUserId,
		participants: [...attended, ...(notice.otherParticipants ?? [])],
		cases: session.caseIds.flatMap((caseId) => {
			const c = cases.find((x) => x.entityId === caseId);
			if (!c) return [];
			const outcome = outcomes.find((o) => o.caseId === caseId);
			return [
				{
					registerNumber: c.registerNumber,
					citizens: c.citizens.map(({ fullName, address, isRepresentative }) => ({
						fullName,
						address,
						isRepresentative,
					})),
					peopleCount: c.peopleCount,
					contentType: CONTENT_TYPE_LABELS[c.contentType],
					field: fieldLabel(c.field),
					summary: c.summary,
					history: c.priorHandling.map(
						(h) => `${h.level} – ${h.agency}${h.date ? ` (${formatDate(h.date)})` : ""}: ${h.result}`,
					),
					request: c.request,
					agencyViews: outcome?.agencyViews ?? [],
					direction: outcome ? DIRECTION_LABELS[outcome.direction] : null,
					conclusion: outcome?.conclusion ?? null,
					assignments: (outcome?.assignments ?? []).map((a) => ({ ...a, deadline: formatDate(a.deadline) })),
				},
			];
		}),
		recipients: notice.recipients ?? [],
	};
}
