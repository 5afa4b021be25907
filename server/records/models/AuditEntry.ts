import { Schema } from "mongoose";
import type { JsonValue } from "../canonicalJson.js";

/** Who wrote, and from where. */
export interface AuditActor {
	userId: string;
	role?: string;
	/** A client address, or the subsystem: "signalling", "seed". */
	origin: string;
}

/**
 * One link of the hash-chained audit log: `_id` is the sequence number (1, 2, …), so a gap shows a
 * missing entry, and `hash` covers every other field plus the previous entry's hash.
 */
export const auditEntrySchema = new Schema(
	{
		_id: { type: Number, required: true },
		/** `collection/documentId` of the write; unique so a replayed write is logged once. */
		ref: { type: String, required: true },
		at: { type: Date, required: true },
		actor: {
			userId: { type: String, required: true },
			role: { type: String },
			/** Where the write came from: an address, or "signalling", "seed". */
			origin: { type: String, required: true },
		},
		action: { type: String, required: true },
		collectionName: { type: String, required: true },
		documentId: { type: String, required: true },
		/** The document as written, in canonical form. */
		document: { type: Schema.Types.Mixed, required: true },
		prevHash: { type: String, required: true },
		/** True once the chain is keyed: `hash` is an HMAC under AUDIT_KEY (plain SHA-256 before). */
		keyed: { type: Boolean },
		hash: { type: String, required: true },
	},
	{ versionKey: false, collection: "auditlog", minimize: false },
);
auditEntrySchema.index({ ref: 1 }, { unique: true });

export interface AuditEntryRecord {
	_id: number;
	ref: string;
	at: Date;
	actor: AuditActor;
	action: string;
	collectionName: string;
	documentId: string;
	document: JsonValue;
	prevHash: string;
	keyed?: boolean;
	hash: string;
}
