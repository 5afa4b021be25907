/**
 * Reporting periods. Periodic reports cut their data off as Nghị định 09/2019/NĐ-CP, Điều 12 says:
 * from the 15th of the month before the period to the 14th of its last month (a month: 15/(m-1) to
 * 14/m; a quarter: 15 of the month before it to 14 of its third month; 6 months: 15/12 of the year
 * before to 14/06; 9 months: to 14/09; a year: 15/12 of the year before to 14/12). The cut-off day
 * is a setting (`REPORT_CUTOFF_DAY`); 1 means calendar periods. Days are Vietnam's (UTC+7, no
 * daylight saving), so a day starts at 17:00 UTC the day before.
 */

export const PERIOD_KINDS = ["month", "quarter", "half-year", "nine-months", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Nghị định 09/2019/NĐ-CP, Điều 12: periods start on the 15th of the month before. */
export const DEFAULT_CUTOFF_DAY = 15;

export interface PeriodSpec {
	kind: PeriodKind;
	year?: number;
	/** Month 1–12, quarter 1–4, half 1–2; unused for nine months and a year. */
	index?: number;
	/** A custom range: first and last day, both included (`YYYY-MM-DD`, Vietnam's days). */
	from?: string;
	to?: string;
}

/** A resolved period: `from` included, `to` excluded (instants), and the days it covers. */
export interface Period {
	kind: PeriodKind;
	from: Date;
	to: Date;
	/** First and last day covered, `YYYY-MM-DD` in Vietnam's calendar. */
	firstDay: string;
	lastDay: string;
	/** "Quý I/2026", "6 tháng đầu năm 2026", … */
	labelVi: string;
	labelEn: string;
	cutoffDay: number;
	/** A periodic report's reporting months (`YYYY-MM`, see `reportingMonth`); none for a custom range. */
	months?: string[];
}

/** A period that cannot be built, naming the part of the request at fault. */
export class PeriodError extends Error {
	constructor(
		readonly path: string,
		message: string,
	) {
		super(message);
		this.name = "PeriodError";
	}
}

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const ROMAN = ["I", "II", "III", "IV"];

/** Midnight in Vietnam of a calendar day (month may overflow: month 0 is December of the year before). */
function vnMidnight(year: number, month: number, day: number): Date {
	return new Date(Date.UTC(year, month - 1, day) - VN_OFFSET_MS);
}

/** The Vietnamese calendar day of an instant, `YYYY-MM-DD`. */
export function vnDay(at: Date): string {
	return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function parseDay(value: string, path: string): Date {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	const date = m ? vnMidnight(Number(m[1]), Number(m[2]), Number(m[3])) : null;
	if (!m || !date || vnDay(date) !== value) throw new PeriodError(path, `${value} is not a day (YYYY-MM-DD)`);
	return date;
}

/** Months 1–12 covered by a periodic report of this kind and index. */
function monthsOf(kind: Exclude<PeriodKind, "custom">, index: number | undefined): [number, number] {
	const need = (max: number) => {
		if (index === undefined || !Number.isInteger(index) || index < 1 || index > max)
			throw new PeriodError("index", `a ${kind} needs index 1–${max}`);
		return index;
	};
	switch (kind) {
		case "month": {
			const m = need(12);
			return [m, m];
		}
		case "quarter": {
			const q = need(4);
			return [3 * q - 2, 3 * q];
		}
		case "half-year": {
			const h = need(2);
			return [6 * h - 5, 6 * h];
		}
		case "nine-months":
			return [1, 9];
		case "year":
			return [1, 12];
	}
}

function labels(kind: PeriodKind, year: number, index: number | undefined, first: string, last: string) {
	const dmy = (d: string) => d.split("-").reverse().join("/");
	switch (kind) {
		case "month":
			return { vi: `Tháng ${index}/${year}`, en: `Month ${index}/${year}` };
		case "quarter":
			return { vi: `Quý ${ROMAN[(index ?? 1) - 1]}/${year}`, en: `Quarter ${ROMAN[(index ?? 1) - 1]}/${year}` };
		case "half-year":
			return index === 1
				? { vi: `6 tháng đầu năm ${year}`, en: `First half of ${year}` }
				: { vi: `6 tháng cuối năm ${year}`, en: `Second half of ${year}` };
		case "nine-months":
			return { vi: `9 tháng năm ${year}`, en: `Nine months of ${year}` };
		case "year":
			return { vi: `Năm ${year}`, en: `Year ${year}` };
		case "custom":
			return { vi: `Từ ${dmy(first)} đến ${dmy(last)}`, en: `From ${dmy(first)} to ${dmy(last)}` };
	}
}

/** Longest custom range accepted: ten years. */
const MAX_CUSTOM_DAYS = 3660;

export function resolvePeriod(spec: PeriodSpec, cutoffDay: number = DEFAULT_CUTOFF_DAY): Period {
	if (!Number.isInteger(cutoffDay) || cutoffDay < 1 || cutoffDay > 28)
		throw new PeriodError("cutoffDay", "the cut-off day is 1–28");
	let from: Date;
	let to: Date;
	let year = spec.year ?? 0;
	let months: string[] | undefined;
	if (spec.kind === "custom") {
		if (!spec.from || !spec.to) throw new PeriodError(spec.from ? "to" : "from", "a custom period needs from and to");
		from = parseDay(spec.from, "from");
		to = new Date(parseDay(spec.to, "to").getTime() + DAY_MS);
		if (to.getTime() <= from.getTime())
			throw new PeriodError("to", `the end ${spec.to} precedes the start ${spec.from}`);
		if (to.getTime() - from.getTime() > MAX_CUSTOM_DAYS * DAY_MS)
			throw new PeriodError("to", `a custom period is at most ${MAX_CUSTOM_DAYS} days`);
		year = Number(spec.from.slice(0, 4));
	} else {
		if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new PeriodError("year", "a year 2000–2100");
		const [m1, m2] = monthsOf(spec.kind, spec.index);
		// Cut-off on day d: from d of the month before the first month to d of the last month (excluded);
		// d = 1 is the calendar: the whole of the first to the last month.
		const shift = cutoffDay === 1 ? 0 : 1;
		from = vnMidnight(year, m1 - shift, cutoffDay);
		to = vnMidnight(year, m2 + 1 - shift, cutoffDay);
		months = [];
		for (let m = m1; m <= m2; m++) months.push(`${year}-${String(m).padStart(2, "0")}`);
	}
	const firstDay = vnDay(from);
	const lastDay = vnDay(new Date(to.getTime() - DAY_MS));
	const label = labels(spec.kind, year, spec.index, firstDay, lastDay);
	const period = { kind: spec.kind, from, to, firstDay, lastDay, labelVi: label.vi, labelEn: label.en, cutoffDay };
	return months ? { ...period, months } : period;
}

/**
 * The reporting month (`YYYY-MM`) an instant falls in: the month whose periodic report counts it.
 * With cut-off day d > 1, the d-th of a month starts the next month's report (15/01 – 14/02 is
 * February's); with d = 1 it is the calendar month. Periodic periods are whole reporting months.
 */
export function reportingMonth(at: Date, cutoffDay: number = DEFAULT_CUTOFF_DAY): string {
	const [y, m, d] = vnDay(at).split("-").map(Number) as [number, number, number];
	const next = cutoffDay > 1 && d >= cutoffDay;
	const year = next && m === 12 ? y + 1 : y;
	const month = next ? (m % 12) + 1 : m;
	return `${year}-${String(month).padStart(2, "0")}`;
}

/** The calendar months (`YYYY-MM`) a period touches, for a trend by month. */
export function monthsIn(period: Pick<Period, "firstDay" | "lastDay">): string[] {
	const out: string[] = [];
	let [y, m] = period.firstDay.split("-").map(Number) as [number, number];
	const last = period.lastDay.slice(0, 7);
	for (;;) {
		const key = `${y}-${String(m).padStart(2, "0")}`;
		out.push(key);
		if (key >= last) return out;
		m++;
		if (m > 12) {
			m = 1;
			y++;
		}
	}
}
