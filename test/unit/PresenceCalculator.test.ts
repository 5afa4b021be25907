import { expect, it } from "vitest";
import { type AttendanceEventLike, summarisePresence } from "../../server/records/PresenceCalculator.js";
import type { AttendanceKind } from "../../signaling/AttendanceRecorder.js";

const t0 = Date.parse("2026-11-28T01:00:00Z");
const at = (minute: number) => new Date(t0 + minute * 60_000);
const ev = (
	minute: number,
	participantId: string,
	endpointId: string,
	userId: string,
	kind: AttendanceKind,
): AttendanceEventLike => ({
	participantId,
	endpointId,
	userId,
	kind,
	at: at(minute),
});

it("splits presence at reconnects, counts overlapping seats of one endpoint once, and names who never came", () => {
	const events = [
		ev(0, "p1", "province", "chair", "joined"),
		ev(2, "p2", "commune", "op", "admitted"),
		ev(10, "p2", "commune", "op", "reconnecting"),
		ev(11, "p2", "commune", "op", "reconnected"),
		ev(12, "p3", "commune", "op2", "joined"),
		ev(20, "p3", "commune", "op2", "left"),
		ev(30, "p2", "commune", "op", "removed"),
		ev(45, "p1", "province", "chair", "session-ended"),
	];
	const summary = summarisePresence(events, {
		endpointIds: ["province", "commune", "central"],
		userIds: ["chair", "secretary"],
		endedAt: at(45),
		now: at(60),
	});
	expect(
		summary.intervals.map((i) => [i.participantId, (i.from.getTime() - t0) / 60_000, (i.to.getTime() - t0) / 60_000]),
	).toEqual([
		["p1", 0, 45],
		["p2", 2, 10],
		["p2", 11, 30],
		["p3", 12, 20],
	]);
	// 2–10 and 11–30; op2's 12–20 lies inside the commune's second interval.
	expect(summary.byEndpoint).toEqual({
		province: { minutes: 45, intervals: 1 },
		commune: { minutes: 27, intervals: 3 },
	});
	expect(summary.byUser.op).toEqual({ minutes: 27, intervals: 2, endpointIds: ["commune"] });
	expect(summary.invitedNeverCame).toEqual({ endpointIds: ["central"], userIds: ["secretary"] });
});

it("keeps an interval open while the session runs and closes it at its end", () => {
	const events = [ev(0, "p1", "province", "chair", "joined"), ev(5, "p1", "province", "chair", "joined")];
	const running = summarisePresence(events, { endpointIds: [], userIds: [], now: at(20) });
	expect(running.intervals).toEqual([expect.objectContaining({ from: at(0), to: at(20), open: true })]);
	const ended = summarisePresence(events, { endpointIds: [], userIds: [], endedAt: at(15), now: at(20) });
	expect(ended.byUser.chair?.minutes).toBe(15);
	expect(ended.intervals[0]?.open).toBe(false);
});
