/**
 * Peak periods and duty rosters (the directive: officials on duty after hours and at night during Tết
 * and extraordinary sessions). Pure rules: shift times in Vietnam's zone, required roles, gaps.
 */

/** Kinds of peak period (đợt cao điểm). */
export const PEAK_PERIOD_KINDS = [
	"tet-duong-lich",
	"tet-nguyen-dan",
	"extraordinary-session",
	"party-congress",
	"other",
] as const;
export type PeakPeriodKind = (typeof PEAK_PERIOD_KINDS)[number];

/** Shifts of a day: office hours, after hours, night (ca hành chính, ngoài giờ, đêm). */
export const SHIFTS = ["office", "after-hours", "night"] as const;
export type Shift = (typeof SHIFTS)[number];

/** Roles on duty: leader on duty, reception officer, IT, security liaison. */
export const DUTY_ROLES = ["leader", "reception", "it", "security"] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];

/** A province's shift settings (docs/duty.md); the defaults are the issue's, not a legal rule. */
export interface ShiftSettings {
	/** "HH:MM", 24-hour, Vietnam's time. */
	hours: Record<Shift, { start: string; end: string }>;
	/** Roles every shift needs outside a peak period. */
	required: Record<Shift, readonly DutyRole[]>;
	/** Roles every shift needs during a peak period. */
	requiredInPeak: Record<Shift, readonly DutyRole[]>;
}

export const DEFAULT_SHIFT_SETTINGS: ShiftSettings = {
	hours: {
		office: { start: "07:30", end: "17:00" },
		"after-hours": { start: "17:00", end: "22:00" },
		night: { start: "22:00", end: "07:30" },
	},
	required: { office: ["leader", "reception"], "after-hours": ["leader", "reception"], night: ["leader", "reception"] },
	requiredInPeak: {
		office: ["leader", "reception"],
		"after-hours": ["leader", "reception", "it"],
		night: ["leader", "reception", "it"],
	},
};

/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET = "+07:00";

/** A calendar day in Vietnam, "YYYY-MM-DD". */
export type Day = string;

export function dayOf(at: Date): Day {
	return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: Day, to: Day): Day[] {
	const days: Day[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
	return days;
}

/** When a shift of a day starts and ends; a shift that ends at or before its start ends the next day. */
export function shiftInterval(day: Day, shift: Shift, settings: ShiftSettings): { start: Date; end: Date } {
	const { start, end } = settings.hours[shift];
	const startAt = new Date(`${day}T${start}:00${VIETNAM_OFFSET}`);
	const endDay = end <= start ? addDays(day, 1) : day;
	return { start: startAt, end: new Date(`${endDay}T${end}:00${VIETNAM_OFFSET}`) };
}

/**
 * Where a roster is kept: an endpoint's own reception point, or one of its agencies (the bodies a case
 * is handed to, e.g. the provincial inspectorate) keeping its own duty at that endpoint.
 */
export interface DutyUnit {
	endpointId: string;
	/** Absent: the endpoint's own reception point. */
	agencyId?: string;
}

/** One person on one shift of one day at one endpoint (or one of its agencies). */
export interface DutySlot extends DutyUnit {
	day: Day;
	shift: Shift;
	role: DutyRole;
	userId: string;
}

/** A unit's shift lacking roles it needs. */
export interface DutyGap extends DutyUnit {
	day: Day;
	shift: Shift;
	missing: DutyRole[];
}

const unitKey = (u: DutyUnit) => `${u.endpointId}|${u.agencyId ?? ""}`;

/**
 * The gaps of a roster over some days: every unit, day and shift whose required roles are not all
 * taken. What a day requires is the caller's to say (a peak period's roles, or the ordinary ones).
 */
export function findGaps(
	units: readonly DutyUnit[],
	days: readonly Day[],
	slots: readonly DutySlot[],
	requiredOn: (endpointId: string, day: Day) => Record<Shift, readonly DutyRole[]>,
): DutyGap[] {
	const taken = new Set(slots.map((s) => `${unitKey(s)}|${s.day}|${s.shift}|${s.role}`));
	const gaps: DutyGap[] = [];
	for (const unit of units)
		for (const day of days) {
			const required = requiredOn(unit.endpointId, day);
			for (const shift of SHIFTS) {
				const missing = required[shift].filter((role) => !taken.has(`${unitKey(unit)}|${day}|${shift}|${role}`));
				if (missing.length === 0) continue;
				gaps.push({ ...unit, day, shift, missing: [...missing] });
			}
		}
	return gaps;
}

/** Whether a slot covers a moment. */
export function covers(slot: Pick<DutySlot, "day" | "shift">, at: Date, settings: ShiftSettings): boolean {
	const { start, end } = shiftInterval(slot.day, slot.shift, settings);
	return start <= at && at < end;
}

/** The days whose shifts can cover a moment: the day itself and, for a night shift, the day before. */
export function candidateDays(at: Date): Day[] {
	const day = dayOf(at);
	return [addDays(day, -1), day];
}

/** Alerts about an endpoint's link go to IT first; the others to the reception officer. */
const IT_ALERTS: readonly string[] = ["offline-before-session", "failing-during-session"];

/** Who on duty an alert goes to, in order: the first responder, then the leader on duty when unacknowledged. */
export function escalationChain(alertKind: string): DutyRole[] {
	return [IT_ALERTS.includes(alertKind) ? "it" : "reception", "leader"];
}
