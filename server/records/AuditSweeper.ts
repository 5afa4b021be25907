import { type Connection, type Model, Schema } from "mongoose";
import type { AuditLog } from "./AuditLog.js";
import type { AuditEntryRecord } from "./models/AuditEntry.js";

export interface AuditSweeperOptions {
	auditLog: Model<Record<string, unknown>>;
	/** Keeps how far each sweeper has read: one document per sweeper name. */
	cursors: Model<{ _id: string; seq: number }>;
	name: string;
	/** Audited collections this sweeper follows (e.g. `cases`, `outcomes`). */
	collections: readonly string[];
	/** Handles entries in sequence order; must be idempotent (a crash before the cursor moves replays them). */
	handle(entries: AuditEntryRecord[]): Promise<void>;
	batchSize?: number;
	/**
	 * Only when this process is the audit log's one writer (the embedded database): how many entries
	 * it has appended (`AuditLog.appends`). Unchanged since the last complete sweep means nothing new,
	 * and the sweep reads nothing — on FerretDB v1 its range read decodes the whole audit log.
	 */
	localAppends?: () => number;
	/**
	 * Only with `localAppends`: the entries after a sequence number of these collections from this
	 * process's memory (`AuditLog.appendedAfter`), or null when it does not hold them all. The sweep
	 * then reads nothing from `auditlog` for what this process wrote itself.
	 */
	appended?: (seq: number, collections: ReadonlySet<string>) => { entries: AuditEntryRecord[]; through: number } | null;
}

/**
 * The options of a sweeper in the audit log's one writer (the embedded database): skip when this
 * process appended nothing, take what it appended from memory.
 */
export function appendedHere(audit: AuditLog): Pick<AuditSweeperOptions, "localAppends" | "appended"> {
	return {
		localAppends: () => audit.appends,
		appended: (seq, collections) => audit.appendedAfter(seq, collections),
	};
}

/**
 * Follows every record write, in order, without a change stream (FerretDB v1 has none): every
 * write gets an audit entry with the next sequence number (`AuditLog`), and an entry `n + 1` only
 * exists once `n` does, so reading past a stored cursor sees each write exactly once, even the
 * writes a crash or an outage left in the journal (their entries appear when they land).
 */
export class AuditSweeper {
	readonly #options: AuditSweeperOptions;
	readonly #collections: ReadonlySet<string>;
	#running: Promise<number> | null = null;
	#again = false;
	/** `localAppends` when the last complete sweep started. */
	#sweptAt: number | undefined;

	constructor(options: AuditSweeperOptions) {
		this.#options = options;
		this.#collections = new Set(options.collections);
	}

	/** Reads everything written since the last sweep; concurrent calls share one sweep (and one more after it). */
	sweep(): Promise<number> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#sweepAll().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	async #sweepAll(): Promise<number> {
		let total = 0;
		do {
			this.#again = false;
			const appends = this.#options.localAppends?.();
			if (appends !== undefined && appends === this.#sweptAt) continue;
			total += await this.#sweepOnce();
			this.#sweptAt = appends;
		} while (this.#again);
		return total;
	}

	async #sweepOnce(): Promise<number> {
		const { cursors, name, handle } = this.#options;
		const batchSize = this.#options.batchSize ?? 500;
		let seq = (await cursors.findById(name).lean())?.seq ?? 0;
		let total = 0;
		for (;;) {
			const memory = this.#fromMemory(seq);
			const entries = memory ? memory.entries.slice(0, batchSize) : await this.#fromLog(seq, batchSize);
			const last = entries[entries.length - 1];
			if (!last) {
				// Nothing of ours among this process's latest entries: skip them for good.
				if (memory && memory.through > seq)
					await cursors.updateOne({ _id: name }, { $set: { seq: memory.through } }, { upsert: true });
				return total;
			}
			await handle(entries);
			seq = last._id;
			await cursors.updateOne({ _id: name }, { $set: { seq } }, { upsert: true });
			total += entries.length;
		}
	}

	#fromMemory(seq: number): { entries: AuditEntryRecord[]; through: number } | null {
		const { localAppends, appended } = this.#options;
		if (!localAppends || !appended) return null;
		return appended(seq, this.#collections);
	}

	#fromLog(seq: number, batchSize: number): Promise<AuditEntryRecord[]> {
		return this.#options.auditLog
			.find({ _id: { $gt: seq }, collectionName: { $in: this.#options.collections } })
			.sort({ _id: 1 })
			.limit(batchSize)
			.lean<AuditEntryRecord[]>();
	}
}

const cursorSchema = new Schema(
	{ _id: { type: String, required: true }, seq: { type: Number, required: true } },
	{ versionKey: false, collection: "sweepcursors" },
);

/** The cursors of every audit sweeper (one document each), registered once per connection. */
export function sweepCursorModel(connection: Connection): Model<{ _id: string; seq: number }> {
	return (connection.models.SweepCursor ?? connection.model("SweepCursor", cursorSchema)) as Model<{
		_id: string;
		seq: number;
	}>;
}
