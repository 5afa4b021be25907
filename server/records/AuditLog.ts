import type { Model } from "mongoose";
import { ConfigError } from "../errors.js";
import type { AuditSeal } from "./AuditSeal.js";
import type { JsonValue } from "./canonicalJson.js";
import type { AuditActor, AuditEntryRecord } from "./models/AuditEntry.js";

export type { AuditActor };

export interface AuditedWrite {
	collectionName: string;
	documentId: string;
	document: JsonValue;
	actor: AuditActor;
	action: string;
}

/** The hash the first entry links back to. */
export const GENESIS_HASH = "0".repeat(64);

const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
	return (err as { code?: unknown })?.code === DUPLICATE_KEY;
}

/** Entries this process appended, kept for its sweepers (`AuditLog.appendedAfter`). */
const TAIL_MAX = 4_096;

/**
 * Appends hash-chained entries. Each entry takes the next sequence number as its `_id`, so two
 * writers cannot both extend the same head: the loser reloads the head and tries again.
 */
export class AuditLog {
	readonly #model: Model<Record<string, unknown>>;
	readonly #seal: AuditSeal;
	#head: { seq: number; hash: string } | null = null;
	#appends = 0;
	/** The last entries this process appended, consecutive sequence numbers, oldest first. */
	#tail: AuditEntryRecord[] = [];

	constructor(model: Model<Record<string, unknown>>, seal: AuditSeal) {
		this.#model = model;
		this.#seal = seal;
	}

	/**
	 * Idempotent per document: a replayed write finds its entry and adds none. No read before the
	 * insert (on FerretDB v1 `{ ref }` decodes the whole log): the unique index on `ref` refuses a
	 * second entry for a document, and only then is the log read to tell that from a moved head.
	 */
	async append(write: AuditedWrite): Promise<void> {
		const ref = `${write.collectionName}/${write.documentId}`;
		for (let attempt = 0; attempt < 10; attempt++) {
			const head = this.#head ?? (await this.head());
			const entry = {
				_id: head.seq + 1,
				ref,
				at: new Date(),
				actor: write.actor,
				action: write.action,
				collectionName: write.collectionName,
				documentId: write.documentId,
				document: write.document,
				prevHash: head.hash,
				keyed: true,
			};
			const hash = this.#seal.entryHash(entry);
			try {
				await this.#model.collection.insertOne({ ...entry, hash } as never);
			} catch (err) {
				// Whether it landed is unknown (or another writer moved the head): the tail may have a gap.
				this.#head = null;
				this.#tail = [];
				if (!isDuplicateKey(err)) throw err;
				// The document's entry is there already (a replay), or another writer extended the chain.
				if (await this.#model.exists({ ref })) return;
				continue;
			}
			this.#head = { seq: entry._id, hash };
			this.#appends++;
			// Consecutive or nothing: a head read from the database may have moved past the tail.
			if (this.#tail.length > 0 && this.#tail[this.#tail.length - 1]?._id !== entry._id - 1) this.#tail = [];
			this.#tail.push({ ...entry, hash });
			if (this.#tail.length > TAIL_MAX) this.#tail.splice(0, this.#tail.length - TAIL_MAX);
			return;
		}
		throw new Error(`could not append to the audit log for ${ref}: the head kept moving`);
	}

	/** How many entries this process has appended since it started (see `AuditSweeperOptions.localAppends`). */
	get appends(): number {
		return this.#appends;
	}

	/**
	 * The entries after `seq` of these collections, in order, from memory, and the last sequence
	 * number they cover — when every entry after `seq` up to this process's last is one it appended
	 * and still holds; otherwise null (read the database). Meaningful only when this process is the
	 * log's one writer (the embedded database).
	 */
	appendedAfter(
		seq: number,
		collections: ReadonlySet<string>,
	): { entries: AuditEntryRecord[]; through: number } | null {
		const first = this.#tail[0];
		const last = this.#tail[this.#tail.length - 1];
		if (!first || !last || seq < first._id - 1 || seq > last._id) return null;
		const entries = this.#tail.slice(seq - first._id + 1).filter((e) => collections.has(e.collectionName));
		return { entries, through: last._id };
	}

	/**
	 * The head as this process last wrote or read it, read from the database only when unknown: the
	 * database's own head when this process is its one writer (the embedded database).
	 */
	async knownHead(): Promise<{ seq: number; hash: string }> {
		this.#head ??= await this.head();
		return this.#head;
	}

	/** The chain's head as the database has it now (any process may have extended it). */
	async head(): Promise<{ seq: number; hash: string }> {
		const last = await this.#model.findOne().sort({ _id: -1 }).lean<AuditEntryRecord>();
		return last ? { seq: last._id, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
	}

	/**
	 * At start: the newest keyed entry must verify under this key. Another key (or a lost one) would
	 * extend the chain with entries nobody can check against the rest: refuse to start instead.
	 */
	async requireKey(): Promise<void> {
		const last = await this.#model.findOne({ keyed: true }).sort({ _id: -1 }).lean<AuditEntryRecord>();
		if (last && this.#seal.entryHash(last) !== last.hash) {
			throw new ConfigError([
				`AUDIT_KEY: does not verify the audit log's entry ${last._id}; start with the key the log was written with`,
			]);
		}
	}
}
