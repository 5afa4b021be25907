import type { Connection } from "mongoose";
import type { Logger } from "pino";
import type { NationalDbMode } from "../../domain/nationalDb.js";
import { AuditSweeper, appendedHere, sweepCursorModel } from "../records/AuditSweeper.js";
import type { Records } from "../records/Records.js";
import { ExportBatchAdapter } from "./ExportBatchAdapter.js";
import { HttpPushAdapter, type HttpPushOptions } from "./HttpPushAdapter.js";
import { EXCHANGED_COLLECTIONS, OutboxFeeder } from "./OutboxFeeder.js";
import { type OutboxModels, registerOutboxModels } from "./OutboxModels.js";
import { OutboxSender, type SendResult } from "./OutboxSender.js";
import type { RetryBounds } from "./retryDelay.js";

export interface NationalDbOptions {
	connection: Connection;
	records: Records;
	logger: Logger;
	mode: NationalDbMode;
	http: HttpPushOptions | null;
	exportDir: string;
	batchSize: number;
	retry: RetryBounds;
	/** How often new record writes are swept into the outbox (and, in `http` mode, pushed). */
	everyMs: number;
	instance: string;
	/** The embedded database: this process is the audit log's one writer (see `appendedHere`). */
	soleWriter?: boolean;
}

/**
 * The link to the national database: an audit sweeper fills the outbox with every revision of every
 * exchanged record, and a sender hands them over through the configured adapter.
 */
export class NationalDbExchange {
	readonly models: OutboxModels;
	readonly mode: NationalDbMode;
	readonly sender: OutboxSender;
	readonly exports: ExportBatchAdapter;
	readonly #sweeper: AuditSweeper;
	readonly #options: NationalDbOptions;
	#timer: NodeJS.Timeout | null = null;
	#tick: Promise<void> | null = null;
	#stopped = false;

	constructor(options: NationalDbOptions) {
		this.#options = options;
		this.mode = options.mode;
		this.models = registerOutboxModels(options.connection);
		const feeder = new OutboxFeeder(options.records, this.models);
		this.#sweeper = new AuditSweeper({
			auditLog: options.records.models.AuditEntry,
			cursors: sweepCursorModel(options.connection),
			name: "nationaldb-outbox",
			collections: Object.keys(EXCHANGED_COLLECTIONS),
			handle: (entries) => feeder.handle(entries),
			...(options.soleWriter ? appendedHere(options.records.audit) : {}),
		});
		this.exports = new ExportBatchAdapter(options.exportDir);
		if (options.mode === "http" && !options.http) throw new Error("NATIONAL_DB_URL is required in http mode");
		this.sender = new OutboxSender({
			models: this.models,
			adapter: options.mode === "http" && options.http ? new HttpPushAdapter(options.http) : this.exports,
			batchSize: options.batchSize,
			retry: options.retry,
			instance: options.instance,
			logger: options.logger.child({ component: "nationaldb" }),
		});
	}

	/** Once the database is connected: indexes, then the periodic sweep (and push). */
	async start(): Promise<void> {
		for (const model of Object.values(this.models)) await model.init();
		await sweepCursorModel(this.#options.connection).init();
		this.#schedule(0);
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		await this.#tick;
	}

	/** Brings the outbox up to date with every record written so far. */
	catchUp(): Promise<number> {
		return this.#sweeper.sweep();
	}

	/** In `http` mode: sends batches until nothing is due or the channel fails. */
	async pushAll(): Promise<SendResult[]> {
		const results: SendResult[] = [];
		if (this.mode !== "http") return results;
		for (;;) {
			const r = await this.sender.sendBatch();
			if (r.batchId) results.push(r);
			if (!r.batchId || r.failure) return results;
		}
	}

	#schedule(delayMs: number): void {
		if (this.#stopped) return;
		this.#timer = setTimeout(() => {
			this.#tick = this.#runTick().finally(() => {
				this.#tick = null;
				this.#schedule(this.#options.everyMs);
			});
		}, delayMs);
		this.#timer.unref();
	}

	async #runTick(): Promise<void> {
		try {
			await this.catchUp();
			await this.sender.recoverStale(this.#staleAfterMs);
			await this.pushAll();
		} catch (err) {
			// The database away: the next tick picks up where this one stopped.
			this.#options.logger.warn({ err }, "national database exchange tick failed");
		}
	}

	/** A `sent` HTTP item with no answer after two request timeouts was lost with its sender. */
	get #staleAfterMs(): number {
		return 2 * (this.#options.http?.timeoutMs ?? 30_000);
	}
}
