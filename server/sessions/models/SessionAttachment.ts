import { Schema } from "mongoose";
import { ATTACHMENT_MEDIA_TYPES, type AttachmentMediaType } from "../../../domain/sessions.js";
import { indexRevisions, type RevisionFields, revisionFields } from "../../records/models/revision.js";

/**
 * A document attached to a session (a case file, evidence): PDF or image as its bytes say, stored
 * by SHA-256 in the blob store; the hash is here and so in the audit chain. Removing it is a
 * revision (`removed`), never a deletion.
 */
export const sessionAttachmentSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			sessionId: { type: String, required: true },
			/** The case on the agenda it belongs to, if any. */
			caseId: { type: String },
			name: { type: String, required: true, maxlength: 200 },
			mediaType: { type: String, enum: ATTACHMENT_MEDIA_TYPES, required: true },
			size: { type: Number, required: true, min: 1 },
			sha256: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
			removed: { type: Boolean, default: false },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "sessionattachments" },
	),
);
sessionAttachmentSchema.index({ sessionId: 1 });

export interface SessionAttachmentRecord extends RevisionFields {
	sessionId: string;
	caseId?: string;
	name: string;
	mediaType: AttachmentMediaType;
	size: number;
	sha256: string;
	removed: boolean;
	scopeEndpointIds: string[];
}
