import { createHmac, timingSafeEqual } from "node:crypto";
import { canonical, canonicalJson, type JsonValue, sha256 } from "./canonicalJson.js";
import type { AuditEntryRecord } from "./models/AuditEntry.js";

/** A point of the chain as exported outside the database, signed with the audit key. */
export interface AuditCheckpoint {
	seq: number;
	hash: string;
	at: string;
	mac: string;
}

/**
 * The audit key at work: each entry's hash is an HMAC-SHA256 under a key kept outside the database,
 * so whoever can write the database but lacks the key cannot recompute the chain after a change,
 * nor sign a checkpoint. Entries written before the chain was keyed (no `keyed` field) keep their
 * plain SHA-256 and are accepted only before the first keyed one.
 */
export class AuditSeal {
	readonly #key: Buffer;

	constructor(key: string) {
		this.#key = Buffer.from(key, "utf8");
	}

	/** The hash of an entry: every field but the hash itself, in canonical form. */
	entryHash(entry: Omit<AuditEntryRecord, "hash"> & { hash?: string }): string {
		const { hash: _ignored, ...rest } = canonical(entry) as Record<string, JsonValue>;
		const text = canonicalJson(rest);
		return entry.keyed ? this.#mac(`entry\n${text}`) : sha256(text);
	}

	checkpoint(seq: number, hash: string, at: Date): AuditCheckpoint {
		const iso = at.toISOString();
		return { seq, hash, at: iso, mac: this.#mac(`checkpoint\n${seq}\n${hash}\n${iso}`) };
	}

	/** Whether a checkpoint was signed with this key. */
	signed(cp: AuditCheckpoint): boolean {
		return same(this.#mac(`checkpoint\n${cp.seq}\n${cp.hash}\n${cp.at}`), cp.mac);
	}

	/** The MAC of one journal line: replay takes only lines written by a holder of the key. */
	journalMac(line: string): string {
		return this.#mac(`journal\n${line}`);
	}

	journalSigned(line: string, mac: string): boolean {
		return same(this.journalMac(line), mac);
	}

	#mac(text: string): string {
		return createHmac("sha256", this.#key).update(text).digest("hex");
	}
}

/** Hex MACs compared in constant time. */
function same(expectedHex: string, given: unknown): boolean {
	const expected = Buffer.from(expectedHex, "hex");
	const actual = Buffer.from(String(given), "hex");
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}
