import { EventEmitter } from "node:events";
import type { Error as MongooseError } from "mongoose";
import type { Logger } from "pino";
import { ConflictError, type IssueCode, ValidationError } from "../../domain/errors.js";
import { type AuditActor, type AuditLog, isDuplicateKey } from "./AuditLog.js";
import { canonical, type JsonValue } from "./canonicalJson.js";
import { DurableJournal, JournalFullError, type JournalResult, type JournalSeal } from "./DurableJournal.js";
import type { AuditedModelName, RecordModels } from "./models/index.js";

/** One journalled write: a new document (records are never updated in place) and who made it. */
export interface WritePayload {
	model: AuditedModelName;
	document: Record<string, JsonValue>;
	actor: AuditActor;
	action: string;
}

export interface WriteOutcome {
	document: Record<string, JsonValue>;
	/** True when the database was away: the write is journalled and lands when it returns. */
	pending: boolean;
}

export interface RecordWriterOptions {
	models: RecordModels;
	audit: AuditLog;
	logger: Logger;
	/** How long a request waits for the database before answering "accepted, pending". */
	waitMs: number;
	/**
	 * Writes the journal holds at most while the database is away; past it a write a client waits
	 * for is refused DATABASE_UNAVAILABLE. Attendance facts (no client waits) may use twice the room.
	 */
	maxPending?: number;
	maxBytes?: number;
	/** Signs the journal's lines (the audit key). */
	seal: JournalSeal;
}

export interface RecordWriterEvents {
	/** A document landed in the database (once, also when replayed from the journal). */
	written: [payload: WritePayload];
}

/**
 * Every record write goes through here: validated, journalled on local disk, then inserted exactly
 * once (the document's `_id` is the idempotency key) together with its audit-log entry.
 */
export class RecordWriter extends EventEmitter<RecordWriterEvents> {
	readonly #options: RecordWriterOptions;
	#journal: DurableJournal<WritePayload> | null = null;

	constructor(options: RecordWriterOptions) {
		super();
		this.#options = options;
	}

	get pendingCount(): number {
		return this.#journal?.pendingCount ?? 0;
	}

	/** The journal's synced batches so far: many writes of one moment share one fdatasync. */
	get journalFlushes(): number {
		return this.#journal?.flushes ?? 0;
	}

	/** Opens the journal (replaying what an outage or crash left) before the database is reached. */
	open(file: string): void {
		this.#journal = new DurableJournal<WritePayload>({
			file,
			logger: this.#options.logger.child({ component: "journal" }),
			seal: this.#options.seal,
			write: (payload) => this.#insert(payload),
			// Facts from signalling (attendance) have twice the room of writes a client waits for.
			maxPending: this.#options.maxPending === undefined ? undefined : this.#options.maxPending * 2,
			maxBytes: this.#options.maxBytes === undefined ? undefined : this.#options.maxBytes * 2,
		});
		this.#journal.open();
	}

	/** Starts writing journalled entries; call once the database is connected. */
	start(): void {
		this.#requireJournal().start();
	}

	async stop(drainTimeoutMs: number): Promise<void> {
		if (!this.#journal) return;
		await this.#journal.drain(drainTimeoutMs);
		await this.#journal.close();
	}

	/** Resolves once every write journalled so far is on disk. */
	flushed(): Promise<void> {
		return this.#requireJournal().flushed();
	}

	/**
	 * Validates and journals a write without waiting for the database (attendance from signalling);
	 * `durable` tells when it is on disk. A full journal refuses it (DATABASE_UNAVAILABLE).
	 */
	enqueue(
		model: AuditedModelName,
		input: Record<string, unknown>,
		actor: AuditActor,
		action = "insert",
	): { document: Record<string, JsonValue>; durable: Promise<void>; settled: Promise<JournalResult> } {
		const doc = new this.#options.models[model](input);
		const invalid = doc.validateSync();
		if (invalid) throw toValidationError(invalid);
		const document = canonical(doc.toObject()) as Record<string, JsonValue>;
		const { durable, settled } = this.#requireJournal().append(`${model}/${String(document._id)}`, {
			model,
			document,
			actor,
			action,
		});
		return { document, durable, settled };
	}

	/** Journals a write and waits (up to `waitMs`) for the database to have it; a full journal refuses it. */
	async write(
		model: AuditedModelName,
		input: Record<string, unknown>,
		actor: AuditActor,
		action = "insert",
	): Promise<WriteOutcome> {
		const { maxPending = 10_000 } = this.#options;
		if (this.pendingCount >= maxPending) throw new JournalFullError(this.pendingCount);
		const { document, durable, settled } = this.enqueue(model, input, actor, action);
		// Nothing is answered (not even "pending") before the write is on disk.
		await durable;
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<null>((resolve) => {
			timer = setTimeout(() => resolve(null), this.#options.waitMs);
		});
		const result = await Promise.race([settled, timeout]);
		clearTimeout(timer);
		if (result === null) return { document, pending: true };
		if (result.status === "rejected") throw result.error;
		return { document, pending: false };
	}

	async #insert(payload: WritePayload): Promise<"written" | "duplicate"> {
		const Model = this.#options.models[payload.model];
		const id = payload.document._id;
		let status: "written" | "duplicate" = "written";
		try {
			await Model.collection.insertOne(new Model(payload.document).toObject() as never);
		} catch (err) {
			if (!isDuplicateKey(err)) throw err;
			// Our own earlier try landed (duplicate), or another revision took this number (conflict).
			if (!(await Model.exists({ _id: id }))) {
				throw new ConflictError(`${payload.model} ${String(payload.document.entityId)} was changed by someone else`);
			}
			status = "duplicate";
		}
		await this.#options.audit.append({
			collectionName: Model.collection.collectionName,
			documentId: String(id),
			document: payload.document,
			actor: payload.actor,
			action: payload.action,
		});
		if (status === "written") this.#written(payload);
		return status;
	}

	/** Listeners (live pushes, alerts) must never fail a write that has landed. */
	#written(payload: WritePayload): void {
		try {
			this.emit("written", payload);
		} catch (err) {
			this.#options.logger.warn({ err, model: payload.model }, "record listener failed");
		}
	}

	#requireJournal(): DurableJournal<WritePayload> {
		if (!this.#journal) throw new Error("the record journal is not open yet");
		return this.#journal;
	}
}

/** Mongoose's validator kinds as the catalogue's issue codes. */
const MONGOOSE_KINDS: Record<string, IssueCode> = {
	required: "required",
	minlength: "too_short",
	maxlength: "too_long",
	min: "too_small",
	max: "too_big",
	enum: "invalid_value",
	ObjectId: "invalid_format",
};

function toValidationError(err: MongooseError.ValidationError): ValidationError {
	const issues = Object.entries(err.errors).map(([path, e]) => ({
		path,
		message: e.message,
		code: MONGOOSE_KINDS[e.kind] ?? ("invalid" as const),
	}));
	return new ValidationError(`invalid record: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}
