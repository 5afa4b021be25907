import { createHash } from "node:crypto";
import { type Request, type Response, Router } from "express";
import type { z } from "zod";
import { changeEnvelope, pageQuery } from "../../../domain/api/common.js";
import type { ResourceType } from "../../../domain/permissions.js";
import type { RevisionFields } from "../../records/models/revision.js";
import type { WriteOutcome } from "../../records/RecordWriter.js";
import type { RevisionStore } from "../../records/RevisionStore.js";
import { type ApiServices, authorised, type RequestContext } from "../RequestContext.js";
import { type Reference, requireReferencesInScope, visible } from "../references.js";
import { validate } from "../validate.js";

/** How one kind of revisioned record is exposed over HTTP. */
export interface RevisionResource<T extends RevisionFields, Q extends Record<string, unknown>> {
	resource: ResourceType;
	store(services: ApiServices): RevisionStore<T>;
	createSchema: z.ZodType<Record<string, unknown>>;
	changeSchema: z.ZodType<Record<string, unknown>>;
	querySchema: z.ZodType<Q>;
	sort: Record<string, 1 | -1>;
	/** The list query for these filters, already narrowed to the caller's scope. */
	filter(query: Q, ctx: RequestContext): Promise<Record<string, unknown>>;
	/** Endpoints whose users may read a record; null when any signed-in user may. */
	readableBy(record: T): string[] | null;
	/** Endpoints that own a record: writing it needs one of them in scope (all of them with `ownedByAll`). */
	ownedBy(record: Record<string, unknown>, ctx: RequestContext): Promise<string[]>;
	ownedByAll?: boolean;
	/** Checks references and derives stored fields (ancestors, scope, hashes) from the input. */
	prepare(input: Record<string, unknown>, ctx: RequestContext): Promise<Record<string, unknown>>;
	view?(record: Record<string, unknown>): Record<string, unknown>;
	/** What reads add beyond the record, for a whole page at once (e.g. names true on the record's day). */
	present?(records: Record<string, unknown>[], services: ApiServices): Promise<Record<string, unknown>[]>;
	/** Ids of other records the input names (in `changed` fields on a change): each must be in scope. */
	references?(input: Record<string, unknown>): Reference[];
	/** Rules beyond role and scope on who may write it; `before` is null when creating. */
	authorize?(before: T | null, after: Record<string, unknown>, changed: readonly string[], ctx: RequestContext): void;
	/** Runs once a change is written (or journalled): e.g. revoking what the change takes away. */
	written?(before: T, after: Record<string, unknown>, ctx: RequestContext): Promise<void>;
	/** Runs once a new record is written (or journalled): e.g. a case entered in a session joins its agenda. */
	afterCreate?(record: Record<string, unknown>, ctx: RequestContext): Promise<void>;
}

/** A record as the API shows it: `id` is stable across revisions, `revisionId` names this one. */
export function revisionView(record: Record<string, unknown> | RevisionFields): Record<string, unknown> {
	const { _id, entityId, ...rest } = record as Record<string, unknown>;
	return { id: entityId, revisionId: String(_id), ...rest };
}

/**
 * A retried request carries the same Idempotency-Key and so names the same revision id: it lands
 * once, and the retry gets the revision back.
 */
export function revisionIdFor(req: Request, userId: string): string | undefined {
	const key = req.get("idempotency-key");
	return key ? createHash("sha256").update(`${userId}\n${key}`).digest("hex").slice(0, 24) : undefined;
}

/** GET list, GET one, GET history, POST (create), PATCH (change or correction); never DELETE. */
export function revisionRoutes<T extends RevisionFields, Q extends Record<string, unknown>>(
	services: ApiServices,
	def: RevisionResource<T, Q>,
): Router {
	const router = Router();
	const store = def.store(services);
	const view = (r: Record<string, unknown>) => revisionView(def.view ? def.view(r) : r);
	const readable = async (req: Request, res: Response) => {
		const ctx = await authorised(services, req, res, def.resource, "read");
		const id = String(req.params.id);
		return visible(store.current(id), def.readableBy, ctx, `${def.resource} ${id}`);
	};
	const requireOwner = async (record: Record<string, unknown>, ctx: RequestContext, what: string) => {
		const owners = await def.ownedBy(record, ctx);
		if (def.ownedByAll) ctx.scope.requireAll(owners, what);
		else ctx.scope.require(owners, what);
	};
	const answer = (res: Response, outcome: WriteOutcome) => sendWritten(res, outcome, view);
	const presented = async (records: readonly T[]) => {
		const plain = records as unknown as Record<string, unknown>[];
		return (def.present ? await def.present(plain, services) : plain).map(view);
	};

	router.get("/", async (req, res) => {
		const ctx = await authorised(services, req, res, def.resource, "read");
		const page = validate(pageQuery, req.query, "query");
		const query = validate(def.querySchema, req.query, "query");
		const result = await store.list(await def.filter(query, ctx), def.sort, page);
		res.json({ ...result, items: await presented(result.items) });
	});

	router.get("/:id", async (req, res) => {
		const [one] = await presented([await readable(req, res)]);
		res.json(one);
	});

	router.get("/:id/history", async (req, res) => {
		const current = await readable(req, res);
		const revisions = await store.history(current.entityId);
		res.json({ items: await presented(revisions) });
	});

	router.post("/", async (req, res) => {
		const ctx = await authorised(services, req, res, def.resource, "write");
		const revisionId = revisionIdFor(req, ctx.identity.sub);
		const replay = revisionId ? await store.revision(revisionId) : null;
		if (replay) {
			res.status(200).json(view(replay as unknown as Record<string, unknown>));
			return;
		}
		const input = validate(def.createSchema, req.body, "body");
		// Scope first: a record outside it is refused before anything about it is checked or told.
		await requireReferencesInScope(def.references?.(input) ?? [], ctx);
		await requireOwner(input, ctx, `this ${def.resource} record`);
		def.authorize?.(null, input, Object.keys(input), ctx);
		const record = await def.prepare(input, ctx);
		const created = await store.create(record, ctx.actor, revisionId);
		await def.afterCreate?.(created.document, ctx);
		answer(res, created);
	});

	router.patch("/:id", async (req, res) => {
		const ctx = await authorised(services, req, res, def.resource, "write");
		const envelope = validate(changeEnvelope, req.body, "body");
		const parsed = validate(def.changeSchema, envelope.changes, "changes");
		// Only what was sent: schema defaults must not reset fields the client left alone.
		const changes = Object.fromEntries(Object.keys(envelope.changes).map((k) => [k, parsed[k]]));
		const id = String(req.params.id);
		const head = await visible(store.current(id), def.readableBy, ctx, `${def.resource} ${id}`);
		const before = head as unknown as Record<string, unknown>;
		const changedRefs = (def.references?.(changes) ?? []).filter((r) => Object.hasOwn(changes, r.field));
		await requireReferencesInScope(changedRefs, ctx);
		await requireOwner(before, ctx, `${def.resource} ${head.entityId}`);
		await requireOwner({ ...before, ...changes }, ctx, `the changed ${def.resource} record`);
		def.authorize?.(head, { ...before, ...changes }, Object.keys(changes), ctx);
		const record = await def.prepare({ ...before, ...changes }, ctx);
		const outcome = await store.revise(
			head.entityId,
			record,
			{
				kind: envelope.correction ? "correction" : "update",
				reason: envelope.correction?.reason,
				expectedRev: envelope.expectedRev,
			},
			ctx.actor,
			revisionIdFor(req, ctx.identity.sub),
		);
		await def.written?.(head, record, ctx);
		answer(res, outcome);
	});

	return router;
}

/** 201 with the record once the database has it; 202 when it is journalled and lands later. */
export function sendWritten(
	res: Response,
	outcome: WriteOutcome,
	view: (r: Record<string, unknown>) => Record<string, unknown> = revisionView,
): void {
	res.status(outcome.pending ? 202 : 201).json({ ...view(outcome.document), pending: outcome.pending });
}
