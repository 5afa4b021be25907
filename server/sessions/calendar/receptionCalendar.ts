import { NotFoundError } from "../../../domain/errors.js";
import type { EndpointRecord } from "../../records/models/Endpoint.js";
import type { Records } from "../../records/Records.js";

/** Statuses a published calendar shows: planned, not yet over. */
const PUBLISHED = ["scheduled", "open", "live"];
/** The most entries one calendar answer carries. */
const MAX_ENTRIES = 200;

/** One periodic reception as the public calendar states it: no case, no citizen. */
export interface CalendarEntry {
	id: string;
	title: string;
	start: Date;
	end: Date;
	place: string;
	chair: { name: string; positionTitle?: string };
	coChairs: { name: string; positionTitle?: string }[];
	endpoints: string[];
}

export interface ReceptionCalendar {
	unit: EndpointRecord;
	from: Date;
	to: Date;
	entries: CalendarEntry[];
}

/**
 * A province's reception calendar (lịch tiếp công dân): the periodic receptions planned at it and
 * its communes between `from` and `to`, soonest first.
 */
export async function receptionCalendar(
	records: Records,
	code: string,
	from: Date,
	to: Date,
): Promise<ReceptionCalendar> {
	const [unit] = await records.endpoints.find({ code, active: true });
	if (!unit || unit.level === "central") throw new NotFoundError(`reception calendar ${code}`);
	const below = await records.endpoints.find({ ancestors: unit.entityId });
	const names = new Map([unit, ...below].map((e) => [e.entityId, e.name]));
	const sessions = (
		await records.sessions.find(
			{
				hostEndpointId: { $in: [...names.keys()] },
				kind: "periodic",
				status: { $in: PUBLISHED },
				plannedStart: { $gte: from, $lt: to },
			},
			{ plannedStart: 1 },
		)
	).slice(0, MAX_ENTRIES);
	const userIds = [...new Set(sessions.flatMap((s) => [s.chairUserId, ...(s.coChairUserIds ?? [])]))];
	const users = new Map((await records.users.find({ entityId: { $in: userIds } })).map((u) => [u.entityId, u]));
	const person = (id: string) => {
		const u = users.get(id);
		return { name: u?.name ?? id, ...(u?.positionTitle ? { positionTitle: u.positionTitle } : {}) };
	};
	const otherNames = async (ids: string[]) => {
		const missing = ids.filter((id) => !names.has(id));
		for (const e of missing.length > 0 ? await records.endpoints.find({ entityId: { $in: missing } }) : []) {
			names.set(e.entityId, e.name);
		}
		return ids.map((id) => names.get(id) ?? id);
	};
	const entries: CalendarEntry[] = [];
	for (const s of sessions) {
		entries.push({
			id: s.entityId,
			title: s.title,
			start: s.plannedStart,
			end: s.plannedEnd,
			place: names.get(s.hostEndpointId) ?? s.hostEndpointId,
			chair: person(s.chairUserId),
			coChairs: (s.coChairUserIds ?? []).map(person),
			endpoints: await otherNames(s.participantEndpointIds),
		});
	}
	return { unit, from, to, entries };
}
