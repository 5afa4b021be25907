import path from "node:path";
import type { Connection } from "mongoose";
import type { Logger } from "pino";
import type { AttendanceRecorder } from "../../signaling/AttendanceRecorder.js";
import { BlobStore } from "../documents/BlobStore.js";
import type { AgencyRecord } from "../register/models/Agency.js";
import type { TaskRecord } from "../register/models/Task.js";
import { RegisterNumbers } from "../register/RegisterNumbers.js";
import { AuditCheckpoints } from "./AuditCheckpoints.js";
import { AuditLog } from "./AuditLog.js";
import { AuditSeal } from "./AuditSeal.js";
import { type AuditReport, verifyAudit } from "./AuditVerifier.js";
import { DurableAttendanceRecorder } from "./DurableAttendanceRecorder.js";
import type { CaseRecord } from "./models/Case.js";
import type { EndpointRecord } from "./models/Endpoint.js";
import { AUDITED_MODELS, ensureIndexes, type RecordModels, registerRecordModels } from "./models/index.js";
import type { OutcomeRecord } from "./models/Outcome.js";
import type { ReceptionSessionRecord } from "./models/ReceptionSession.js";
import type { UserRecord } from "./models/User.js";
import { RecordWriter } from "./RecordWriter.js";
import { RevisionStore } from "./RevisionStore.js";

export interface RecordsOptions {
	connection: Connection;
	logger: Logger;
	/** Folder of the local write journal (one file per database). */
	journalDir: string;
	writeWaitMs: number;
	/** The audit chain's HMAC key, kept outside the database (AUDIT_KEY). */
	auditKey: string;
	/** Folder of the signed audit checkpoints (one file per database), outside the database. */
	checkpointDir: string;
	/** Writes (and bytes) the journal holds at most while the database is away. */
	journalMaxPending?: number;
	journalMaxBytes?: number;
	/** How often the chain's head is checkpointed when it moved (and at stop); 0: never (commands). */
	checkpointEveryMs?: number;
	/**
	 * This process is the database's one writer (the embedded database): the audit log's head it
	 * knows is the database's, so a checkpoint need not read it (a full decode on FerretDB v1).
	 */
	soleWriter?: boolean;
}

/** The official record: models, the journalled writer, the audit log and one store per record kind. */
export class Records {
	readonly models: RecordModels;
	readonly writer: RecordWriter;
	readonly attendance: AttendanceRecorder;
	readonly endpoints: RevisionStore<EndpointRecord>;
	readonly users: RevisionStore<UserRecord>;
	readonly sessions: RevisionStore<ReceptionSessionRecord>;
	readonly cases: RevisionStore<CaseRecord>;
	readonly outcomes: RevisionStore<OutcomeRecord>;
	readonly agencies: RevisionStore<AgencyRecord>;
	readonly tasks: RevisionStore<TaskRecord>;
	/** Register numbers per endpoint and year, claimed in the database. */
	readonly registerNumbers: RegisterNumbers;
	/** Files the records name by SHA-256: issued notices, attachments. */
	readonly blobs: BlobStore;
	readonly audit: AuditLog;
	readonly #seal: AuditSeal;
	#checkpoints: AuditCheckpoints | null = null;
	#checkpointTimer: NodeJS.Timeout | null = null;
	readonly #options: RecordsOptions;

	constructor(options: RecordsOptions) {
		this.#options = options;
		this.models = registerRecordModels(options.connection);
		this.#seal = new AuditSeal(options.auditKey);
		this.audit = new AuditLog(this.models.AuditEntry, this.#seal);
		this.writer = new RecordWriter({
			models: this.models,
			audit: this.audit,
			logger: options.logger,
			waitMs: options.writeWaitMs,
			maxPending: options.journalMaxPending,
			maxBytes: options.journalMaxBytes,
			seal: this.#seal,
		});
		this.attendance = new DurableAttendanceRecorder(this.writer, options.logger);
		this.endpoints = new RevisionStore(this.models, "Endpoint", this.writer);
		this.users = new RevisionStore(this.models, "User", this.writer);
		this.sessions = new RevisionStore(this.models, "ReceptionSession", this.writer);
		this.cases = new RevisionStore(this.models, "Case", this.writer);
		this.outcomes = new RevisionStore(this.models, "Outcome", this.writer);
		this.agencies = new RevisionStore(this.models, "Agency", this.writer);
		this.tasks = new RevisionStore(this.models, "Task", this.writer);
		this.registerNumbers = new RegisterNumbers(options.connection);
		this.blobs = new BlobStore(options.connection);
	}

	/** Opens this database's journal; facts recorded from now on are kept even before the database answers. */
	openJournal(databaseName: string): void {
		this.writer.open(path.join(this.#options.journalDir, `${databaseName}.jsonl`));
		this.#checkpoints = new AuditCheckpoints(
			path.join(this.#options.checkpointDir, `${databaseName}.jsonl`),
			this.#seal,
		);
	}

	/**
	 * Once connected: the audit key checked against the chain (a wrong key refuses to start), indexes,
	 * then the journal's replay and writing, and the head checkpointed as it moves.
	 */
	async start(): Promise<void> {
		await this.audit.requireKey();
		await ensureIndexes(this.models);
		await this.registerNumbers.ensureIndexes();
		this.writer.start();
		const every = this.#options.checkpointEveryMs ?? 0;
		if (every > 0) {
			this.#checkpointTimer = setInterval(() => {
				this.checkpoint().catch((err: unknown) => this.#options.logger.warn({ err }, "audit checkpoint not written"));
			}, every);
			this.#checkpointTimer.unref();
		}
	}

	/** Signs the chain's current head into the checkpoint file, if it moved. */
	async checkpoint(): Promise<boolean> {
		if (!this.#checkpoints) return false;
		const head = this.#options.soleWriter ? await this.audit.knownHead() : await this.audit.head();
		return this.#checkpoints.write(head);
	}

	/** Writes what is pending while the database is still there; the rest stays journalled. */
	async stop(drainTimeoutMs: number): Promise<void> {
		if (this.#checkpointTimer) clearInterval(this.#checkpointTimer);
		await this.writer.stop(drainTimeoutMs);
		if (!this.#checkpointTimer) return;
		await this.checkpoint().catch((err: unknown) => this.#options.logger.warn({ err }, "audit checkpoint not written"));
	}

	verifyAudit(): Promise<AuditReport> {
		return verifyAudit(
			this.models.AuditEntry,
			AUDITED_MODELS.map((name) => this.models[name]),
			this.#seal,
			this.#checkpoints?.read() ?? [],
		);
	}
}
