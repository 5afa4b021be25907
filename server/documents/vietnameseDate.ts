/** Dates and times as Vietnamese official documents write them, in Vietnam's time zone. */

const parts = new Intl.DateTimeFormat("en-GB", {
	timeZone: "Asia/Ho_Chi_Minh",
	year: "numeric",
	month: "numeric",
	day: "numeric",
	hour: "numeric",
	minute: "numeric",
	hourCycle: "h23",
});

interface LocalParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

function local(d: Date): LocalParts {
	const out: Record<string, number> = {};
	for (const p of parts.formatToParts(d)) if (p.type !== "literal") out[p.type] = Number(p.value);
	return out as unknown as LocalParts;
}

const two = (n: number) => String(n).padStart(2, "0");

/**
 * "ngày 03 tháng 12 năm 2026": days below 10 and the months 1 and 2 take a leading zero
 * (NĐ 30/2020, Phụ lục I, Phần I, mục II.4: địa danh và thời gian ban hành văn bản).
 */
export function longDate(d: Date): string {
	const { year, month, day } = local(d);
	return `ngày ${two(day)} tháng ${month <= 2 ? two(month) : String(month)} năm ${year}`;
}

/** The place-and-date line: "Khánh Hòa, ngày 03 tháng 12 năm 2026". */
export function placeAndDate(place: string, d: Date): string {
	return `${place}, ${longDate(d)}`;
}

/** "08 giờ 30". */
export function clock(d: Date): string {
	const { hour, minute } = local(d);
	return `${two(hour)} giờ ${two(minute)}`;
}

/** "02/12/2026", for deadlines and references inside the text. */
export function shortDate(d: Date): string {
	const { year, month, day } = local(d);
	return `${two(day)}/${two(month)}/${year}`;
}

/** The calendar day in Vietnam, "2026-12-02": two instants on the same local day compare equal. */
export function localDay(d: Date): string {
	const { year, month, day } = local(d);
	return `${year}-${two(month)}-${two(day)}`;
}

const WEEKDAYS_VI = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/** "Thứ Ba" for a Tuesday in Vietnam. */
export function weekdayVi(d: Date): string {
	const { year, month, day } = local(d);
	return WEEKDAYS_VI[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? "";
}
