/**
 * Dates and times as officials type them (dd/mm/yyyy, 24-hour hh:mm, mm/yyyy) and as the API takes
 * them (yyyy-mm-dd, hh:mm, yyyy-mm-ddThh:mm, yyyy-mm), whatever language the browser runs in.
 */

export interface TypedForm {
	/** The official form's pattern (an HTML `pattern`), its placeholder, and the two conversions. */
	pattern: string;
	placeholder: string;
	hint: "dateFormatHint" | "timeFormatHint" | "dateTimeFormatHint" | "monthFormatHint";
	toApi(typed: string): string | null;
	toTyped(api: string): string;
}

const two = (n: string | undefined) => (n ?? "").padStart(2, "0");

/** A real calendar day (no 31/02), or null. */
function day(d: string, m: string, y: string): string | null {
	const iso = `${y}-${two(m)}-${two(d)}`;
	const at = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === iso ? iso : null;
}

function time(h: string, min: string): string | null {
	return Number(h) < 24 && Number(min) < 60 ? `${two(h)}:${two(min)}` : null;
}

export const DAY: TypedForm = {
	pattern: String.raw`\d{1,2}/\d{1,2}/\d{4}`,
	placeholder: "dd/mm/yyyy",
	hint: "dateFormatHint",
	toApi(typed) {
		const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
		return m ? day(m[1] ?? "", m[2] ?? "", m[3] ?? "") : null;
	},
	toTyped: (api) => (/^\d{4}-\d{2}-\d{2}$/.test(api) ? api.split("-").reverse().join("/") : api),
};

export const TIME: TypedForm = {
	pattern: String.raw`\d{1,2}:\d{2}`,
	placeholder: "hh:mm",
	hint: "timeFormatHint",
	toApi(typed) {
		const m = /^(\d{1,2}):(\d{2})$/.exec(typed);
		return m ? time(m[1] ?? "", m[2] ?? "") : null;
	},
	toTyped: (api) => api,
};

export const DATE_TIME: TypedForm = {
	pattern: String.raw`\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}`,
	placeholder: "dd/mm/yyyy hh:mm",
	hint: "dateTimeFormatHint",
	toApi(typed) {
		const [d = "", t = ""] = typed.split(/\s+/);
		const onDay = DAY.toApi(d);
		const at = TIME.toApi(t);
		return onDay && at ? `${onDay}T${at}` : null;
	},
	toTyped(api) {
		const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(api);
		return m ? `${DAY.toTyped(m[1] ?? "")} ${m[2]}` : api;
	},
};

export const MONTH: TypedForm = {
	pattern: String.raw`\d{1,2}/\d{4}`,
	placeholder: "mm/yyyy",
	hint: "monthFormatHint",
	toApi(typed) {
		const m = /^(\d{1,2})\/(\d{4})$/.exec(typed);
		return m && Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${m[2]}-${two(m[1])}` : null;
	},
	toTyped: (api) => (/^\d{4}-\d{2}$/.test(api) ? api.split("-").reverse().join("/") : api),
};

/** The API's form of what was typed; anything that does not parse is passed on as typed. */
export const toApi = (form: TypedForm, typed: string): string => form.toApi(typed.trim()) ?? typed.trim();

/** `dd/mm/yyyy` as the API takes a day (`yyyy-mm-dd`); anything else as typed. */
export const isoDay = (typed: string): string => toApi(DAY, typed);
