import type { ReportSection } from "../../domain/api/reports.js";
import type { FormResult } from "./FormStatistics.js";
import { periodLine, type ReportKind, reportTitle } from "./formLayout.js";
import { otherSections, sectionTable } from "./reportSections.js";

function field(value: string | number): string {
	const text = String(value);
	return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Vietnamese): the
 * title and period, then each section asked for after an empty line — the form as one header line
 * naming each column by its number and headers, one line per unit and the total; the other sections
 * as a title line and their table.
 */
export function formCsv(form: FormResult, sections: readonly ReportSection[], report: ReportKind): Buffer {
	const lines: (string | number)[][] = [[reportTitle(report)], [periodLine(form)]];
	if (sections.includes("form")) {
		const header = [
			"STT",
			"Đơn vị",
			...form.columns.map((c) => `(${c.number}) ${c.vi.join(" – ")}${c.inOfficialForm ? "" : " (*)"}`),
		];
		lines.push([], header, ...form.rows.map((r, i) => [i + 1, r.name, ...r.values]), ["", "Tổng cộng", ...form.total]);
	}
	for (const section of otherSections(sections)) {
		const table = sectionTable(form, section);
		lines.push([], [table.title], table.head, ...table.rows);
	}
	return Buffer.from(`\uFEFF${lines.map((l) => l.map(field).join(",")).join("\r\n")}\r\n`, "utf8");
}
