import { z } from "zod";
import { EXCHANGE_KINDS, OUTBOX_STATUSES, RECEIPT_STATUSES } from "../nationalDb.js";

/** `under`: an endpoint whose subtree the answer covers (default: the caller's whole scope). */
export const nationalDbBoardQuery = z.object({
	under: z.string().min(1).max(64).optional(),
});

export const nationalDbItemsQuery = nationalDbBoardQuery.extend({
	status: z.enum(OUTBOX_STATUSES).optional(),
	kind: z.enum(EXCHANGE_KINDS).optional(),
	offset: z.coerce.number().int().min(0).default(0),
	limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Making an export batch: of the due records under `under` (default: the caller's endpoint). */
export const nationalDbBatchBody = z
	.object({ under: z.string().min(1).max(64).optional() })
	.strict()
	.default({});

/** The national database's receipt for an exported batch: the same form as its HTTP answer. */
export const nationalDbReceiptBody = z.object({
	batchId: z.string().min(1).max(100),
	results: z
		.array(
			z.object({
				key: z.string().min(1).max(200),
				status: z.enum(RECEIPT_STATUSES),
				reason: z.string().max(2000).optional(),
			}),
		)
		.max(1000),
});

export const nationalDbBatchFile = z.enum(["json", "xml", "manifest"]);

/** One row of the completeness board: a province, or a commune under it. */
export interface CompletenessRow {
	provinceId: string | null;
	provinceName: string;
	communeId: string | null;
	communeName: string | null;
	acknowledged: number;
	/** Not yet synchronised: pending or sent without an answer. */
	unsynchronised: number;
	rejected: number;
	/** Age in seconds of the oldest record not yet synchronised; null when there is none. */
	oldestPendingSeconds: number | null;
}

/** A rejected record on the board: the receiver's reason and the screen that fixes it. */
export interface RejectedRecord {
	key: string;
	kind: (typeof EXCHANGE_KINDS)[number];
	entityId: string;
	rev: number;
	provinceName: string | null;
	communeName: string | null;
	reason: string;
	rejectedAt: string;
	fixPath: string;
}

export interface CompletenessBoard {
	generatedAt: string;
	mode: string;
	rows: CompletenessRow[];
	totals: Omit<CompletenessRow, "provinceId" | "provinceName" | "communeId" | "communeName">;
	rejected: RejectedRecord[];
}
