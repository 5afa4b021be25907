import PDFDocument from "pdfkit";
import type { DocumentFonts } from "./fonts.js";
import { HEADER_SPLIT, MARGINS_MM, MM, MOTTO, NATIONAL_NAME, PAGE, PARAGRAPH, SIZE } from "./layout.js";
import { numberLine, type OfficialDocument, recipientLines } from "./OfficialDocument.js";
import { placeAndDate } from "./vietnameseDate.js";

type Doc = PDFKit.PDFDocument;
type Face = keyof DocumentFonts;

/** Metadata for the PDF's document information dictionary. */
export interface PdfInfo {
	title: string;
	subject?: string;
	author?: string;
}

/**
 * Draws an administrative document on A4 in Liberation Serif (Times metrics) with NĐ 30/2020's
 * margins, sizes and layout; page numbers from page 2, centred in the top margin.
 */
export function renderOfficialPdf(spec: OfficialDocument, fonts: DocumentFonts, info: PdfInfo): Promise<Buffer> {
	const doc = new PDFDocument({
		size: PAGE.size,
		margins: {
			top: MARGINS_MM.top * MM,
			bottom: MARGINS_MM.bottom * MM,
			left: MARGINS_MM.left * MM,
			right: MARGINS_MM.right * MM,
		},
		bufferPages: true,
		info: {
			Title: info.title,
			...(info.subject ? { Subject: info.subject } : {}),
			...(info.author ? { Author: info.author } : {}),
			// The document's own date, so the same document renders to the same metadata.
			CreationDate: spec.date,
			ModDate: spec.date,
		},
		lang: "vi-VN",
	} as PDFKit.PDFDocumentOptions);
	for (const face of Object.keys(fonts) as Face[]) doc.registerFont(face, fonts[face]);
	const chunks: Buffer[] = [];
	doc.on("data", (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on("end", () => resolve(Buffer.concat(chunks)));
		doc.on("error", reject);
	});

	const page = new PageFrame(doc);
	header(doc, page, spec);
	title(doc, page, spec);
	for (const block of spec.body) {
		text(doc, block.type === "heading" ? "bold" : "regular", SIZE.body).text(
			block.type === "item" ? `- ${block.text}` : block.text,
			page.left,
			doc.y,
			{
				width: page.width,
				align: "justify",
				indent: PARAGRAPH.indentMm * MM,
				lineGap: PARAGRAPH.lineGapPt,
				paragraphGap: PARAGRAPH.gapPt,
			},
		);
	}
	signatureAndRecipients(doc, page, spec);
	pageNumbers(doc, page);
	doc.end();
	return done;
}

/** The writable frame of a page: inside the decree's margins. */
class PageFrame {
	readonly left: number;
	readonly width: number;
	readonly top: number;
	constructor(readonly doc: Doc) {
		this.left = doc.page.margins.left;
		this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
		this.top = doc.page.margins.top;
	}
	get bottom(): number {
		return this.doc.page.height - this.doc.page.margins.bottom;
	}
	/** Starts a new page unless `height` points still fit on this one. */
	ensure(height: number): void {
		if (this.doc.y + height > this.bottom) this.doc.addPage();
	}
}

function text(doc: Doc, face: Face, size: number): Doc {
	return doc.font(face).fontSize(size);
}

/** A centred rule under a line of text, `share` of the text's width (the decree's underlines). */
function rule(doc: Doc, centre: number, y: number, width: number): void {
	doc
		.moveTo(centre - width / 2, y)
		.lineTo(centre + width / 2, y)
		.lineWidth(0.6)
		.stroke();
}

/** Ô số 1–4: issuer and number on the left, national motto and place-and-date on the right. */
function header(doc: Doc, page: PageFrame, spec: OfficialDocument): void {
	const top = page.top;
	const leftWidth = page.width * HEADER_SPLIT;
	const rightX = page.left + leftWidth;
	const rightWidth = page.width - leftWidth;
	const leftCentre = page.left + leftWidth / 2;
	const rightCentre = rightX + rightWidth / 2;

	// Left column: parent authority (regular), issuer (bold) with a rule under it, then the number.
	doc.y = top;
	if (spec.issuer.parentAuthority) {
		text(doc, "regular", SIZE.authority).text(spec.issuer.parentAuthority.toUpperCase(), page.left, doc.y, {
			width: leftWidth,
			align: "center",
		});
	}
	const authority = spec.issuer.authority.toUpperCase();
	text(doc, "bold", SIZE.authority).text(authority, page.left, doc.y, { width: leftWidth, align: "center" });
	const authorityRuleWidth = Math.min(doc.widthOfString(authority), leftWidth) * 0.4;
	rule(doc, leftCentre, doc.y + 1.5, authorityRuleWidth);
	doc.y += 9;
	const number = numberLine(spec);
	if (number) text(doc, "regular", SIZE.number).text(number, page.left, doc.y, { width: leftWidth, align: "center" });
	const leftEnd = doc.y;

	// Right column: Quốc hiệu, Tiêu ngữ underlined its whole length, place and date in italics.
	doc.y = top;
	if (spec.motto !== false) {
		text(doc, "bold", SIZE.nationalName).text(NATIONAL_NAME, rightX, doc.y, { width: rightWidth, align: "center" });
		text(doc, "bold", SIZE.motto).text(MOTTO, rightX, doc.y, { width: rightWidth, align: "center" });
		rule(doc, rightCentre, doc.y + 1.5, doc.widthOfString(MOTTO));
		doc.y += 9;
	}
	text(doc, "italic", SIZE.placeDate).text(placeAndDate(spec.place, spec.date), rightX, doc.y, {
		width: rightWidth,
		align: "center",
	});
	doc.x = page.left;
	doc.y = Math.max(leftEnd, doc.y) + 18;
}

/** Ô số 5: the kind in capitals and the excerpt, bold and centred, a short rule under them. */
function title(doc: Doc, page: PageFrame, spec: OfficialDocument): void {
	if (spec.draft) {
		text(doc, "bold", SIZE.title).text("DỰ THẢO", page.left, doc.y, { width: page.width, align: "center" });
	}
	text(doc, "bold", SIZE.title).text(spec.kind.toUpperCase(), page.left, doc.y, { width: page.width, align: "center" });
	if (spec.excerpt) {
		text(doc, "bold", SIZE.title).text(spec.excerpt, page.left + page.width * 0.08, doc.y, {
			width: page.width * 0.84,
			align: "center",
		});
	}
	rule(doc, page.left + page.width / 2, doc.y + 4, page.width * 0.2);
	doc.y += 16;
}

/**
 * Ô số 7 and 9: the signature block on the right, "Nơi nhận" on the left at the same height, kept on
 * one page. The signature is drawn first, so text extraction reads it before the recipients.
 */
function signatureAndRecipients(doc: Doc, page: PageFrame, spec: OfficialDocument): void {
	const leftWidth = page.width * 0.45;
	const rightX = page.left + leftWidth;
	const rightWidth = page.width - leftWidth;
	const signatureLines = [spec.signature.capacity, spec.signature.position].filter((l): l is string => !!l);
	const lines = recipientLines(spec);
	text(doc, "bold", SIZE.signature);
	const signatureHeight =
		signatureLines.reduce((h, l) => h + doc.heightOfString(l.toUpperCase(), { width: rightWidth }), 0) +
		// The space a signature (and seal) takes, then the name.
		60 +
		doc.heightOfString(spec.signature.name, { width: rightWidth });
	text(doc, "regular", SIZE.recipient);
	const recipientsHeight =
		SIZE.recipientsLabel * 1.3 + lines.reduce((h, l) => h + doc.heightOfString(l, { width: leftWidth }), 0);
	doc.y += 6;
	page.ensure(Math.max(signatureHeight, recipientsHeight));
	const top = doc.y;

	for (const line of signatureLines) {
		text(doc, "bold", SIZE.signature).text(line.toUpperCase(), rightX, doc.y, { width: rightWidth, align: "center" });
	}
	doc.y += 60;
	text(doc, "bold", SIZE.signature).text(spec.signature.name, rightX, doc.y, { width: rightWidth, align: "center" });
	const signatureEnd = doc.y;

	doc.y = top;
	text(doc, "boldItalic", SIZE.recipientsLabel).text("Nơi nhận:", page.left, doc.y, { width: leftWidth });
	for (const line of lines) {
		text(doc, "regular", SIZE.recipient).text(line, page.left, doc.y, { width: leftWidth });
	}
	doc.x = page.left;
	doc.y = Math.max(signatureEnd, doc.y);
}

/** From page 2: the number, upright, centred in the top margin (page 1 shows none). */
function pageNumbers(doc: Doc, page: PageFrame): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start + 1; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const size = SIZE.pageNumber;
		text(doc, "regular", size).text(String(i + 1), page.left, (page.top - size) / 2, {
			width: page.width,
			align: "center",
			lineBreak: false,
		});
	}
}
