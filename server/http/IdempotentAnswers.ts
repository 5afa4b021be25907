import type { Connection } from "mongoose";
import { isDuplicateKey } from "../records/AuditLog.js";

interface AnswerDoc {
	_id: string;
	/** What the request was (method, path, body): a key reused for another request is refused. */
	fingerprint: string;
	state: "pending" | "done";
	status?: number;
	/** The answer's JSON text: stored as text, so no key of it can trouble the database. */
	body?: string;
	at: Date;
}

/** What became of claiming a key. */
export type Claim =
	| { kind: "new" }
	| { kind: "answered"; status: number; body: unknown }
	| { kind: "other-request" }
	/** The first request with this key is still being answered. */
	| { kind: "busy" };

export interface IdempotentAnswersOptions {
	/** How long a first answer is kept for retries. */
	retentionMs: number;
	/** A claim older than this whose request never finished (a crash) may be taken over. */
	abandonedAfterMs: number;
	/** How long a retry waits for the first request's answer before answering CONFLICT. */
	waitMs: number;
}

/**
 * The first answer to each write that carried an Idempotency-Key, by caller and key, in the
 * database (`idempotentanswers`), so a retry (also through another process) gets that answer back
 * instead of writing again. FerretDB v1 has no TTL index: old answers are pruned as keys are claimed.
 */
export class IdempotentAnswers {
	readonly #connection: Connection;
	readonly #options: IdempotentAnswersOptions;
	#prunedAt = 0;

	constructor(connection: Connection, options: IdempotentAnswersOptions) {
		this.#connection = connection;
		this.#options = options;
	}

	get #collection() {
		return this.#connection.collection<AnswerDoc>("idempotentanswers");
	}

	async claim(key: string, fingerprint: string): Promise<Claim> {
		await this.#prune();
		const deadline = Date.now() + this.#options.waitMs;
		for (;;) {
			try {
				await this.#collection.insertOne({ _id: key, fingerprint, state: "pending", at: new Date() });
				return { kind: "new" };
			} catch (err) {
				if (!isDuplicateKey(err)) throw err;
			}
			const doc = await this.#collection.findOne({ _id: key });
			if (!doc) continue; // released meanwhile: claim it again
			if (doc.fingerprint !== fingerprint) return { kind: "other-request" };
			if (doc.state === "done") {
				return { kind: "answered", status: doc.status ?? 200, body: JSON.parse(doc.body ?? "null") };
			}
			const abandoned = new Date(Date.now() - this.#options.abandonedAfterMs);
			const taken = await this.#collection.updateOne(
				{ _id: key, state: "pending", at: { $lt: abandoned } },
				{ $set: { at: new Date() } },
			);
			if (taken.modifiedCount === 1) return { kind: "new" };
			if (Date.now() > deadline) return { kind: "busy" };
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	async finish(key: string, status: number, body: unknown): Promise<void> {
		await this.#collection.updateOne({ _id: key }, { $set: { state: "done", status, body: JSON.stringify(body) } });
	}

	/** The request failed in a way a retry may fix (a 5xx): the key is free again. */
	async release(key: string): Promise<void> {
		await this.#collection.deleteOne({ _id: key, state: "pending" });
	}

	async #prune(): Promise<void> {
		const now = Date.now();
		if (now - this.#prunedAt < Math.min(3_600_000, this.#options.retentionMs)) return;
		this.#prunedAt = now;
		await this.#collection.deleteMany({ at: { $lt: new Date(now - this.#options.retentionMs) } });
	}
}
