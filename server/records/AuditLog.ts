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

/**
 * Appends hash-chained entries. Each entry takes the next sequence number as its `_id`, so two
 * writers cannot both extend the same head: the loser reloads the head and tries again.
 */
export class AuditLog {
	readonly #model: Model<Record<string, unknown>>;
	readonly #seal: AuditSeal;
	#head: { seq: number; hash: string } | null = null;
	#appends = 0;

	constructor(model: Model<Record<string, unknown>>, seal: AuditSeal) {
		this.#model = model;
		this.#seal = seal;
	}

	/** Idempotent per document: a replayed write finds its entry and adds none. */
	async append(write: AuditedWrite): Promise<void> {
		const ref = `${write.collectionName}/${write.documentId}`;
		for (let attempt = 0; attempt < 10; attempt++) {
			if (await this.#model.exists({ ref })) return;
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
				this.#head = { seq: entry._id, hash };
				this.#appends++;
				return;
			} catch (err) {
				if (!isDuplicateKey(err)) throw err;
				// Another writer extended the chain (or logged this ref) first.
				this.#head = null;
			}
		}
		throw new Error(`could not append to the audit log for ${ref}: the head kept moving`);
	}

	/** How many entries this process has appended since it started (see `AuditSweeperOptions.localAppends`). */
	get appends(): number {
		return this.#appends;
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
