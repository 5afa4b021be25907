import { type Connection, type Model, Schema } from "mongoose";
import { EXCHANGE_KINDS, type ExchangeKind, OUTBOX_STATUSES, type OutboxStatus } from "../../domain/nationalDb.js";

/**
 * One revision of one record on its way to the national database. Operational data, not the official
 * record: its status is updated in place. `_id` is the stable idempotency key (`exchangeKey`).
 */
const outboxItemSchema = new Schema(
	{
		_id: { type: String, required: true },
		kind: { type: String, enum: EXCHANGE_KINDS, required: true },
		entityId: { type: String, required: true },
		rev: { type: Number, required: true },
		/** The audit-log sequence number of the revision: the order records are sent in. */
		seq: { type: Number, required: true },
		/** The endpoint the record belongs to, and its province and commune (null above them). */
		endpointId: { type: String, required: true },
		provinceId: { type: String, default: null },
		communeId: { type: String, default: null },
		recordedAt: { type: Date, required: true },
		/** The record as the exchange format carries it (docs/nationaldb.md). */
		record: { type: Schema.Types.Mixed, required: true },
		status: { type: String, enum: OUTBOX_STATUSES, required: true },
		attempts: { type: Number, default: 0 },
		nextAttemptAt: { type: Date, required: true },
		/** Last transient failure (a refusal of the whole batch, a timeout), for the board. */
		lastError: { type: String, default: null },
		/** The receiver's reason when it rejected this record. */
		rejectReason: { type: String, default: null },
		batchId: { type: String, default: null },
		/** The adapter the item was last handed to. */
		via: { type: String, default: null },
		/** Which sender holds a `sent` item (so two processes never deliver the same batch). */
		claim: { type: String, default: null },
		enqueuedAt: { type: Date, required: true },
		sentAt: { type: Date, default: null },
		settledAt: { type: Date, default: null },
	},
	{ versionKey: false, collection: "nationaldboutbox", minimize: false },
);
outboxItemSchema.index({ status: 1, nextAttemptAt: 1, seq: 1 });
outboxItemSchema.index({ provinceId: 1, communeId: 1, status: 1, enqueuedAt: 1 });
outboxItemSchema.index({ endpointId: 1, status: 1 });
outboxItemSchema.index({ kind: 1, entityId: 1, rev: -1 });
outboxItemSchema.index({ batchId: 1 });
outboxItemSchema.index({ claim: 1 });
outboxItemSchema.index({ status: 1, via: 1, sentAt: 1 });

export interface OutboxItem {
	_id: string;
	kind: ExchangeKind;
	entityId: string;
	rev: number;
	seq: number;
	endpointId: string;
	provinceId: string | null;
	communeId: string | null;
	recordedAt: Date;
	record: ExchangeRecord;
	status: OutboxStatus;
	attempts: number;
	nextAttemptAt: Date;
	lastError: string | null;
	rejectReason: string | null;
	batchId: string | null;
	via: string | null;
	claim: string | null;
	enqueuedAt: Date;
	sentAt: Date | null;
	settledAt: Date | null;
}

/** One record as a batch carries it (docs/nationaldb.md, "Record"). */
export interface ExchangeRecord {
	key: string;
	kind: ExchangeKind;
	entityId: string;
	rev: number;
	/** The revision this one replaces (null for the first). */
	supersedesKey: string | null;
	recordedAt: string;
	/** Unit codes, not internal ids: the national database knows provinces and communes by code. */
	province: { code: string; name: string } | null;
	commune: { code: string; name: string } | null;
	data: Record<string, unknown>;
}

/** One batch handed to an adapter: for the export adapter, the files an operator uploads. */
const batchSchema = new Schema(
	{
		_id: { type: String, required: true },
		adapter: { type: String, required: true },
		/** The endpoint whose records it carries (null: a push of every endpoint's records). */
		endpointId: { type: String, default: null },
		createdAt: { type: Date, required: true },
		createdBy: { type: String, required: true },
		keys: { type: [String], required: true },
		receiptAt: { type: Date, default: null },
		/** Why the whole batch did not get through (its items were retried in later batches). */
		failure: { type: String, default: null },
	},
	{ versionKey: false, collection: "nationaldbbatches", minimize: false },
);
batchSchema.index({ createdAt: -1 });
batchSchema.index({ endpointId: 1, createdAt: -1 });

export interface BatchRecord {
	_id: string;
	adapter: string;
	endpointId: string | null;
	createdAt: Date;
	createdBy: string;
	keys: string[];
	receiptAt: Date | null;
	failure: string | null;
}

export interface OutboxModels {
	Item: Model<OutboxItem>;
	Batch: Model<BatchRecord>;
}

export function registerOutboxModels(connection: Connection): OutboxModels {
	return {
		Item: connection.model<OutboxItem>("NationalDbOutboxItem", outboxItemSchema),
		Batch: connection.model<BatchRecord>("NationalDbBatch", batchSchema),
	};
}
