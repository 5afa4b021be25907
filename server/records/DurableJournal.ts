import {
	closeSync,
	fchmodSync,
	fdatasyncSync,
	ftruncateSync,
	mkdirSync,
	openSync,
	readFileSync,
	unlinkSync,
	writeSync,
} from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import { ReceptionError } from "../../domain/errors.js";

/** What became of a journalled write once the database answered. */
export type JournalResult =
	| { status: "written" }
	/** The database already had it: an earlier try landed before its completion was journalled. */
	| { status: "duplicate" }
	/** The database refused it for good (a conflict): retrying cannot help. */
	| { status: "rejected"; error: ReceptionError };

export interface DurableJournalOptions<T> {
	/** Append-only JSON-lines file; created with its folder when missing. */
	file: string;
	logger: Logger;
	/**
	 * Writes one payload exactly once (the payload carries its idempotency key). Resolves "written" or
	 * "duplicate"; a ReceptionError is a final refusal, any other error a transient failure to retry.
	 */
	write(payload: T): Promise<"written" | "duplicate">;
	retryMinMs?: number;
	retryMaxMs?: number;
}

type Line<T> = { op: "put"; id: string; payload: T } | { op: "done"; id: string; status: JournalResult["status"] };

interface Pending<T> {
	id: string;
	payload: T;
	settle: (result: JournalResult) => void;
	settled: Promise<JournalResult>;
}

/**
 * A local write-ahead journal: each write is on disk (fsync) before `append` returns, then written
 * to the database in order, retried with backoff while the database is away, and marked done.
 * Entries left pending by a crash or an outage are replayed on the next `open`.
 */
export class DurableJournal<T> {
	readonly #options: DurableJournalOptions<T>;
	readonly #pending = new Map<string, Pending<T>>();
	#fd: number | null = null;
	#wake: (() => void) | null = null;
	/** Cuts a retry backoff short; only closing does, so new appends cannot hammer a database that is away. */
	#interrupt: (() => void) | null = null;
	#loop: Promise<void> | null = null;
	#closed = false;

	constructor(options: DurableJournalOptions<T>) {
		this.#options = options;
	}

	get pendingCount(): number {
		return this.#pending.size;
	}

	/** Reads the file back: every put without its done is pending again. */
	open(): void {
		const { file, logger } = this.#options;
		// Password hashes and citizens' data pass through it: the platform's own user only.
		mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
		let text = "";
		try {
			text = readFileSync(file, "utf8");
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
		}
		for (const raw of text.split("\n")) {
			if (!raw) continue;
			let line: Line<T>;
			try {
				line = JSON.parse(raw) as Line<T>;
			} catch {
				// Only the last line can be torn (a crash mid-write); its append never returned.
				logger.warn({ file }, "skipping a torn journal line");
				continue;
			}
			if (line.op === "put") this.#track(line.id, line.payload);
			else this.#pending.delete(line.id);
		}
		this.#fd = openSync(file, "a", 0o600);
		fchmodSync(this.#fd, 0o600);
		if (this.#pending.size === 0) ftruncateSync(this.#fd, 0);
		else logger.info({ file, pending: this.#pending.size }, "journal has writes to replay");
	}

	/** Durable once this returns; the promise tells when (and whether) the database has it. */
	append(id: string, payload: T): Promise<JournalResult> {
		const existing = this.#pending.get(id);
		if (existing) return existing.settled;
		this.#writeLine({ op: "put", id, payload });
		const entry = this.#track(id, payload);
		this.#wake?.();
		return entry.settled;
	}

	/** Starts writing pending entries to the database, in order. */
	start(): void {
		this.#loop ??= this.#run();
	}

	/** Waits until nothing is pending, or the timeout passes; says whether it emptied. */
	async drain(timeoutMs: number): Promise<boolean> {
		const deadline = Date.now() + timeoutMs;
		while (this.#pending.size > 0 && Date.now() < deadline) await sleep(20);
		return this.#pending.size === 0;
	}

	/** Stops the writer; pending entries stay in the file for the next start. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#wake?.();
		this.#interrupt?.();
		// A write in flight against an absent database may hang until the driver gives up: do not wait
		// for it, its entry is still pending in the file and replays (as a duplicate at worst).
		await Promise.race([this.#loop, sleep(1000)]);
		if (this.#fd === null) return;
		closeSync(this.#fd);
		this.#fd = null;
		if (this.#pending.size === 0) unlinkSync(this.#options.file);
		else this.#options.logger.warn({ pending: this.#pending.size }, "journal closed with writes still pending");
	}

	#track(id: string, payload: T): Pending<T> {
		let settle: (result: JournalResult) => void = () => undefined;
		const settled = new Promise<JournalResult>((resolve) => {
			settle = resolve;
		});
		const entry = { id, payload, settle, settled };
		this.#pending.set(id, entry);
		return entry;
	}

	#writeLine(line: Line<T>): void {
		if (this.#fd === null) throw new Error("journal is not open");
		writeSync(this.#fd, `${JSON.stringify(line)}\n`);
		fdatasyncSync(this.#fd);
	}

	#complete(entry: Pending<T>, result: JournalResult): void {
		if (this.#fd === null) return;
		this.#writeLine({ op: "done", id: entry.id, status: result.status });
		this.#pending.delete(entry.id);
		// Every write is done: start the file afresh so it never grows without bound.
		if (this.#pending.size === 0) ftruncateSync(this.#fd, 0);
		entry.settle(result);
	}

	async #run(): Promise<void> {
		const { logger, retryMinMs = 100, retryMaxMs = 5000 } = this.#options;
		let failures = 0;
		while (!this.#closed) {
			const entry = this.#pending.values().next().value;
			if (!entry) {
				await new Promise<void>((resolve) => {
					this.#wake = resolve;
				});
				this.#wake = null;
				continue;
			}
			try {
				const status = await this.#options.write(entry.payload);
				this.#complete(entry, { status });
				failures = 0;
			} catch (err) {
				if (err instanceof ReceptionError) {
					logger.error({ err, id: entry.id }, "journalled write refused by the database");
					this.#complete(entry, { status: "rejected", error: err });
					continue;
				}
				failures++;
				const delay = Math.min(retryMaxMs, retryMinMs * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
				logger.warn(
					{ err: (err as Error).message, id: entry.id, failures, delay },
					"journalled write failed; retrying",
				);
				await new Promise<void>((resolve) => {
					this.#interrupt = resolve;
					setTimeout(resolve, delay).unref();
				});
				this.#interrupt = null;
			}
		}
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
