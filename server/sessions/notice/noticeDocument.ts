import type { DocumentBlock, OfficialDocument } from "../../documents/OfficialDocument.js";
import type { NoticeContent } from "./noticeShape.js";

export const NOTICE_KIND = "Thông báo";

/**
 * The notice's parts in the decree's order: issuer and number, place and date, kind and excerpt,
 * the opening (who chaired, who attended), the conclusions per case, the tasks per agency, the
 * closing line, the signature block and "Nơi nhận" ending "Lưu: VT".
 */
export function noticeDocument(n: NoticeContent): OfficialDocument {
	const body: DocumentBlock[] = [
		...(n.correction ? [{ type: "paragraph" as const, text: n.correction }] : []),
		...n.opening.map((text) => ({ type: "paragraph" as const, text })),
		{ type: "paragraph", text: n.lead },
		{ type: "heading", text: "1. Kết luận đối với từng vụ việc" },
		...n.cases.flatMap((c) => [
			{ type: "heading" as const, text: c.heading },
			...c.paragraphs.map((text) => ({ type: "paragraph" as const, text })),
		]),
		{ type: "heading", text: "2. Giao nhiệm vụ" },
		...(n.tasks.length > 0
			? n.tasks.map((t) => ({ type: "item" as const, text: t.text }))
			: [{ type: "paragraph" as const, text: "Không có nhiệm vụ giao thêm." }]),
		{ type: "paragraph", text: n.closing },
	];
	return {
		issuer: n.issuer,
		place: n.place,
		date: new Date(n.date),
		kind: NOTICE_KIND,
		excerpt: n.excerpt,
		draft: n.draft,
		body,
		signature: n.signature,
		recipients: n.recipients,
	};
}
