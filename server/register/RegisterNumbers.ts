import type { Connection } from "mongoose";
import { formatRegisterNumber, registerYear } from "../../domain/register.js";
import { isDuplicateKey } from "../records/AuditLog.js";

export interface IssuedNumber {
	registerNumber: string;
	registerYear: number;
	registerSeq: number;
}

interface Claim {
	_id: string;
	endpointId: string;
	year: number;
	seq: number;
	claimedAt: Date;
}

/**
 * Register numbers per endpoint and calendar year (Vietnam's zone), safe across platform processes
 * on one database. Each number is claimed by inserting a document whose `_id` is the number: the
 * unique `_id` lets exactly one writer have it. (FerretDB v1's findAndModify is not atomic on its
 * SQLite backend: a $inc counter hands the same number to concurrent callers — measured, see
 * docs/register.md.) Numbers stay consecutive: a claim only ever takes the next free one. A number
 * once claimed is never issued again, even if the case write then fails.
 */
export class RegisterNumbers {
	readonly #connection: Connection;

	constructor(connection: Connection) {
		this.#connection = connection;
	}

	get #claims() {
		return this.#connection.collection<Claim>("registernumbers");
	}

	async issue(endpointId: string, receivedAt: Date): Promise<IssuedNumber> {
		const year = registerYear(receivedAt);
		const last = await this.#claims.find({ endpointId, year }).sort({ seq: -1 }).limit(1).next();
		let seq = (last?.seq ?? 0) + 1;
		for (;;) {
			try {
				await this.#claims.insertOne({
					_id: `${endpointId}:${year}:${seq}`,
					endpointId,
					year,
					seq,
					claimedAt: new Date(),
				});
				return { registerNumber: formatRegisterNumber(seq, year), registerYear: year, registerSeq: seq };
			} catch (err) {
				// Someone took it first: every number up to it is taken, so the next one is the candidate.
				if (!isDuplicateKey(err)) throw err;
				seq += 1;
			}
		}
	}

	/** The query above uses it; safe to call on every start. */
	async ensureIndexes(): Promise<void> {
		await this.#claims.createIndex({ endpointId: 1, year: 1, seq: -1 });
	}
}
