import { type ErrorIssue, ValidationError } from "../../domain/errors.js";

/** Vietnam's offset from UTC (no daylight saving): a session's calendar day starts at 00:00 there. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** A task due more than this long after its session is a typo (2062 for 2026), not a plan. */
const MAX_AHEAD_MS = 3 * 365 * 86_400_000;

/** Midnight in Vietnam of the day `at` falls on, as an instant. */
export function vietnamDayStart(at: Date): Date {
	const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
	return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - VIETNAM_OFFSET_MS);
}

/**
 * Task deadlines fall on or after the session's day and within a few years of it: a deadline of
 * 01/01/2020 set in a 2026 session is refused, naming the field and the bound.
 */
export function requirePlausibleDeadlines(assignments: unknown, sessionStart: Date): void {
	if (!Array.isArray(assignments)) return;
	const earliest = vietnamDayStart(sessionStart);
	const latest = new Date(earliest.getTime() + MAX_AHEAD_MS);
	const issues: ErrorIssue[] = [];
	assignments.forEach((a: { deadline?: unknown }, i) => {
		const deadline = new Date(a.deadline as string | Date);
		const path = `body.assignments.${i}.deadline`;
		if (deadline < earliest) {
			issues.push({ path, message: "before the session", code: "too_early", limit: earliest.toISOString() });
		} else if (deadline > latest) {
			issues.push({ path, message: "too far after the session", code: "too_late", limit: latest.toISOString() });
		}
	});
	if (issues.length > 0) throw new ValidationError("implausible task deadline", issues);
}
