/**
 * Page and type of every printed document, as Nghị định 30/2020/NĐ-CP (công tác văn thư), Điều 9 and
 * Phụ lục I set them for administrative documents (docs/documents.md cites each point).
 */

/** Points per millimetre (PDF units are 1/72 inch). */
export const MM = 72 / 25.4;

/** A4, portrait: Phụ lục I, Phần I, mục I.1–2. */
export const PAGE = { size: "A4" as const, widthMm: 210, heightMm: 297 };

/**
 * Phụ lục I, Phần I, mục I.3: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. Each is set
 * inside its range, not on its edge, so rounding in a viewer never takes it out.
 */
export const MARGINS_MM = { top: 22, bottom: 22, left: 32, right: 17 } as const;
export const MARGIN_RANGES_MM = {
	top: [20, 25],
	bottom: [20, 25],
	left: [30, 35],
	right: [15, 20],
} as const satisfies Record<keyof typeof MARGINS_MM, readonly [number, number]>;

/** Type sizes in points (Phụ lục I, Phần I, mục II: each element's size range; the body 13–14). */
export const SIZE = {
	/** Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": 12–13, bold, capitals. */
	nationalName: 12.5,
	/** Tiêu ngữ "Độc lập - Tự do - Hạnh phúc": 13–14, bold. */
	motto: 13,
	/** Tên cơ quan chủ quản / ban hành: 12–13, capitals (the issuer bold). */
	authority: 12.5,
	/** Số, ký hiệu: 13. */
	number: 13,
	/** Địa danh và thời gian: 13–14, italic. */
	placeDate: 13,
	/** Tên loại (THÔNG BÁO) and trích yếu: 13–14, bold. */
	title: 14,
	/** Nội dung: 13–14. */
	body: 14,
	/** Quyền hạn, chức vụ, họ tên người ký: 13–14, bold. */
	signature: 14,
	/** "Nơi nhận:": 12, bold italic; each recipient: 11. */
	recipientsLabel: 12,
	recipient: 11,
	/** Số trang: 13–14, upright, centred in the top margin, not on page 1 (Phụ lục I, Phần I, mục I.7). */
	pageNumber: 13,
} as const;

/** Body paragraphs: first line indented 1–1.27 cm, at least 6 pt between paragraphs, single to 1.5 line spacing. */
export const PARAGRAPH = { indentMm: 12.7, gapPt: 6, lineGapPt: 2 } as const;

/** The header's two columns: the issuer's on the left, the national motto's on the right. */
export const HEADER_SPLIT = 0.4;

export const NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";
