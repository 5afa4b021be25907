/**
 * An administrative document in the form NĐ 30/2020/NĐ-CP sets (thể thức văn bản hành chính): what
 * it says, free of how it is drawn. `renderOfficialPdf` and `renderOfficialHtml` draw it.
 */

/** Ô số 2 and 3: the issuing authority (under its parent, if any) and the number and symbol. */
export interface DocumentIssuer {
	/** Tên cơ quan chủ quản trực tiếp, e.g. "UBND TỈNH KHÁNH HÒA"; left out for a top-level issuer. */
	parentAuthority?: string;
	/** Tên cơ quan ban hành, e.g. "VĂN PHÒNG" or "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA". */
	authority: string;
	/** Số và ký hiệu, e.g. "15/TB-VPUBND"; a draft leaves it empty. */
	number?: string;
}

export type DocumentBlock =
	/** A body paragraph, justified, its first line indented. */
	| { type: "paragraph"; text: string }
	/** A bold line opening a section ("1. …"). */
	| { type: "heading"; text: string }
	/** One point of an enumeration, written "- …" as the decree's own lists are. */
	| { type: "item"; text: string };

/** Ô số 7: quyền hạn (TM., KT., TL., Q.), chức vụ and the signer's name. */
export interface DocumentSignature {
	/** "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"; left out when the head signs in their own name. */
	capacity?: string;
	/** "CHÁNH VĂN PHÒNG". */
	position: string;
	name: string;
}

export interface OfficialDocument {
	issuer: DocumentIssuer;
	/** Địa danh, e.g. "Khánh Hòa" (the province, without "tỉnh"). */
	place: string;
	date: Date;
	/** Tên loại: "THÔNG BÁO", "BÁO CÁO", "KẾ HOẠCH". */
	kind: string;
	/** Trích yếu nội dung, under the kind. */
	excerpt?: string;
	/** Marked "DỰ THẢO" above the kind, and numbered "…". */
	draft?: boolean;
	body: DocumentBlock[];
	signature: DocumentSignature;
	/** Nơi nhận, without the archive line. */
	recipients: string[];
	/** The archive line's holders: "VT" (văn thư) and, optionally, the drafting unit's initials. */
	archive?: string[];
	/** Whether the national motto block heads it (every administrative document; a register page may omit it). */
	motto?: boolean;
}

/** "Số: 15/TB-UBND"; a draft's "Số: …"; none for a document that is not numbered (a register page). */
export function numberLine(doc: Pick<OfficialDocument, "draft" | "issuer">): string | null {
	if (doc.draft) return "Số: …";
	return doc.issuer.number ? `Số: ${doc.issuer.number}` : null;
}

/** The "Nơi nhận" lines as printed: "- X;" each, the last "- Lưu: VT." (Phụ lục I, Phần I, mục II.9). */
export function recipientLines(doc: Pick<OfficialDocument, "recipients" | "archive">): string[] {
	const bare = (s: string) => s.trim().replace(/[.;,]+$/, "");
	return [
		...doc.recipients.map((r) => `- ${bare(r)};`),
		`- Lưu: ${(doc.archive && doc.archive.length > 0 ? doc.archive : ["VT"]).join(", ")}.`,
	];
}

/** Joins clauses the way the body writes them, never doubling punctuation (no ".;"). */
export function sentence(...clauses: (string | undefined | null)[]): string {
	const parts = clauses.map((c) => (c ?? "").trim().replace(/[.;,:]+$/, "")).filter((c) => c.length > 0);
	return parts.length === 0 ? "" : `${parts.join("; ")}.`;
}
