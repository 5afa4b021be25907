import type { FormResult } from "./FormStatistics.js";

function field(value: string | number): string {
	const text = String(value);
	return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The form as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Vietnamese): one
 * header line naming each column by its number and headers, one line per unit, then the total.
 */
export function formCsv(form: FormResult): Buffer {
	const header = [
		"STT",
		"Đơn vị",
		...form.columns.map((c) => `(${c.number}) ${c.vi.join(" – ")}${c.inOfficialForm ? "" : " (*)"}`),
	];
	const lines = [header, ...form.rows.map((r, i) => [i + 1, r.name, ...r.values]), ["", "Tổng cộng", ...form.total]];
	return Buffer.from(`\uFEFF${lines.map((l) => l.map(field).join(",")).join("\r\n")}\r\n`, "utf8");
}
