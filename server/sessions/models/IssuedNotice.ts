import { Schema } from "mongoose";
import { indexRevisions, type RevisionFields, revisionFields } from "../../records/models/revision.js";
import type { NoticeContent, NoticeDetails } from "../notice/noticeShape.js";

/**
 * One issued version of a session's conclusion notice: revision N is version N. The PDF's bytes are
 * in the blob store under `sha256`; the hash, the number and the content as printed are here and so
 * in the audit chain. A correction is the next revision, with its reason, superseding the previous.
 */
export const issuedNoticeSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			sessionId: { type: String, required: true },
			number: { type: String, required: true },
			issuedAt: { type: Date, required: true },
			sha256: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
			size: { type: Number, required: true, min: 1 },
			/** The notice as printed: what the screen and the HTML show of this version. */
			content: { type: Schema.Types.Mixed, required: true },
			/** What the issuer stated (number, signer, extra recipients): a correction starts from these. */
			details: { type: Schema.Types.Mixed, required: true },
			/** The version this one corrects. */
			replaces: {
				version: { type: Number },
				number: { type: String },
				sha256: { type: String },
			},
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "issuednotices", minimize: false },
	),
);
issuedNoticeSchema.index({ sessionId: 1, rev: 1 }, { unique: true });

export interface IssuedNoticeRecord extends RevisionFields {
	sessionId: string;
	number: string;
	issuedAt: Date;
	sha256: string;
	size: number;
	content: NoticeContent;
	details: NoticeDetails;
	replaces?: { version?: number; number?: string; sha256?: string };
	scopeEndpointIds: string[];
}
