/** The conclusion notice's shapes: what the issuer states and the notice as stored with each issued version. */
import type { DocumentIssuer, DocumentSignature } from "../../documents/OfficialDocument.js";

/** What the issuer states when issuing; everything else comes from the record. */
export interface NoticeDetails {
	/** Số, ký hiệu: "15/TB-UBND". */
	number: string;
	place?: string;
	issuer?: Omit<DocumentIssuer, "number">;
	signature?: DocumentSignature;
	/** Agency representatives present who are not users; defaults to the invited agencies. */
	otherParticipants?: string[];
	/** Recipients beyond those the record gives (central office, agencies with tasks, citizens). */
	recipients?: string[];
}

/** One case's part of the conclusions: who came about what, and what was decided. */
export interface NoticeCase {
	heading: string;
	paragraphs: string[];
}

/**
 * The notice as printed, JSON-safe: stored with each issued version (its text never changes after),
 * and turned into an `OfficialDocument` by `noticeDocument`.
 */
export interface NoticeContent {
	draft: boolean;
	issuer: DocumentIssuer;
	place: string;
	/** ISO date of issue. */
	date: string;
	excerpt: string;
	/** "Thông báo này đính chính…": on a correction, naming the version it replaces and why. */
	correction?: string;
	opening: string[];
	/** "Sau khi nghe…, Chủ tịch UBND tỉnh kết luận như sau:". */
	lead: string;
	cases: NoticeCase[];
	/** Tasks grouped per agency, each with its deadline and whom to report to. */
	tasks: { agency: string; text: string }[];
	closing: string;
	signature: DocumentSignature;
	recipients: string[];
}
