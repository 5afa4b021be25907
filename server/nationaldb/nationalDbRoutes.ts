import { Router } from "express";
import {
	nationalDbBatchBody,
	nationalDbBatchFile,
	nationalDbBoardQuery,
	nationalDbItemsQuery,
	nationalDbReceiptBody,
} from "../../domain/api/nationalDb.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import { type ApiServices, authorised, type RequestContext } from "../http/RequestContext.js";
import { subtreeInScope } from "../http/subtreeInScope.js";
import { validate } from "../http/validate.js";
import { completenessBoard } from "./CompletenessBoard.js";
import { EXPORT_FILE_KINDS } from "./ExportBatchAdapter.js";
import type { BatchRecord, OutboxItem } from "./OutboxModels.js";

/** /api/nationaldb: the completeness board, the outbox, export batches and their receipts. */
export function nationalDbRoutes(services: ApiServices): Router {
	const router = Router();
	const exchange = services.nationalDb;
	const { Item, Batch } = exchange.models;

	/** A batch is the business of the endpoint it was made for: it must lie in the caller's scope. */
	const batchInScope = async (ctx: RequestContext, id: string): Promise<BatchRecord> => {
		const batch = await Batch.findById(id).lean<BatchRecord>();
		// One outside the caller's scope is answered as absent (the scope rule).
		if (!batch || !ctx.scope.covers([batch.endpointId ?? ""])) throw new NotFoundError(`batch ${id}`);
		return batch;
	};

	router.get("/board", async (req, res) => {
		const ctx = await authorised(services, req, res, "nationaldb", "read");
		const query = validate(nationalDbBoardQuery, req.query, "query");
		const endpointIds = await subtreeInScope(ctx, query.under);
		await exchange.catchUp();
		res.json(await completenessBoard(exchange.models, services.records, endpointIds, exchange.mode));
	});

	router.get("/items", async (req, res) => {
		const ctx = await authorised(services, req, res, "nationaldb", "read");
		const query = validate(nationalDbItemsQuery, req.query, "query");
		const endpointIds = await subtreeInScope(ctx, query.under);
		const filter = {
			...(endpointIds === null ? {} : { endpointId: { $in: endpointIds } }),
			...(query.status ? { status: query.status } : {}),
			...(query.kind ? { kind: query.kind } : {}),
		};
		const [items, total] = await Promise.all([
			Item.find(filter).sort({ seq: -1 }).skip(query.offset).limit(query.limit).lean<OutboxItem[]>(),
			Item.countDocuments(filter),
		]);
		res.json({ items: items.map(itemView), total, offset: query.offset, limit: query.limit });
	});

	router.post("/items/:key/retry", async (req, res) => {
		const ctx = await authorised(services, req, res, "nationaldb", "write");
		const item = await Item.findById(String(req.params.key)).lean<OutboxItem>();
		if (!item || !ctx.scope.covers([item.endpointId]))
			throw new NotFoundError(`outbox record ${String(req.params.key)}`);
		if (item.status !== "rejected") throw new ConflictError(`record ${item._id} is ${item.status}, not rejected`);
		await Item.updateOne(
			{ _id: item._id, status: "rejected" },
			{ $set: { status: "pending", nextAttemptAt: new Date(), rejectReason: null, settledAt: null } },
		);
		res.json(itemView({ ...item, status: "pending", rejectReason: null }));
	});

	router.post("/batches", async (req, res) => {
		const ctx = await authorised(services, req, res, "nationaldb", "write");
		const body = validate(nationalDbBatchBody, req.body ?? {}, "body");
		if (exchange.mode !== "export") throw new ConflictError(`the national database link is in ${exchange.mode} mode`);
		const under = body.under ?? ctx.identity.endpointId;
		const endpointIds = await subtreeInScope(ctx, under, "body.under");
		await exchange.catchUp();
		const result = await exchange.sender.sendBatch(ctx.identity.sub, new Date(), {
			endpointId: under,
			endpointIds,
		});
		if (!result.batchId) throw new ConflictError("no record is waiting to be sent");
		res.status(201).json(batchView(await batchInScope(ctx, result.batchId)));
	});

	router.get("/batches", async (req, res) => {
		const ctx = await authorised(services, req, res, "nationaldb", "read");
		const filter = ctx.scope.endpointIds === null ? {} : { endpointId: { $in: [...ctx.scope.endpointIds] } };
		const batches = await Batch.find(filter).sort({ createdAt: -1 }).limit(100).lean<BatchRecord[]>();
		res.json({ items: batches.map(batchView) });
	});

	router.get("/batches/:id/:file", async (req, res) => {
		const ctx = await authorised(services, req, res, "nationaldb", "read");
		const file = validate(nationalDbBatchFile, req.params.file, "file");
		const batch = await batchInScope(ctx, String(req.params.id));
		const bytes = await exchange.exports.read(batch._id, file);
		const name = file === "manifest" ? `${batch._id}.manifest.json` : `${batch._id}.${file}`;
		res.type(EXPORT_FILE_KINDS[file]).attachment(name).send(bytes);
	});

	router.post("/batches/:id/receipt", async (req, res) => {
		const ctx = await authorised(services, req, res, "nationaldb", "write");
		const receipt = validate(nationalDbReceiptBody, req.body, "body");
		const batch = await batchInScope(ctx, String(req.params.id));
		if (receipt.batchId !== batch._id) throw new ConflictError(`the receipt is for batch ${receipt.batchId}`);
		res.json(await exchange.sender.applyReceipts(batch._id, receipt.results));
	});

	return router;
}

function itemView(item: OutboxItem): Record<string, unknown> {
	const { _id, claim: _claim, ...rest } = item;
	return { key: _id, ...rest };
}

function batchView(batch: BatchRecord): Record<string, unknown> {
	const { _id, ...rest } = batch;
	return { id: _id, recordCount: batch.keys.length, ...rest };
}
