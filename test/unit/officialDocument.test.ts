import { describe, expect, it } from "vitest";
import { DEFAULT_DOCUMENT_FONT_DIR, documentFonts } from "../../server/documents/fonts.js";
import { MARGIN_RANGES_MM } from "../../server/documents/layout.js";
import { type OfficialDocument, recipientLines, sentence } from "../../server/documents/OfficialDocument.js";
import { renderOfficialPdf } from "../../server/documents/renderOfficialPdf.js";
import { clock, longDate, placeAndDate } from "../../server/documents/vietnameseDate.js";
import { MM, pdfFonts, readPdfLayout } from "../support/pdfLayout.js";

const paragraph =
	"Ngày 02 tháng 12 năm 2026, tại Trụ sở Tiếp công dân tỉnh, ông Lê Văn Cường, Chủ tịch Ủy ban nhân dân tỉnh chủ trì buổi tiếp công dân định kỳ trực tuyến với các điểm cầu phường Nha Trang và phường Phan Rang.";

const spec: OfficialDocument = {
	issuer: { parentAuthority: "UBND tỉnh Khánh Hòa", authority: "Văn phòng", number: "15/TB-VPUBND" },
	place: "Khánh Hòa",
	date: new Date("2026-12-03T02:00:00Z"),
	kind: "Thông báo",
	excerpt: "Kết luận của Chủ tịch UBND tỉnh tại buổi tiếp công dân định kỳ (trực tuyến)",
	body: Array.from({ length: 24 }, () => ({ type: "paragraph" as const, text: paragraph })),
	signature: { capacity: "TL. Chủ tịch", position: "Chánh Văn phòng", name: "Trần Văn Bình" },
	recipients: ["Ban Tiếp công dân Trung ương", "Sở Tài chính;", "Bà Nguyễn Thị Lan."],
};

describe("official document typography (NĐ 30/2020/NĐ-CP)", () => {
	it("writes place, date and times the way the decree does", () => {
		expect(placeAndDate("Khánh Hòa", new Date("2026-12-03T02:00:00Z"))).toBe("Khánh Hòa, ngày 03 tháng 12 năm 2026");
		// Vietnam's day, not UTC's: 23:30 UTC on 2 Feb is already 3 Feb in Hà Nội; months 1 and 2 take a zero.
		expect(longDate(new Date("2026-02-02T23:30:00Z"))).toBe("ngày 03 tháng 02 năm 2026");
		expect(longDate(new Date("2026-03-15T03:00:00Z"))).toBe("ngày 15 tháng 3 năm 2026");
		expect(clock(new Date("2026-12-02T01:30:00Z"))).toBe("08 giờ 30");
	});

	it("ends every recipient with a semicolon, the archive line with a full stop, and never doubles punctuation", () => {
		expect(recipientLines(spec)).toEqual([
			"- Ban Tiếp công dân Trung ương;",
			"- Sở Tài chính;",
			"- Bà Nguyễn Thị Lan;",
			"- Lưu: VT.",
		]);
		expect(sentence("Rà soát đơn giá.", "thời hạn 15/01/2027", "báo cáo Chủ tịch UBND tỉnh.")).toBe(
			"Rà soát đơn giá; thời hạn 15/01/2027; báo cáo Chủ tịch UBND tỉnh.",
		);
	});

	it("sets an A4 page in Liberation Serif at the decree's sizes and margins, numbered from page 2", async () => {
		const pdf = await renderOfficialPdf(spec, documentFonts(DEFAULT_DOCUMENT_FONT_DIR), { title: "Thông báo" });
		const fonts = pdfFonts(pdf);
		expect(fonts.length).toBeGreaterThan(0);
		for (const f of fonts) {
			expect(f.name).toMatch(/^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$/);
			expect(f.embedded).toBe(true);
		}

		const layout = await readPdfLayout(pdf);
		expect(layout.pages.length).toBeGreaterThanOrEqual(2);
		for (const p of layout.pages) {
			expect(p.width).toBeCloseTo(210 * MM, 0);
			expect(p.height).toBeCloseTo(297 * MM, 0);
		}
		const body = layout.items.filter((i) => i.text.includes("Trụ sở Tiếp công dân") || i.text.includes("Phan Rang"));
		expect(body.length).toBeGreaterThan(0);
		for (const i of body) {
			expect(i.size).toBeGreaterThanOrEqual(13);
			expect(i.size).toBeLessThanOrEqual(14);
		}

		// Page numbers: none on page 1; "2", "3"… centred in the top margin of the others.
		const isNumber = (i: { text: string; top: number }) => /^\d+$/.test(i.text.trim()) && i.top < 20 * MM;
		expect(layout.items.filter((i) => i.page === 1 && isNumber(i))).toEqual([]);
		for (let n = 2; n <= layout.pages.length; n++) {
			const number = layout.items.find((i) => i.page === n && isNumber(i));
			expect(number?.text).toBe(String(n));
			expect(((number?.left ?? 0) + (number?.right ?? 0)) / 2).toBeCloseTo((32 * MM + (210 - 17) * MM) / 2, -1);
		}

		// Margins, measured from the text itself (page numbers live in the top margin by design).
		const text = layout.items.filter((i) => !isNumber(i));
		const mm = (pt: number) => pt / MM;
		const leftMost = Math.min(...text.map((i) => i.left));
		const rightMost = Math.max(...text.map((i) => i.right));
		expect(mm(leftMost)).toBeGreaterThanOrEqual(MARGIN_RANGES_MM.left[0]);
		expect(mm(leftMost)).toBeLessThanOrEqual(MARGIN_RANGES_MM.left[1]);
		expect(210 - mm(rightMost)).toBeGreaterThanOrEqual(MARGIN_RANGES_MM.right[0]);
		expect(210 - mm(rightMost)).toBeLessThanOrEqual(MARGIN_RANGES_MM.right[1]);
		for (const [n] of layout.pages.entries()) {
			const onPage = text.filter((i) => i.page === n + 1);
			const top = Math.min(...onPage.map((i) => i.top));
			const bottom = Math.max(...onPage.map((i) => i.bottom));
			expect(mm(top)).toBeGreaterThanOrEqual(MARGIN_RANGES_MM.top[0]);
			expect(mm(top)).toBeLessThanOrEqual(MARGIN_RANGES_MM.top[1] + 2);
			expect(297 - mm(bottom)).toBeGreaterThanOrEqual(MARGIN_RANGES_MM.bottom[0]);
		}
	});
});
