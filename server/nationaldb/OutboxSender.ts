import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { NATIONAL_DB_SCHEMA_VERSION } from "../../domain/nationalDb.js";
import { type Delivery, DeliveryFailure, type NationalDbAdapter, type RecordReceipt } from "./NationalDbAdapter.js";
import type { OutboxItem, OutboxModels } from "./OutboxModels.js";
import { type RetryBounds, retryDelayMs } from "./retryDelay.js";

export interface OutboxSenderOptions {
	models: OutboxModels;
	adapter: NationalDbAdapter;
	batchSize: number;
	retry: RetryBounds;
	/** Names this platform in each batch (`sender.instance`). */
	instance: string;
	logger: Logger;
}

/** The endpoint a batch is made for, and the endpoints under it (null: every endpoint). */
export interface BatchScope {
	endpointId: string;
	endpointIds: string[] | null;
}

export interface SendResult {
	batchId: string | null;
	sent: number;
	acknowledged: number;
	rejected: number;
	/** Set when the whole batch failed and waits for its retry. */
	failure?: string;
}

/** What a receipt settled: counts, and each record it rejected with the receiver's reason. */
export interface ReceiptOutcome {
	acknowledged: number;
	rejected: number;
	/** Records of the batch the receipt did not name: back to `pending`, sent again. */
	unanswered: number;
	rejections: { key: string; reason: string }[];
}

/**
 * Hands due outbox items to the adapter in batches, oldest write first, and settles each item from
 * the receiver's verdict. A batch is claimed (`pending` → `sent` with this sender's claim) before it
 * leaves, so two processes never send the same items at once; an item whose batch failed goes back
 * to `pending` with its next try scheduled, and a verdict only ever settles a `sent` item once.
 */
export class OutboxSender {
	readonly #options: OutboxSenderOptions;
	/** The channel is down until then: no batch leaves before (Retry-After or backoff). */
	#pausedUntil = 0;

	constructor(options: OutboxSenderOptions) {
		this.#options = options;
	}

	get adapter(): NationalDbAdapter {
		return this.#options.adapter;
	}

	/**
	 * Sends one batch of due items, if there are any and the channel is not paused; `scope` limits it
	 * to the records under one endpoint (an export made by a province for its own upload).
	 */
	async sendBatch(createdBy = "system", now = new Date(), scope?: BatchScope): Promise<SendResult> {
		const none = { batchId: null, sent: 0, acknowledged: 0, rejected: 0 };
		if (now.getTime() < this.#pausedUntil) return none;
		const { models, adapter, batchSize } = this.#options;
		const within = scope?.endpointIds ? { endpointId: { $in: scope.endpointIds } } : {};
		const due = await models.Item.find({ ...within, status: "pending", nextAttemptAt: { $lte: now } }, { _id: 1 })
			.sort({ seq: 1 })
			.limit(batchSize)
			.lean<{ _id: string }[]>();
		if (due.length === 0) return none;
		const batchId = `${now.toISOString().slice(0, 10).replace(/-/g, "")}-${randomUUID()}`;
		await models.Item.updateMany(
			{ _id: { $in: due.map((d) => d._id) }, status: "pending" },
			{ $set: { status: "sent", claim: batchId, batchId, sentAt: now, via: adapter.name } },
		);
		const items = await models.Item.find({ claim: batchId }).sort({ seq: 1 }).lean<OutboxItem[]>();
		if (items.length === 0) return none;
		const keys = items.map((i) => i._id);
		await models.Batch.create({
			_id: batchId,
			adapter: adapter.name,
			endpointId: scope?.endpointId ?? null,
			createdAt: now,
			createdBy,
			keys,
		});
		let delivery: Delivery;
		try {
			delivery = await adapter.deliver({
				schemaVersion: NATIONAL_DB_SCHEMA_VERSION,
				batchId,
				createdAt: now.toISOString(),
				sender: { system: "reception-bridge", instance: this.#options.instance },
				records: items.map((i) => i.record),
			});
		} catch (err) {
			const failure = err instanceof DeliveryFailure ? err : new DeliveryFailure(String(err));
			await this.#retryLater(items, failure);
			await models.Batch.updateOne({ _id: batchId }, { $set: { failure: failure.message } });
			return { batchId, sent: 0, acknowledged: 0, rejected: 0, failure: failure.message };
		}
		this.#pausedUntil = 0;
		if (delivery.kind === "handed-off") return { batchId, sent: items.length, acknowledged: 0, rejected: 0 };
		const { acknowledged, rejected } = await this.applyReceipts(batchId, delivery.receipts);
		return { batchId, sent: items.length, acknowledged, rejected };
	}

	/**
	 * Settles the items of a batch from the receiver's verdicts (from the HTTP answer, or an imported
	 * receipt file). Items the receipt does not name go back to `pending`. Only `sent` items of this
	 * batch are settled: a verdict on an item already settled, or of another batch, changes nothing.
	 */
	async applyReceipts(batchId: string, receipts: RecordReceipt[]): Promise<ReceiptOutcome> {
		const { models } = this.#options;
		const now = new Date();
		const byStatus = (...statuses: string[]) => receipts.filter((r) => statuses.includes(r.status));
		const acked = byStatus("accepted", "duplicate").map((r) => r.key);
		const inBatch = { batchId, status: "sent" };
		const acknowledged = (
			await models.Item.updateMany(
				{ ...inBatch, _id: { $in: acked } },
				{ $set: { status: "acknowledged", settledAt: now, claim: null, lastError: null } },
			)
		).modifiedCount;
		const rejections: ReceiptOutcome["rejections"] = [];
		for (const r of byStatus("rejected")) {
			const reason = r.reason ?? "rejected without a reason";
			const settled = (
				await models.Item.updateOne(
					{ ...inBatch, _id: r.key },
					{
						$set: {
							status: "rejected",
							rejectReason: reason,
							settledAt: now,
							claim: null,
						},
					},
				)
			).modifiedCount;
			if (settled > 0) rejections.push({ key: r.key, reason });
		}
		const answered = new Set(receipts.map((r) => r.key));
		const unanswered = (await models.Item.find(inBatch).lean<OutboxItem[]>()).filter((i) => !answered.has(i._id));
		if (unanswered.length > 0) {
			await this.#retryLater(unanswered, new DeliveryFailure(`the receiver did not answer for this record`));
		}
		await models.Batch.updateOne({ _id: batchId }, { $set: { receiptAt: now } });
		return { acknowledged, rejected: rejections.length, unanswered: unanswered.length, rejections };
	}

	/** `sent` items of an automatic adapter whose answer never came (the process stopped mid-batch). */
	async recoverStale(olderThanMs: number, now = new Date()): Promise<number> {
		const { models, adapter } = this.#options;
		if (adapter.name !== "http") return 0;
		const stale = await models.Item.find({
			status: "sent",
			via: "http",
			sentAt: { $lt: new Date(now.getTime() - olderThanMs) },
		}).lean<OutboxItem[]>();
		if (stale.length > 0) await this.#retryLater(stale, new DeliveryFailure("no answer before the sender stopped"));
		return stale.length;
	}

	async #retryLater(items: OutboxItem[], failure: DeliveryFailure): Promise<void> {
		const { models, retry, logger } = this.#options;
		const attempts = Math.max(...items.map((i) => i.attempts)) + 1;
		const delay = Math.max(failure.retryAfterMs ?? 0, retryDelayMs(attempts, retry));
		this.#pausedUntil = Date.now() + delay;
		const nextAttemptAt = new Date(this.#pausedUntil);
		await models.Item.updateMany(
			{ _id: { $in: items.map((i) => i._id) }, status: "sent" },
			{
				$set: { status: "pending", claim: null, nextAttemptAt, lastError: failure.message },
				$inc: { attempts: 1 },
			},
		);
		logger.warn(
			{ records: items.length, attempts, retryInMs: delay, reason: failure.message },
			"national database batch not delivered; retrying later",
		);
	}
}
