/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving): an official day runs 00:00–24:00 there. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
export const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight in Vietnam starting the calendar day `YYYY-MM-DD`; null when it is not a real day. */
export function vietnamDayStart(day: string): Date | null {
	const m = DAY_PATTERN.exec(day);
	if (!m) return null;
	const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	// 2026-02-30 would roll over into March: not a day.
	if (new Date(utc).toISOString().slice(0, 10) !== day) return null;
	return new Date(utc - VIETNAM_OFFSET_MS);
}

/** The last instant of the calendar day `YYYY-MM-DD` in Vietnam: a deadline typed as a day runs to its end. */
export function vietnamDayEnd(day: string): Date | null {
	const start = vietnamDayStart(day);
	return start ? new Date(start.getTime() + DAY_MS - 1) : null;
}
