import { z } from "zod";
import {
	EXCHANGE_KINDS,
	NATIONAL_DB_MODES,
	OUTBOX_STATUSES,
	RECEIPT_MAX_ITEMS,
	RECEIPT_REASON_MAX,
	RECEIPT_STATUSES,
} from "../nationalDb.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { isoDate, itemsOf, listOf } from "./common.js";

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
				reason: z.string().max(RECEIPT_REASON_MAX).optional(),
			}),
		)
		.max(RECEIPT_MAX_ITEMS),
});

/** What an imported receipt settled; `rejections` are the records it rejected, with the reason. */
export const nationalDbReceiptAnswer = z.object({
	acknowledged: z.number().int().min(0),
	rejected: z.number().int().min(0),
	unanswered: z.number().int().min(0),
	rejections: z.array(z.object({ key: z.string(), reason: z.string() })),
});
export type NationalDbReceiptAnswer = z.infer<typeof nationalDbReceiptAnswer>;

/** An export batch as listed: its records' keys, when its receipt came back. */
export interface NationalDbBatchView {
	id: string;
	adapter: string;
	endpointId: string | null;
	recordCount: number;
	keys: string[];
	createdAt: string;
	createdBy: string;
	receiptAt: string | null;
	failure: string | null;
}

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

const unit = z.object({ code: z.string(), name: z.string() }).nullable();

/** One revision of one record in the outbox, with the record as a batch carries it. */
export const outboxItemView = z.looseObject({
	key: z.string(),
	kind: z.enum(EXCHANGE_KINDS),
	entityId: z.string(),
	rev: z.number().int(),
	endpointId: z.string(),
	status: z.enum(OUTBOX_STATUSES),
	attempts: z.number().int().min(0),
	rejectReason: z.string().nullable(),
	batchId: z.string().nullable(),
	record: z.looseObject({
		key: z.string(),
		kind: z.enum(EXCHANGE_KINDS),
		supersedesKey: z.string().nullable(),
		recordedAt: z.string(),
		province: unit,
		commune: unit,
		data: z.record(z.string(), z.unknown()),
	}),
});

export const batchView = z.looseObject({
	id: z.string(),
	adapter: z.string(),
	endpointId: z.string().nullable(),
	recordCount: z.number().int().min(0),
	keys: z.array(z.string()),
	createdAt: isoDate,
	createdBy: z.string(),
	receiptAt: isoDate.nullable(),
	failure: z.string().nullable(),
});

const counts = {
	acknowledged: z.number().int().min(0),
	unsynchronised: z.number().int().min(0),
	rejected: z.number().int().min(0),
	oldestPendingSeconds: z.number().nullable(),
};

export const completenessBoardView = z.object({
	generatedAt: isoDate,
	mode: z.enum(NATIONAL_DB_MODES),
	rows: z.array(
		z.looseObject({
			provinceId: z.string().nullable(),
			provinceName: z.string(),
			communeId: z.string().nullable(),
			communeName: z.string().nullable(),
			...counts,
		}),
	),
	totals: z.looseObject(counts),
	rejected: z.array(
		z.looseObject({ key: z.string(), kind: z.enum(EXCHANGE_KINDS), reason: z.string(), fixPath: z.string() }),
	),
});

const route = routesOf("nationaldb", "nationaldb");
const batch = z.strictObject({ id: z.string().min(1).max(100), file: nationalDbBatchFile });
const exportFile = { mediaTypes: ["application/json", "application/xml"], description: "The batch file" };

export const nationalDbApi: ApiRoute[] = [
	route("GET /nationaldb/board", "Completeness board per province and commune", completenessBoardView, {
		query: nationalDbBoardQuery,
	}),
	route("GET /nationaldb/items", "The outbox, newest first", listOf(outboxItemView), { query: nationalDbItemsQuery }),
	route("POST /nationaldb/items/{key}/retry", "Send a corrected rejected record again", outboxItemView),
	route(
		"POST /nationaldb/batches",
		"Make an export batch (export mode)",
		{ 201: batchView },
		{ body: nationalDbBatchBody },
	),
	route("GET /nationaldb/batches", "The latest export batches in scope", itemsOf(batchView)),
	route("GET /nationaldb/batches/{id}/{file}", "One file of an export batch", exportFile, { params: batch }),
	route("POST /nationaldb/batches/{id}/receipt", "Import the receipt of a batch", nationalDbReceiptAnswer, {
		body: nationalDbReceiptBody,
	}),
];
