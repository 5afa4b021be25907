import ExcelJS from "exceljs";
import type { ReportSection } from "../../domain/api/reports.js";
import { MOTTO, NATIONAL_NAME } from "../documents/layout.js";
import type { FormResult } from "./FormStatistics.js";
import { headerCells, NOT_IN_FORM_NOTE, periodLine, type ReportKind, reportTitle } from "./formLayout.js";
import { otherSections, sectionTable } from "./reportSections.js";

const FONT = "Times New Roman";
const THIN = { style: "thin" as const };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The first figure column (after STT and the unit's name). */
export const FIRST_FIGURE_COLUMN = 3;

/**
 * The report as a workbook laid out like the national form: issuer and national motto, title,
 * period, the nested column headers with their numbers, one row per unit and the total; then the
 * other sections asked for, each on its own sheet.
 */
export async function formXlsx(
	form: FormResult,
	sections: readonly ReportSection[],
	report: ReportKind = "periodic",
): Promise<Buffer> {
	return Buffer.from(await formWorkbook(form, sections, report).xlsx.writeBuffer());
}

/** The workbook `formXlsx` writes, for a document that adds sheets of its own (duty's period summary). */
export function formWorkbook(
	form: FormResult,
	sections: readonly ReportSection[],
	report: ReportKind = "periodic",
): ExcelJS.Workbook {
	const book = new ExcelJS.Workbook();
	book.creator = "Reception Bridge";
	book.created = new Date(form.generatedAt);
	book.title = `${reportTitle(report)} – ${form.scope.name}`;
	if (sections.includes("form")) formSheet(book, form, reportTitle(report));
	for (const section of otherSections(sections)) {
		const t = sectionTable(form, section);
		// An ad-hoc report's sheets each say what they are part of: it may have no form sheet.
		table(book, t.title, t.head, t.rows, report === "ad-hoc" ? [reportTitle(report), periodLine(form)] : []);
	}
	return book;
}

function formSheet(book: ExcelJS.Workbook, form: FormResult, title: string): void {
	const sheet = book.addWorksheet("Biểu tổng hợp", {
		pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
	});
	const figures = form.columns.length;
	const last = FIRST_FIGURE_COLUMN + figures; // the "Ghi chú" column
	const put = (row: number, col: number, value: string | number, bold = false, size = 11) => {
		const cell = sheet.getCell(row, col);
		cell.value = value;
		cell.font = { name: FONT, size, bold };
		cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
		return cell;
	};
	const band = (row: number, from: number, to: number, value: string, bold = false, size = 11) => {
		sheet.mergeCells(row, from, row, to);
		put(row, from, value, bold, size);
	};
	band(1, 1, 8, form.scope.name.toUpperCase(), true);
	band(1, last - 12, last, NATIONAL_NAME, true);
	band(2, last - 12, last, MOTTO, true);
	band(4, 1, last, title, true, 14);
	band(5, 1, last, periodLine(form), false, 12);
	band(6, 1, last, "Đơn vị tính: lượt, người, đoàn, vụ việc", false, 11);

	const top = 8;
	const { depth, cells } = headerCells(form.columns);
	const headerEnd = top + depth - 1;
	for (const [col, text] of [
		[1, "STT"],
		[2, "Đơn vị"],
		[last, "Ghi chú"],
	] as const) {
		sheet.mergeCells(top, col, headerEnd, col);
		put(top, col, text, true).border = BOX;
	}
	for (const h of cells) {
		const row = top + h.row;
		const col = FIRST_FIGURE_COLUMN + h.col;
		if (h.rowSpan > 1 || h.colSpan > 1) sheet.mergeCells(row, col, row + h.rowSpan - 1, col + h.colSpan - 1);
		put(row, col, h.text, true, 10).border = BOX;
	}
	const numbers = headerEnd + 1;
	put(numbers, 1, "A", true).border = BOX;
	put(numbers, 2, "B", true).border = BOX;
	for (const c of form.columns) put(numbers, FIRST_FIGURE_COLUMN + c.number - 1, c.number, true).border = BOX;
	put(numbers, last, "C", true).border = BOX;

	let r = numbers + 1;
	const line = (stt: string | number, name: string, values: number[], bold: boolean) => {
		put(r, 1, stt, bold).border = BOX;
		const nameCell = put(r, 2, name, bold);
		nameCell.alignment = { horizontal: "left", vertical: "middle", wrapText: true };
		nameCell.border = BOX;
		values.forEach((v, i) => {
			put(r, FIRST_FIGURE_COLUMN + i, v, bold).border = BOX;
		});
		put(r, last, "", bold).border = BOX;
		r++;
	};
	form.rows.forEach((row, i) => {
		line(i + 1, row.name, row.values, false);
	});
	line("", "Tổng cộng", form.total, true);
	if (form.columns.some((c) => !c.inOfficialForm)) {
		sheet.mergeCells(r + 1, 1, r + 1, last);
		sheet.getCell(r + 1, 1).value = NOT_IN_FORM_NOTE;
		sheet.getCell(r + 1, 1).font = { name: FONT, size: 10, italic: true };
	}
	sheet.getColumn(1).width = 5;
	sheet.getColumn(2).width = 30;
	for (let c = FIRST_FIGURE_COLUMN; c < last; c++) sheet.getColumn(c).width = 7;
	sheet.getColumn(last).width = 10;
	for (let row = top; row <= headerEnd; row++) sheet.getRow(row).height = 48;
	sheet.views = [{ state: "frozen", xSplit: 2, ySplit: numbers }];
}

/** A plain sheet: a bold header row, then the rows; the first column wide. */
export function table(
	book: ExcelJS.Workbook,
	name: string,
	header: string[],
	rows: (string | number)[][],
	/** Lines above the table (a title, a period), then an empty line. */
	heading: string[] = [],
): void {
	const sheet = book.addWorksheet(name);
	for (const line of heading) sheet.addRow([line]).font = { name: FONT, bold: true };
	if (heading.length > 0) sheet.addRow([]);
	sheet.addRow(header).font = { name: FONT, bold: true };
	for (const row of rows) sheet.addRow(row).font = { name: FONT };
	sheet.columns.forEach((c, i) => {
		c.width = i === 0 ? 50 : 14;
	});
}
