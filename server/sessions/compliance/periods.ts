import type { DutyPeriod } from "../../../domain/sessions.js";

/** Vietnam's fixed UTC+7: calendar months and weeks are cut on its wall clock. */
const OFFSET = 7 * 60 * 60_000;
const DAY = 24 * 60 * 60_000;

export interface Period {
	/** "12/2026" for a month, "Tuần 49/2026" for an ISO week. */
	label: string;
	from: Date;
	to: Date;
}

function monthStart(year: number, month: number): Date {
	return new Date(Date.UTC(year, month, 1) - OFFSET);
}

/** ISO week number (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(localMidnight: Date): { year: number; week: number } {
	const d = new Date(localMidnight);
	const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY);
	const year = thursday.getUTCFullYear();
	const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY));
	return { year, week };
}

/** Every whole month or week (Monday to Sunday) that overlaps [from, to), in Vietnam's time. */
export function periodsBetween(period: DutyPeriod, from: Date, to: Date): Period[] {
	const out: Period[] = [];
	const local = new Date(from.getTime() + OFFSET);
	if (period === "month") {
		let year = local.getUTCFullYear();
		let month = local.getUTCMonth();
		for (let start = monthStart(year, month); start < to; start = monthStart(year, month)) {
			const end = monthStart(month === 11 ? year + 1 : year, (month + 1) % 12);
			out.push({ label: `${String(month + 1).padStart(2, "0")}/${year}`, from: start, to: end });
			month = (month + 1) % 12;
			if (month === 0) year++;
		}
		return out;
	}
	const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
	const monday = midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY;
	for (let start = monday; start - OFFSET < to.getTime(); start += 7 * DAY) {
		const { year, week } = isoWeek(new Date(start));
		out.push({ label: `Tuần ${week}/${year}`, from: new Date(start - OFFSET), to: new Date(start + 7 * DAY - OFFSET) });
	}
	return out;
}
