import type { Model } from "mongoose";
import { GENESIS_HASH } from "./AuditLog.js";
import type { AuditCheckpoint, AuditSeal } from "./AuditSeal.js";
import { canonicalJson } from "./canonicalJson.js";
import type { AuditEntryRecord } from "./models/AuditEntry.js";

export interface AuditReport {
	ok: boolean;
	entries: number;
	documents: number;
	/** Signed checkpoints (outside the database) the chain was checked against. */
	checkpoints: number;
	problems: string[];
}

/**
 * Walks the audit chain and the audited collections: a missing sequence number, a broken link or a
 * hash that does not verify under the audit key means the log was tampered with; an entry missing
 * or different from what a signed checkpoint recorded means the chain was truncated or recomputed;
 * a document that has no entry, or differs from the one its entry recorded, means a record was
 * written or changed behind the log.
 */
export async function verifyAudit(
	auditModel: Model<Record<string, unknown>>,
	audited: Model<Record<string, unknown>>[],
	seal: AuditSeal,
	checkpoints: readonly AuditCheckpoint[],
): Promise<AuditReport> {
	const problems: string[] = [];
	const signed = new Map<number, AuditCheckpoint>();
	for (const cp of checkpoints) {
		if (seal.signed(cp)) signed.set(cp.seq, cp);
		else problems.push(`checkpoint at entry ${cp.seq} is not signed with this audit key`);
	}
	const written = new Map<string, string>();
	let expected = 1;
	let prevHash = GENESIS_HASH;
	let entries = 0;
	let keyedSeen = false;
	for await (const entry of auditModel.find().sort({ _id: 1 }).lean<AuditEntryRecord>().cursor()) {
		entries++;
		if (entry._id !== expected) {
			problems.push(`audit entries ${expected}..${entry._id - 1} are missing`);
		} else if (entry.prevHash !== prevHash) {
			problems.push(`audit entry ${entry._id} does not link to the entry before it`);
		}
		if (entry.keyed) keyedSeen = true;
		else if (keyedSeen) problems.push(`audit entry ${entry._id} is not keyed, after keyed entries`);
		if (seal.entryHash(entry) !== entry.hash) problems.push(`audit entry ${entry._id} was modified`);
		const cp = signed.get(entry._id);
		if (cp && cp.hash !== entry.hash) {
			problems.push(`audit entry ${entry._id} differs from its checkpoint of ${cp.at}: the chain was recomputed`);
		}
		signed.delete(entry._id);
		written.set(entry.ref, canonicalJson(entry.document));
		prevHash = entry.hash;
		expected = entry._id + 1;
	}
	for (const cp of signed.values()) {
		problems.push(`audit entry ${cp.seq}, named by the checkpoint of ${cp.at}, is missing: the chain was truncated`);
	}
	let documents = 0;
	for (const model of audited) {
		const collection = model.collection.collectionName;
		for await (const doc of model.find().lean().cursor()) {
			documents++;
			const ref = `${collection}/${String(doc._id)}`;
			const logged = written.get(ref);
			if (logged === undefined) problems.push(`${ref} has no audit entry`);
			else if (logged !== canonicalJson(doc)) problems.push(`${ref} differs from what the audit log recorded`);
			written.delete(ref);
		}
	}
	for (const ref of written.keys()) problems.push(`${ref} was logged but is no longer stored`);
	return { ok: problems.length === 0, entries, documents, checkpoints: checkpoints.length, problems };
}
