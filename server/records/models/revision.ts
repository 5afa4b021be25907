import { Schema } from "mongoose";

import { CHANGE_KINDS, type ChangeKind } from "../../../domain/vocabulary.js";

export { CHANGE_KINDS, type ChangeKind };

/**
 * Fields every revisioned record carries. A record is never updated in place: each change is a new
 * document (a revision) that points at the one it supersedes; the current state is the revision no
 * other revision supersedes.
 */
export const revisionFields = {
	/** Stable id of the record across its revisions. */
	entityId: { type: String, required: true },
	rev: { type: Number, required: true, min: 1 },
	supersedes: { type: Schema.Types.ObjectId, default: null },
	change: {
		kind: { type: String, enum: CHANGE_KINDS, required: true },
		reason: { type: String },
	},
	recordedAt: { type: Date, required: true },
	recordedBy: { type: String, required: true },
} as const;

/** One revision per number: two writers revising the same head collide here instead of forking. */
export function indexRevisions(schema: Schema): Schema {
	schema.index({ entityId: 1, rev: 1 }, { unique: true });
	schema.index({ supersedes: 1 });
	return schema;
}

export interface RevisionFields {
	_id: unknown;
	entityId: string;
	rev: number;
	supersedes: unknown;
	change: { kind: ChangeKind; reason?: string | null };
	recordedAt: Date;
	recordedBy: string;
}
