import type { Language } from "./i18n/index.js";

/** Official times are Vietnam's, whatever zone the office computer is set to. */
export const OFFICIAL_TIME_ZONE = "Asia/Ho_Chi_Minh";

const FIELDS = new Intl.DateTimeFormat("en-GB", {
	timeZone: OFFICIAL_TIME_ZONE,
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
	hour: "2-digit",
	minute: "2-digit",
	hourCycle: "h23",
});

function fields(at: string | Date | number): Record<"day" | "month" | "year" | "hour" | "minute", string> {
	const parts = Object.fromEntries(FIELDS.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
	return {
		day: parts.day ?? "",
		month: parts.month ?? "",
		year: (parts.year ?? "").padStart(4, "0"),
		hour: parts.hour ?? "",
		minute: parts.minute ?? "",
	};
}

/**
 * Dates and times as official documents write them, in either language: dd/mm/yyyy and a 24-hour
 * clock, in Asia/Ho_Chi_Minh. `language` is accepted for symmetry with the texts; the form is the same.
 */
export function formatDateTime(at: string | Date | number, _language?: Language): string {
	const f = fields(at);
	return `${f.day}/${f.month}/${f.year} ${f.hour}:${f.minute}`;
}

export function formatDate(at: string | Date | number, _language?: Language): string {
	const f = fields(at);
	return `${f.day}/${f.month}/${f.year}`;
}

export function formatTime(at: string | Date | number, _language?: Language): string {
	const f = fields(at);
	return `${f.hour}:${f.minute}`;
}

/** A chart library's date template (uPlot's `{M}/{D}`, `{h}:{mm}{aa}`) rewritten as dd/mm/yyyy, 24-hour. */
export function officialDateTemplate(template: string): string {
	return template
		.replaceAll("{M}/{D}", "{DD}/{MM}")
		.replaceAll("{YY}", "{YYYY}")
		.replaceAll("{h}", "{HH}")
		.replace(/\s?\{(aa|AA|a)\}/g, "");
}

/** `YYYY-MM-DDTHH:mm` in the browser's zone, for a datetime-local input. */
export function dateTimeInput(d: Date): string {
	const shifted = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
	return shifted.toISOString().slice(0, 16);
}

/** A number as the reader writes it: "6,3" in Vietnamese (decimal comma, dot for thousands), "6.3" in English. */
export function formatNumber(value: number, language: Language, fractionDigits?: number): string {
	return value.toLocaleString(language === "vi" ? "vi-VN" : "en-GB", {
		maximumFractionDigits: fractionDigits ?? 2,
		...(fractionDigits !== undefined ? { minimumFractionDigits: fractionDigits } : {}),
	});
}
