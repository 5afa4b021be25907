import type { Model } from "mongoose";
import { entryHash, GENESIS_HASH } from "./AuditLog.js";
import { canonicalJson } from "./canonicalJson.js";
import type { AuditEntryRecord } from "./models/AuditEntry.js";

export interface AuditReport {
	ok: boolean;
	entries: number;
	documents: number;
	problems: string[];
}

/**
 * Walks the audit chain and the audited collections: a missing sequence number, a broken link or a
 * hash that no longer matches means the log was tampered with; a document that has no entry, or
 * differs from the one its entry recorded, means a record was written or changed behind the log.
 */
export async function verifyAudit(
	auditModel: Model<Record<string, unknown>>,
	audited: Model<Record<string, unknown>>[],
): Promise<AuditReport> {
	const problems: string[] = [];
	const written = new Map<string, string>();
	let expected = 1;
	let prevHash = GENESIS_HASH;
	let entries = 0;
	for await (const entry of auditModel.find().sort({ _id: 1 }).lean<AuditEntryRecord>().cursor()) {
		entries++;
		if (entry._id !== expected) {
			problems.push(`audit entries ${expected}..${entry._id - 1} are missing`);
		} else if (entry.prevHash !== prevHash) {
			problems.push(`audit entry ${entry._id} does not link to the entry before it`);
		}
		if (entryHash(entry) !== entry.hash) problems.push(`audit entry ${entry._id} was modified`);
		written.set(entry.ref, canonicalJson(entry.document));
		prevHash = entry.hash;
		expected = entry._id + 1;
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
	return { ok: problems.length === 0, entries, documents, problems };
}
