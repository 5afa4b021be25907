/**
 * Vocabulary of the exchange with the national database on citizen reception, petition handling and
 * complaint and denunciation resolution (docs/nationaldb.md is the contract the receiver implements).
 */

/** Version of the batch format (JSON and XML); a receiver refuses a version it does not know. */
export const NATIONAL_DB_SCHEMA_VERSION = "1.1";

/** What is sent: each revision of a case, of an outcome, of a resolution decision, of a follow-up result. */
export const EXCHANGE_KINDS = ["case", "outcome", "resolution-decision", "follow-up-result"] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

/**
 * A record's way through the outbox: `pending` (not yet handed over, or to be retried), `sent`
 * (handed to an adapter, no answer yet), `acknowledged` (the national database has it), `rejected`
 * (refused for good, with the receiver's reason; a corrected revision is a new record).
 */
export const OUTBOX_STATUSES = ["pending", "sent", "acknowledged", "rejected"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** `off`: the outbox fills, nothing leaves; `export`: batches for manual upload; `http`: pushed to a URL. */
export const NATIONAL_DB_MODES = ["off", "export", "http"] as const;
export type NationalDbMode = (typeof NATIONAL_DB_MODES)[number];

/** The receiver's verdict on one record of a batch. */
export const RECEIPT_STATUSES = ["accepted", "duplicate", "rejected"] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/**
 * Bounds of an imported receipt: at most one verdict per record of the largest batch
 * (`NATIONAL_DB_BATCH_SIZE` ≤ 1000), a reason of at most 2,000 characters, and a file no larger than
 * the API takes in one request body (1 MB).
 */
export const RECEIPT_MAX_ITEMS = 1000;
export const RECEIPT_REASON_MAX = 2000;
export const RECEIPT_MAX_BYTES = 1_000_000;

/**
 * The stable idempotency key of one revision of one record: the same revision always gets the same
 * key, so a resend (after a timeout, a restart, a rebuilt outbox) is recognised as already known.
 */
export function exchangeKey(kind: ExchangeKind, entityId: string, rev: number): string {
	return `rb:${kind}:${entityId}:${rev}`;
}

/** Whose right it is to correct a rejected record of each kind (the fix screen's resource). */
export const FIX_RESOURCE: Readonly<Record<ExchangeKind, "cases" | "outcomes" | "tasks">> = {
	case: "cases",
	outcome: "outcomes",
	"resolution-decision": "cases",
	"follow-up-result": "tasks",
};

/**
 * The app screen where a rejected record is corrected: a case on its register page, an outcome on
 * its session's page (the secretariat records outcomes there).
 */
export function fixPathOf(kind: ExchangeKind, entityId: string, data: Record<string, unknown>): string {
	if (kind === "case") return `/register/${encodeURIComponent(entityId)}`;
	// A task's result: the case's page, whose task list shows each task and its result.
	if (kind === "follow-up-result") return `/register/${encodeURIComponent(String(data.caseId ?? ""))}`;
	const sessionId = typeof data.sessionId === "string" ? data.sessionId : null;
	return sessionId
		? `/sessions/${encodeURIComponent(sessionId)}`
		: `/register/${encodeURIComponent(String(data.caseId ?? ""))}`;
}
