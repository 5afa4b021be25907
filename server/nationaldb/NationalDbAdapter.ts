import type { ReceiptStatus } from "../../domain/nationalDb.js";
import type { ExchangeRecord } from "./OutboxModels.js";

/** One batch as every adapter carries it (docs/nationaldb.md, "Batch"). */
export interface ExchangeBatch {
	schemaVersion: string;
	batchId: string;
	createdAt: string;
	sender: { system: string; instance: string };
	records: ExchangeRecord[];
}

/** The receiver's verdict on one record. */
export interface RecordReceipt {
	key: string;
	status: ReceiptStatus;
	reason?: string;
}

/**
 * What became of a batch: the receiver answered for its records (`settled`; records it did not
 * answer for are retried), or the batch waits for a receipt that comes later (`handed-off`).
 */
export type Delivery = { kind: "settled"; receipts: RecordReceipt[] } | { kind: "handed-off" };

/** The whole batch did not get through (unreachable, timed out, refused): retried later, nothing lost. */
export class DeliveryFailure extends Error {
	constructor(
		message: string,
		/** The receiver asked to wait this long (Retry-After). */
		readonly retryAfterMs?: number,
	) {
		super(message);
		this.name = "DeliveryFailure";
	}
}

/** A way to hand records to the national database; the outbox does not care which. */
export interface NationalDbAdapter {
	readonly name: "http" | "export";
	deliver(batch: ExchangeBatch): Promise<Delivery>;
}
