import PDFDocument from "pdfkit";
import type { DocumentFonts } from "../documents/fonts.js";
import type { ConclusionNoticeData } from "./ConclusionNotice.js";
import { noticeOutline } from "./NoticeOutline.js";

/** The notice as an A4 PDF, in a TrueType font that has every Vietnamese diacritic. */
export function renderNoticePdf(notice: ConclusionNoticeData, fonts: DocumentFonts): Promise<Buffer> {
	const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: "Thông báo kết luận tiếp công dân" } });
	doc.registerFont("regular", fonts.regular);
	doc.registerFont("bold", fonts.bold);
	const chunks: Buffer[] = [];
	doc.on("data", (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on("end", () => resolve(Buffer.concat(chunks)));
		doc.on("error", reject);
	});
	const width = doc.page.width - 112;
	for (const b of noticeOutline(notice)) {
		switch (b.type) {
			case "header": {
				const top = doc.y;
				doc
					.font("bold")
					.fontSize(9)
					.text(b.left.join("\n"), 56, top, { width: width * 0.4, align: "center" });
				const leftEnd = doc.y;
				doc.text(b.right.join("\n"), 56 + width * 0.45, top, { width: width * 0.55, align: "center" });
				doc.x = 56;
				doc.y = Math.max(leftEnd, doc.y) + 12;
				break;
			}
			case "title":
				doc.font("bold").fontSize(13).text(b.text, { align: "center" }).moveDown(0.5);
				break;
			case "heading":
				doc.font("bold").fontSize(11).text(b.text).moveDown(0.2);
				break;
			case "paragraph":
				doc.font("regular").fontSize(10.5).text(b.text, { align: "justify" }).moveDown(0.3);
				break;
			case "list":
				doc.font("regular").fontSize(10.5).list(b.items, { bulletRadius: 1.5 }).moveDown(0.3);
				break;
		}
	}
	doc.end();
	return done;
}
