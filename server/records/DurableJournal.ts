import {
	appendFileSync,
	closeSync,
	fchmodSync,
	fdatasync,
	fdatasyncSync,
	ftruncate,
	mkdirSync,
	openSync,
	readFileSync,
	renameSync,
	unlinkSync,
	write,
	writeSync,
} from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Logger } from "pino";
import { ReceptionError } from "../../domain/errors.js";

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const ftruncateAsync = promisify(ftruncate);

/** The journal holds as much as it may: nothing more is accepted until the database takes some. */
export class JournalFullError extends ReceptionError {
	constructor(pending: number) {
		super(
			"DATABASE_UNAVAILABLE",
			`the database is not reachable and ${pending} writes wait in the journal; retry later`,
		);
	}
}

/** What became of a journalled write once the database answered. */
export type JournalResult =
	| { status: "written" }
	/** The database already had it: an earlier try landed before its completion was journalled. */
	| { status: "duplicate" }
	/** The database refused it for good (a conflict): retrying cannot help. */
	| { status: "rejected"; error: ReceptionError };

/** Signs journal lines and checks them on replay (the audit key: see AuditSeal). */
export interface JournalSeal {
	journalMac(line: string): string;
	journalSigned(line: string, mac: string): boolean;
}

export interface DurableJournalOptions<T> {
	/**
	 * Append-only file, one JSON line and its MAC per write (`<json>\t<mac>`: JSON text never holds a
	 * raw tab); created with its folder when missing.
	 */
	file: string;
	logger: Logger;
	/** Whoever can write the file but lacks the key cannot slip a record into the replay. */
	seal: JournalSeal;
	/**
	 * Writes one payload exactly once (the payload carries its idempotency key). Resolves "written" or
	 * "duplicate"; a ReceptionError is a final refusal, any other error a transient failure to retry.
	 */
	write(payload: T): Promise<"written" | "duplicate">;
	retryMinMs?: number;
	retryMaxMs?: number;
	/** Writes waiting at most (the bound while the database is away); past it `append` refuses. */
	maxPending?: number;
	/** Bytes of waiting writes at most. */
	maxBytes?: number;
}

type Line<T> = { op: "put"; id: string; payload: T } | { op: "done"; id: string; status: JournalResult["status"] };

interface Pending<T> {
	id: string;
	payload: T;
	/** Its put line's length: what compaction rewrites. */
	bytes: number;
	/** On disk (fsynced). */
	durable: Promise<void>;
	settle: (result: JournalResult) => void;
	settled: Promise<JournalResult>;
}

/** A journalled write: on disk once `durable` resolves; in the database (or refused) once `settled` does. */
export interface Appended {
	durable: Promise<void>;
	settled: Promise<JournalResult>;
}

/**
 * A local write-ahead journal: each write is on disk (fsync) before its `durable` resolves, then
 * written to the database in order, retried with backoff while the database is away, and marked done.
 * Appends made while a flush runs go to disk together in the next one (one write and one fdatasync
 * on libuv's threads, never on the event loop). The waiting writes are bounded (`maxPending`,
 * `maxBytes`): past that `append` refuses with DATABASE_UNAVAILABLE (back-pressure; nothing refused
 * was acknowledged). The file is compacted to the waiting writes when it grows past twice them.
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
	/** Lines waiting for the next flush, and who waits for them to be on disk. */
	#buffer: string[] = [];
	#flushed: (() => void)[] = [];
	#flushing: Promise<void> | null = null;
	/** Size of the file, and of the waiting writes' put lines in it. */
	#fileBytes = 0;
	#liveBytes = 0;
	#flushes = 0;

	constructor(options: DurableJournalOptions<T>) {
		this.#options = options;
	}

	get pendingCount(): number {
		return this.#pending.size;
	}

	/** Batches written and synced so far (each one write and one fdatasync). */
	get flushes(): number {
		return this.#flushes;
	}

	/**
	 * Reads the file back: every put without its done is pending again. A line whose MAC does not
	 * verify is not replayed; it is set aside in `<file>.refused` for whoever investigates.
	 */
	open(): void {
		const { file, logger, seal } = this.#options;
		// Password hashes and citizens' data pass through it: the platform's own user only.
		mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
		let text = "";
		try {
			text = readFileSync(file, "utf8");
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
		}
		const refused: string[] = [];
		for (const raw of text.split("\n")) {
			if (!raw) continue;
			// An unsigned line (no tab) is refused below, not taken for a torn one.
			const tab = raw.lastIndexOf("\t");
			const json = tab < 0 ? raw : raw.slice(0, tab);
			const mac = tab < 0 ? "" : raw.slice(tab + 1);
			let line: Line<T>;
			try {
				line = JSON.parse(json) as Line<T>;
			} catch {
				// Only the last line can be torn (a crash mid-write); its append never returned.
				logger.warn({ file }, "skipping a torn journal line");
				continue;
			}
			if (!seal.journalSigned(json, mac)) {
				refused.push(raw);
				continue;
			}
			if (line.op === "put") this.#track(line.id, line.payload, Buffer.byteLength(raw) + 1, Promise.resolve());
			else this.#untrack(line.id);
		}
		if (refused.length > 0) {
			appendFileSync(`${file}.refused`, `${refused.join("\n")}\n`, { mode: 0o600 });
			logger.error({ file, lines: refused.length }, "journal lines without a valid MAC not replayed; set aside");
		}
		// Only what still waits is kept: the file starts afresh with it.
		this.#fd = this.#rewrite();
		if (this.#pending.size > 0) logger.info({ file, pending: this.#pending.size }, "journal has writes to replay");
	}

	/** Journals a write; refuses it (JournalFullError) when the journal holds all it may. */
	append(id: string, payload: T): Appended {
		const existing = this.#pending.get(id);
		if (existing) return existing;
		if (this.#fd === null) throw new Error("journal is not open");
		const line = this.#line({ op: "put", id, payload });
		const { maxPending = 10_000, maxBytes = 64 * 1024 * 1024 } = this.#options;
		const bytes = Buffer.byteLength(line);
		if (this.#pending.size >= maxPending || this.#liveBytes + bytes > maxBytes) {
			throw new JournalFullError(this.#pending.size);
		}
		const entry = this.#track(id, payload, bytes, this.#queue(line));
		this.#wake?.();
		return entry;
	}

	/** Resolves once every line appended so far is on disk. */
	flushed(): Promise<void> {
		return this.#buffer.length > 0 || this.#flushing ? this.#queue(null) : Promise.resolve();
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
		await this.flushed();
		if (this.#fd === null) return;
		closeSync(this.#fd);
		this.#fd = null;
		if (this.#pending.size === 0) unlinkSync(this.#options.file);
		else this.#options.logger.warn({ pending: this.#pending.size }, "journal closed with writes still pending");
	}

	#track(id: string, payload: T, bytes: number, durable: Promise<void>): Pending<T> {
		let settle: (result: JournalResult) => void = () => undefined;
		const settled = new Promise<JournalResult>((resolve) => {
			settle = resolve;
		});
		const entry = { id, payload, bytes, durable, settle, settled };
		this.#untrack(id);
		this.#pending.set(id, entry);
		this.#liveBytes += bytes;
		return entry;
	}

	#untrack(id: string): void {
		const entry = this.#pending.get(id);
		if (!entry) return;
		this.#pending.delete(id);
		this.#liveBytes -= entry.bytes;
	}

	/** Queues a line (null: none, only waits) for the next flush; resolves once it is on disk. */
	#queue(line: string | null): Promise<void> {
		if (line !== null) this.#buffer.push(line);
		const done = new Promise<void>((resolve) => this.#flushed.push(resolve));
		this.#flushing ??= this.#flush();
		return done;
	}

	/** Writes what was queued, one write and one fdatasync per batch, until nothing is queued. */
	async #flush(): Promise<void> {
		await Promise.resolve(); // lets the appends of this tick join the batch
		try {
			while (this.#fd !== null && (this.#buffer.length > 0 || this.#flushed.length > 0)) {
				const lines = this.#buffer.splice(0);
				const waiting = this.#flushed.splice(0);
				if (lines.length > 0) {
					const text = Buffer.from(lines.join(""));
					await writeAsync(this.#fd, text);
					await fdatasyncAsync(this.#fd);
					this.#fileBytes += text.length;
					this.#flushes++;
				}
				if (this.#pending.size === 0 && this.#buffer.length === 0 && this.#fileBytes > 0) {
					// Every write is done: start the file afresh so it never grows without bound.
					await ftruncateAsync(this.#fd, 0);
					this.#fileBytes = 0;
				} else if (this.#fileBytes > Math.max(1024 * 1024, 2 * this.#liveBytes)) {
					const old = this.#fd;
					this.#fd = this.#rewrite();
					closeSync(old);
				}
				for (const resolve of waiting) resolve();
			}
		} catch (err) {
			this.#options.logger.error({ err }, "journal write failed");
			throw err;
		} finally {
			this.#flushing = null;
		}
	}

	/**
	 * The file with only the waiting writes' put lines (written to a temporary file, synced, renamed
	 * over it), opened for appending. Lines still queued are not in it: the next flush appends them.
	 */
	#rewrite(): number {
		const { file } = this.#options;
		const queued = new Set(this.#buffer);
		const lines = [...this.#pending.values()]
			.map((e) => this.#line({ op: "put", id: e.id, payload: e.payload }))
			.filter((line) => !queued.has(line));
		const temporary = `${file}.compact`;
		const tmp = openSync(temporary, "w", 0o600);
		try {
			fchmodSync(tmp, 0o600);
			if (lines.length > 0) writeSync(tmp, lines.join(""));
			fdatasyncSync(tmp);
		} finally {
			closeSync(tmp);
		}
		renameSync(temporary, file);
		const fd = openSync(file, "a", 0o600);
		this.#fileBytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
		return fd;
	}

	/** One line of the file: the JSON and its MAC. */
	#line(line: Line<T>): string {
		const json = JSON.stringify(line);
		return `${json}\t${this.#options.seal.journalMac(json)}\n`;
	}

	#complete(entry: Pending<T>, result: JournalResult): void {
		if (this.#fd === null) return;
		// Not waited for: a done line lost in a crash only makes the replay find the write already there.
		void this.#queue(this.#line({ op: "done", id: entry.id, status: result.status })).catch(() => undefined);
		this.#untrack(entry.id);
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
				// Never in the database before it is on disk: a crash cannot leave it in neither.
				await entry.durable;
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
