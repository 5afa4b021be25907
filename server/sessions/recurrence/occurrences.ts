import rrule from "rrule";
import type { RecurrenceRequest } from "../../../domain/api/sessions.js";
import { type IssueCode, ValidationError } from "../../../domain/errors.js";
import { MAX_OCCURRENCES } from "../../../domain/sessions.js";

const { RRule } = rrule;

/** Vietnam keeps UTC+7 all year (no daylight saving): local wall-clock time is a fixed shift. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60_000;

const FREQUENCY = { weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const;
const WEEKDAY = {
	MO: RRule.MO,
	TU: RRule.TU,
	WE: RRule.WE,
	TH: RRule.TH,
	FR: RRule.FR,
	SA: RRule.SA,
	SU: RRule.SU,
} as const;

export interface Occurrences {
	/** The rule as iCalendar writes it (without DTSTART). */
	rule: string;
	/** Each occurrence's start, first the plan's own. */
	starts: Date[];
}

function refused(path: string, message: string, code: IssueCode = "invalid", limit?: number): ValidationError {
	return new ValidationError(`${path}: ${message}`, [
		{ path: `body.${path}`, message, code, ...(limit !== undefined ? { limit } : {}) },
	]);
}

/**
 * The starts a recurrence gives from `first` (the first session's planned start), computed on
 * Vietnam's wall clock so "the 15th at 08:00" stays that. Refused, before anything is written, when
 * it has no end (it would create sessions without limit) or would create more than MAX_OCCURRENCES.
 */
export function occurrences(first: Date, recurrence: RecurrenceRequest): Occurrences {
	if (recurrence.count === undefined && recurrence.until === undefined) {
		throw refused(
			"recurrence.until",
			`a recurrence with no end would create sessions without limit: give an end date (until) or a number of sessions (count, at most ${MAX_OCCURRENCES})`,
			"unbounded",
			MAX_OCCURRENCES,
		);
	}
	if (recurrence.until && recurrence.until < first)
		throw refused("recurrence.until", "the end is before the first session");
	if (recurrence.setPosition !== undefined && (recurrence.frequency !== "monthly" || !recurrence.weekday)) {
		throw refused("recurrence.setPosition", "the n-th weekday is for a monthly recurrence with a weekday");
	}
	const wall = (d: Date) => new Date(d.getTime() + VIETNAM_OFFSET_MS);
	const dtstart = wall(first);
	const rule = new RRule({
		freq: FREQUENCY[recurrence.frequency],
		interval: recurrence.interval,
		dtstart,
		...(recurrence.monthDay ? { bymonthday: recurrence.monthDay } : {}),
		...(recurrence.weekday ? { byweekday: WEEKDAY[recurrence.weekday] } : {}),
		...(recurrence.setPosition !== undefined ? { bysetpos: recurrence.setPosition } : {}),
		...(recurrence.count !== undefined ? { count: recurrence.count } : {}),
		...(recurrence.until ? { until: wall(recurrence.until) } : {}),
	});
	// Never enumerate more than one past the limit, whatever the rule says.
	const local = rule.all((_, i) => i <= MAX_OCCURRENCES);
	if (local.length > MAX_OCCURRENCES) {
		throw refused(
			"recurrence",
			`this recurrence would create more than ${MAX_OCCURRENCES} sessions: end it sooner or recur less often`,
			"too_many",
			MAX_OCCURRENCES,
		);
	}
	if (local.length === 0) throw refused("recurrence", "this recurrence gives no session");
	const text =
		rule
			.toString()
			.split("\n")
			.find((l) => l.startsWith("RRULE:")) ?? "";
	return { rule: text.replace(/^RRULE:/, ""), starts: local.map((d) => new Date(d.getTime() - VIETNAM_OFFSET_MS)) };
}
