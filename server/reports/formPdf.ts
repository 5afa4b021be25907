import PDFDocument from "pdfkit";
import type { ReportSection } from "../../domain/api/reports.js";
import type { DocumentFonts } from "../documents/fonts.js";
import { MARGINS_MM, MM, MOTTO, NATIONAL_NAME, SIZE } from "../documents/layout.js";
import type { FormResult } from "./FormStatistics.js";
import { headerCells, NOT_IN_FORM_NOTE, periodLine, type ReportKind, reportTitle } from "./formLayout.js";
import { otherSections, sectionTable } from "./reportSections.js";

type Doc = PDFKit.PDFDocument;

/** The form is wide: printed in three parts, as the national form's column groups run. */
const PARTS = [
	{ title: "I. Kết quả tiếp công dân", from: 1, to: 16 },
	{ title: "II. Nội dung tiếp công dân", from: 17, to: 30 },
	{ title: "III. Kết quả giải quyết các vụ việc qua tiếp công dân", from: 31, to: 99 },
];
const STT_W = 22;
const UNIT_W = 165;
const HEADER_ROW_H = 28;
const ROW_H = 15;
const CELL_SIZE = 9;
const HEADER_SIZE = 7;

/**
 * The report as a landscape A4 PDF in the documents' typography (server/documents/: Liberation
 * Serif, NĐ 30/2020 margins and header): issuer and national motto, title and period, the form in
 * three parts with repeated headers, then the other sections asked for.
 */
export function formPdf(
	form: FormResult,
	sections: readonly ReportSection[],
	fonts: DocumentFonts,
	report: ReportKind = "periodic",
): Promise<Buffer> {
	const title = reportTitle(report);
	const doc = new PDFDocument({
		size: "A4",
		layout: "landscape",
		margins: { top: MARGINS_MM.top * MM, bottom: MARGINS_MM.bottom * MM, left: 20 * MM, right: 15 * MM },
		info: { Title: `${title} – ${form.scope.name}`, CreationDate: new Date(form.generatedAt) },
		lang: "vi-VN",
	} as PDFKit.PDFDocumentOptions);
	for (const face of Object.keys(fonts) as (keyof DocumentFonts)[]) doc.registerFont(face, fonts[face]);
	const chunks: Buffer[] = [];
	doc.on("data", (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on("end", () => resolve(Buffer.concat(chunks)));
		doc.on("error", reject);
	});
	header(doc, form, title);
	if (sections.includes("form")) {
		for (const part of PARTS) {
			const columns = form.columns.filter((c) => c.number >= part.from && c.number <= part.to);
			if (columns.length > 0) formPart(doc, form, part.title, columns);
		}
		if (form.columns.some((c) => !c.inOfficialForm)) {
			doc
				.font("italic")
				.fontSize(10)
				.text(NOT_IN_FORM_NOTE, left(doc), doc.y + 4, { width: width(doc) });
		}
	}
	for (const section of otherSections(sections)) {
		const t = sectionTable(form, section);
		simpleTable(doc, t.title, t.head, t.rows);
	}
	doc.end();
	return done;
}

const left = (doc: Doc) => doc.page.margins.left;
const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function header(doc: Doc, form: FormResult, title: string): void {
	const top = doc.page.margins.top;
	const half = width(doc) * 0.4;
	const rightX = left(doc) + width(doc) - half * 1.2;
	doc
		.font("bold")
		.fontSize(SIZE.authority)
		.text(form.scope.name.toUpperCase(), left(doc), top, { width: half, align: "center" });
	doc
		.font("bold")
		.fontSize(SIZE.nationalName)
		.text(NATIONAL_NAME, rightX, top, { width: half * 1.2, align: "center" });
	doc
		.font("bold")
		.fontSize(SIZE.motto)
		.text(MOTTO, rightX, doc.y, { width: half * 1.2, align: "center" });
	doc.y += 14;
	doc
		.font("bold")
		.fontSize(SIZE.title)
		.text(title, left(doc), doc.y, { width: width(doc), align: "center" });
	doc
		.font("italic")
		.fontSize(12)
		.text(periodLine(form), left(doc), doc.y, { width: width(doc), align: "center" });
	doc
		.font("regular")
		.fontSize(11)
		.text("Đơn vị tính: lượt, người, đoàn, vụ việc", left(doc), doc.y, {
			width: width(doc),
			align: "right",
		});
	doc.y += 6;
}

function box(
	doc: Doc,
	x: number,
	y: number,
	w: number,
	h: number,
	text: string,
	face: string,
	size: number,
	align: "center" | "left" = "center",
): void {
	doc.lineWidth(0.5).rect(x, y, w, h).stroke();
	doc.font(face).fontSize(size);
	const textH = doc.heightOfString(text, { width: w - 4 });
	doc.text(text, x + 2, y + Math.max(1, (h - textH) / 2), { width: w - 4, align, lineBreak: true, height: h });
}

function formPart(doc: Doc, form: FormResult, title: string, columns: FormResult["columns"]): void {
	const { depth, cells } = headerCells(columns);
	const headerH = depth * HEADER_ROW_H + ROW_H;
	if (doc.y + 20 + headerH + 2 * ROW_H > bottom(doc)) doc.addPage();
	doc
		.font("bold")
		.fontSize(11)
		.text(title, left(doc), doc.y + 4, { width: width(doc) });
	const figureW = (width(doc) - STT_W - UNIT_W) / columns.length;
	const drawHeader = () => {
		const y0 = doc.y + 2;
		const x0 = left(doc);
		box(doc, x0, y0, STT_W, depth * HEADER_ROW_H, "STT", "bold", HEADER_SIZE);
		box(doc, x0 + STT_W, y0, UNIT_W, depth * HEADER_ROW_H, "Đơn vị", "bold", HEADER_SIZE);
		for (const h of cells) {
			box(
				doc,
				x0 + STT_W + UNIT_W + h.col * figureW,
				y0 + h.row * HEADER_ROW_H,
				h.colSpan * figureW,
				h.rowSpan * HEADER_ROW_H,
				h.text,
				"bold",
				HEADER_SIZE,
			);
		}
		const yn = y0 + depth * HEADER_ROW_H;
		box(doc, x0, yn, STT_W, ROW_H, "A", "bold", HEADER_SIZE);
		box(doc, x0 + STT_W, yn, UNIT_W, ROW_H, "B", "bold", HEADER_SIZE);
		columns.forEach((c, i) => {
			box(doc, x0 + STT_W + UNIT_W + i * figureW, yn, figureW, ROW_H, String(c.number), "bold", HEADER_SIZE);
		});
		doc.y = yn + ROW_H;
	};
	drawHeader();
	const indexes = columns.map((c) => form.columns.findIndex((x) => x.id === c.id));
	const line = (stt: string, name: string, values: number[], face: string) => {
		if (doc.y + ROW_H > bottom(doc)) {
			doc.addPage();
			drawHeader();
		}
		const y = doc.y;
		const x0 = left(doc);
		box(doc, x0, y, STT_W, ROW_H, stt, face, CELL_SIZE);
		box(doc, x0 + STT_W, y, UNIT_W, ROW_H, name, face, CELL_SIZE - 1, "left");
		indexes.forEach((ci, i) => {
			box(doc, x0 + STT_W + UNIT_W + i * figureW, y, figureW, ROW_H, String(values[ci] ?? 0), face, CELL_SIZE);
		});
		doc.y = y + ROW_H;
	};
	form.rows.forEach((r, i) => {
		line(String(i + 1), r.name, r.values, "regular");
	});
	line("", "Tổng cộng", form.total, "bold");
	doc.x = left(doc);
	doc.y += 8;
}

function simpleTable(doc: Doc, title: string, head: string[], rows: (string | number)[][]): void {
	if (doc.y + 20 + (rows.length + 1) * ROW_H > bottom(doc)) doc.addPage();
	doc
		.font("bold")
		.fontSize(11)
		.text(title, left(doc), doc.y + 4, { width: width(doc) });
	const widths = [200, 90, 90];
	const draw = (cells: (string | number)[], face: string) => {
		if (doc.y + ROW_H > bottom(doc)) doc.addPage();
		const y = doc.y + 2;
		let x = left(doc);
		cells.forEach((c, i) => {
			box(doc, x, y, widths[i] ?? 90, ROW_H, String(c), face, CELL_SIZE, i === 0 ? "left" : "center");
			x += widths[i] ?? 90;
		});
		doc.y = y + ROW_H - 2;
	};
	draw(head, "bold");
	for (const r of rows) draw(r, "regular");
	doc.x = left(doc);
	doc.y += 8;
}
