import { describe, expect, it } from "vitest";
import { ConflictError, ValidationError } from "../../domain/errors.js";
import {
	canTransition,
	isAttendable,
	isDeciding,
	isJoinable,
	nextStep,
	SESSION_TRANSITIONS,
	type SessionStatus,
} from "../../domain/sessionLifecycle.js";
import { SESSION_STATUSES } from "../../domain/vocabulary.js";
import type { ReceptionSessionRecord } from "../../server/records/models/ReceptionSession.js";
import { transitionChanges } from "../../server/records/SessionLifecycle.js";

const ALLOWED: [SessionStatus, SessionStatus][] = [
	["scheduled", "open"],
	["scheduled", "cancelled"],
	["open", "live"],
	["open", "cancelled"],
	["live", "ended"],
	["ended", "concluded"],
];

describe("the lifecycle", () => {
	it("allows exactly scheduled → open → live → ended → concluded, and cancelling before going live", () => {
		for (const from of SESSION_STATUSES) {
			for (const to of SESSION_STATUSES) {
				const expected = ALLOWED.some(([f, t]) => f === from && t === to);
				expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
			}
		}
		expect(Object.keys(SESSION_TRANSITIONS).sort()).toEqual([...SESSION_STATUSES].sort());
	});

	it("offers one forward step per button, never cancel or conclude", () => {
		expect(SESSION_STATUSES.map((s) => [s, nextStep(s)])).toEqual([
			["scheduled", "open"],
			["open", "live"],
			["live", "ended"],
			["ended", undefined],
			["concluded", undefined],
			["cancelled", undefined],
		]);
	});

	it("says when tokens are issued, the room runs, and outcomes are recorded", () => {
		const where = (is: (s: SessionStatus) => boolean) => SESSION_STATUSES.filter(is);
		expect(where(isAttendable)).toEqual(["scheduled", "open", "live"]);
		expect(where(isJoinable)).toEqual(["open", "live"]);
		expect(where(isDeciding)).toEqual(["live", "ended"]);
	});
});

describe("a step's changes", () => {
	const session = (status: SessionStatus) => ({ status }) as ReceptionSessionRecord;

	it("stamps each step with the server's time", () => {
		const before = Date.now();
		const changes = transitionChanges(session("open"), { to: "live" });
		expect(changes).toEqual({ status: "live", liveAt: expect.any(Date) });
		expect((changes.liveAt as Date).getTime()).toBeGreaterThanOrEqual(before);
		expect(transitionChanges(session("live"), { to: "ended" })).toHaveProperty("endedAt");
	});

	it("refuses a step the lifecycle does not allow with CONFLICT", () => {
		expect(() => transitionChanges(session("live"), { to: "cancelled", reason: "storm" })).toThrow(ConflictError);
		expect(() => transitionChanges(session("concluded"), { to: "open" })).toThrow(ConflictError);
	});

	it("needs a reason to cancel and the issued notice to conclude", () => {
		expect(() => transitionChanges(session("scheduled"), { to: "cancelled" })).toThrow(ValidationError);
		expect(transitionChanges(session("scheduled"), { to: "cancelled", reason: "chair unavailable" })).toEqual({
			status: "cancelled",
			cancellationReason: "chair unavailable",
		});
		expect(() => transitionChanges(session("ended"), { to: "concluded" })).toThrow(ValidationError);
		const notice = { number: "12/TB-UBND", version: 1, sha256: "a".repeat(64), noticeId: "n1" };
		expect(transitionChanges(session("ended"), { to: "concluded", notice })).toMatchObject({
			status: "concluded",
			concludedAt: expect.any(Date),
			notice,
		});
	});
});
