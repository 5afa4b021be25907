import type { AttendanceKind } from "../../signaling/AttendanceRecorder.js";

export interface AttendanceEventLike {
	_id?: string;
	corrects?: string;
	participantId: string;
	endpointId: string;
	userId: string;
	kind: AttendanceKind;
	at: Date;
	details?: Record<string, unknown>;
}

/** Someone waiting in the lobby now: endpoint, person, and (as they signed in) their position and role. */
export interface LobbyWaiting {
	participantId: string;
	endpointId: string;
	userId: string;
	since: Date;
	role?: string;
	position?: string;
}

export interface PresenceInterval {
	participantId: string;
	endpointId: string;
	userId: string;
	from: Date;
	to: Date;
	/** Still present when the summary was made (the session has not ended). */
	open: boolean;
}

export interface PresenceTotal {
	minutes: number;
	intervals: number;
}

export interface PresenceSummary {
	intervals: PresenceInterval[];
	byEndpoint: Record<string, PresenceTotal>;
	byUser: Record<string, PresenceTotal & { endpointIds: string[] }>;
	invitedNeverCame: { endpointIds: string[]; userIds: string[] };
	/** Who waits in the lobby now (none once the session ended). */
	waiting: LobbyWaiting[];
}

export interface Invitation {
	endpointIds: readonly string[];
	userIds: readonly string[];
	/** When the session ended; open intervals are cut here, or at `now` while it runs. */
	endedAt?: Date | null;
	now: Date;
}

/** Being in the room starts with these … */
const ARRIVE: ReadonlySet<AttendanceKind> = new Set(["joined", "admitted", "reconnected"]);
/** … and stops with these. A reconnect gap is not presence: "reconnecting" closes the interval. */
const DEPART: ReadonlySet<AttendanceKind> = new Set(["left", "reconnecting", "removed", "denied"]);

/**
 * Presence intervals from a session's attendance events (in server-time order): per seat, from an
 * arrival to the next departure; the session's end closes every open interval.
 */
export function summarisePresence(events: readonly AttendanceEventLike[], invitation: Invitation): PresenceSummary {
	const open = new Map<string, { event: AttendanceEventLike; from: Date }>();
	/** Each seat's latest fact: whoever's is `waiting-in-lobby` still waits (admitted, denied, left end it). */
	const latest = new Map<string, AttendanceEventLike>();
	const intervals: PresenceInterval[] = [];
	const close = (participantId: string, to: Date, stillOpen = false) => {
		const seat = open.get(participantId);
		if (!seat) return;
		open.delete(participantId);
		const { endpointId, userId } = seat.event;
		intervals.push({ participantId, endpointId, userId, from: seat.from, to, open: stillOpen });
	};
	// Corrections are facts too: a voided fact stays on record but counts for nothing.
	const voided = new Set(events.filter((e) => e.kind === "voided").map((e) => e.corrects));
	for (const event of events) {
		if (event._id !== undefined && voided.has(event._id)) continue;
		if (event.kind !== "voided") latest.set(event.participantId, event);
		if (event.kind === "session-ended") {
			for (const id of [...open.keys()]) close(id, event.at);
		} else if (ARRIVE.has(event.kind)) {
			if (!open.has(event.participantId)) open.set(event.participantId, { event, from: event.at });
		} else if (DEPART.has(event.kind)) {
			close(event.participantId, event.at);
		}
	}
	const cutoff = invitation.endedAt ?? invitation.now;
	for (const id of [...open.keys()]) close(id, cutoff, !invitation.endedAt);
	intervals.sort((a, b) => a.from.getTime() - b.from.getTime());

	const byEndpoint = totals(intervals, (i) => i.endpointId);
	const byUserTotals = totals(intervals, (i) => i.userId);
	const byUser = Object.fromEntries(
		Object.entries(byUserTotals).map(([userId, total]) => [
			userId,
			{
				...total,
				endpointIds: [...new Set(intervals.filter((i) => i.userId === userId).map((i) => i.endpointId))],
			},
		]),
	);
	const waiting = invitation.endedAt
		? []
		: [...latest.values()]
				.filter((e) => e.kind === "waiting-in-lobby")
				.map((e) => ({
					participantId: e.participantId,
					endpointId: e.endpointId,
					userId: e.userId,
					since: e.at,
					...(typeof e.details?.role === "string" ? { role: e.details.role } : {}),
					...(typeof e.details?.position === "string" ? { position: e.details.position } : {}),
				}));
	return {
		intervals,
		waiting,
		byEndpoint,
		byUser,
		invitedNeverCame: {
			endpointIds: invitation.endpointIds.filter((id) => !(id in byEndpoint)),
			userIds: invitation.userIds.filter((id) => !(id in byUser)),
		},
	};
}

/** Minutes covered by each group's intervals, overlaps counted once (two seats of one endpoint). */
function totals(
	intervals: readonly PresenceInterval[],
	key: (i: PresenceInterval) => string,
): Record<string, PresenceTotal> {
	const groups = new Map<string, PresenceInterval[]>();
	for (const i of intervals) groups.set(key(i), [...(groups.get(key(i)) ?? []), i]);
	const result: Record<string, PresenceTotal> = {};
	for (const [id, group] of groups) {
		let ms = 0;
		let reach = Number.NEGATIVE_INFINITY;
		for (const i of group) {
			const from = Math.max(i.from.getTime(), reach);
			const to = i.to.getTime();
			if (to > from) ms += to - from;
			reach = Math.max(reach, to);
		}
		result[id] = { minutes: Math.round((ms / 60_000) * 100) / 100, intervals: group.length };
	}
	return result;
}
