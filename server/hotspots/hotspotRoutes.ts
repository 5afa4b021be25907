import { type Response, Router } from "express";
import { rateLimit } from "express-rate-limit";
import {
	boardQuery,
	developmentBody,
	dialogueRequestBody,
	feedAcknowledgeBody,
	feedQuery,
	groupChangeBody,
	groupCreateBody,
	groupQuery,
	watchChangeBody,
	watchCreateBody,
	watchTransitionBody,
} from "../../domain/api/hotspots.js";
import { identityOf } from "../http/authenticate.js";
import { type ApiServices, authorised } from "../http/RequestContext.js";
import { revisionIdFor, revisionView, sendWritten } from "../http/routes/revisionRoutes.js";
import { validate } from "../http/validate.js";
import type { WriteOutcome } from "../records/RecordWriter.js";
import type { Hotspots } from "./Hotspots.js";

const param = (value: unknown): string => String(value);

/** 201 with the record as read back (derived fields included); 202 when it waits in the journal. */
async function sendRead(res: Response, outcome: WriteOutcome, read: (id: string) => Promise<unknown>): Promise<void> {
	if (outcome.pending) {
		sendWritten(res, outcome);
		return;
	}
	res.status(201).json({ ...((await read(String(outcome.document.entityId))) as object), pending: false });
}

/** `/api/hotspots`: every route authorised by role (`can`) and by the endpoints that hold its case. */
export function hotspotRoutes(services: ApiServices, hotspots: Hotspots, writesPerMinute: number): Router {
	const router = Router();
	const { watches, groups, developments, feed, board, dialogues } = hotspots;

	// Writes are bounded per user: a stuck client cannot flood the log or the boards.
	router.use(
		rateLimit({
			windowMs: 60_000,
			limit: writesPerMinute,
			skip: (req) => req.method === "GET",
			standardHeaders: "draft-8",
			legacyHeaders: false,
			keyGenerator: (_req, res) => identityOf(res).sub,
			handler: (_req, res) => {
				res.status(429).json({ error: { code: "RATE_LIMITED", message: "too many hot-spot writes; wait a minute" } });
			},
		}),
	);

	// ---- Boards ----
	router.get("/watches", async (req, res) => {
		const ctx = await authorised(services, req, res, "watches", "read");
		res.json({ items: await board.watchlist(validate(boardQuery, req.query, "query"), ctx) });
	});

	router.get("/board", async (req, res) => {
		const ctx = await authorised(services, req, res, "watches", "read");
		res.json(await board.board(validate(boardQuery, req.query, "query"), ctx));
	});

	router.post("/board/seen", async (req, res) => {
		const ctx = await authorised(services, req, res, "watches", "read");
		res.json(await board.markSeen(ctx));
	});

	// ---- Watch entries ----
	router.post("/watches", async (req, res) => {
		const ctx = await authorised(services, req, res, "watches", "write");
		const revisionId = revisionIdFor(req, ctx.identity.sub);
		const replay = revisionId ? await watches.store.revision(revisionId) : null;
		if (replay) {
			res.status(200).json(revisionView(replay));
			return;
		}
		const written = await watches.open(validate(watchCreateBody, req.body, "body"), ctx, revisionId);
		await sendRead(res, written, async (id) => watches.view(await watches.held(id, ctx)));
	});

	router.get("/watches/:id", async (req, res) => {
		const ctx = await authorised(services, req, res, "watches", "read");
		const held = await watches.held(param(req.params.id), ctx);
		const caseGroups = await groups.list({ caseId: held.watch.caseId }, ctx);
		const sessions = await services.records.sessions.find({ entityId: { $in: held.watch.dialogueSessionIds } });
		res.json({
			...watches.view(held),
			groups: caseGroups.map((g) => groups.view(g)),
			dialogues: sessions.map((s) => ({
				id: s.entityId,
				title: s.title,
				plannedStart: s.plannedStart,
				status: s.status,
			})),
		});
	});

	router.get("/watches/:id/history", async (req, res) => {
		const ctx = await authorised(services, req, res, "watches", "read");
		const { watch } = await watches.held(param(req.params.id), ctx);
		res.json({ items: (await watches.store.history(watch.entityId)).map((r) => revisionView(r)) });
	});

	router.patch("/watches/:id", async (req, res) => {
		const ctx = await authorised(services, req, res, "watches", "write");
		const body = validate(watchChangeBody, req.body, "body");
		const written = await watches.change(param(req.params.id), body, ctx, revisionIdFor(req, ctx.identity.sub));
		await sendRead(res, written, async (id) => watches.view(await watches.held(id, ctx)));
	});

	router.post("/watches/:id/transitions", async (req, res) => {
		const ctx = await authorised(services, req, res, "watches", "transition");
		const body = validate(watchTransitionBody, req.body, "body");
		const written = await watches.transition(param(req.params.id), body, ctx);
		await sendRead(res, written, async (id) => watches.view(await watches.held(id, ctx)));
	});

	router.post("/watches/:id/dialogue", async (req, res) => {
		const ctx = await authorised(services, req, res, "sessions", "request");
		const body = validate(dialogueRequestBody, req.body, "body");
		const { session, watch } = await dialogues.request(param(req.params.id), body, ctx);
		res.status(session.pending || watch.pending ? 202 : 201).json({
			session: revisionView(session.document),
			watch: revisionView(watch.document),
		});
	});

	// ---- Developments ----
	router.get("/cases/:caseId/developments", async (req, res) => {
		const ctx = await authorised(services, req, res, "developments", "read");
		res.json({ items: await developments.ofCase(param(req.params.caseId), ctx) });
	});

	router.post("/cases/:caseId/developments", async (req, res) => {
		const ctx = await authorised(services, req, res, "developments", "write");
		const body = validate(developmentBody, req.body, "body");
		const written = await developments.add(param(req.params.caseId), body, ctx, req.get("idempotency-key"));
		res
			.status(written.replayed ? 200 : written.pending ? 202 : 201)
			.json({ ...written.view, pending: written.pending });
	});

	// ---- Working groups ----
	router.get("/groups", async (req, res) => {
		const ctx = await authorised(services, req, res, "workgroups", "read");
		const list = await groups.list(validate(groupQuery, req.query, "query"), ctx);
		res.json({ items: list.map((g) => groups.view(g)) });
	});

	router.post("/groups", async (req, res) => {
		const ctx = await authorised(services, req, res, "workgroups", "write");
		const revisionId = revisionIdFor(req, ctx.identity.sub);
		const replay = revisionId ? await groups.store.revision(revisionId) : null;
		if (replay) {
			res.status(200).json(groups.view(replay));
			return;
		}
		const written = await groups.create(validate(groupCreateBody, req.body, "body"), ctx, revisionId);
		await sendRead(res, written, async (id) => groups.view((await groups.held(id, ctx)).group));
	});

	router.get("/groups/:id", async (req, res) => {
		const ctx = await authorised(services, req, res, "workgroups", "read");
		res.json(groups.view((await groups.held(param(req.params.id), ctx)).group));
	});

	router.get("/groups/:id/history", async (req, res) => {
		const ctx = await authorised(services, req, res, "workgroups", "read");
		const { group } = await groups.held(param(req.params.id), ctx);
		res.json({ items: (await groups.store.history(group.entityId)).map((r) => revisionView(r)) });
	});

	router.patch("/groups/:id", async (req, res) => {
		const ctx = await authorised(services, req, res, "workgroups", "write");
		const body = validate(groupChangeBody, req.body, "body");
		const written = await groups.change(param(req.params.id), body, ctx, revisionIdFor(req, ctx.identity.sub));
		await sendRead(res, written, async (id) => groups.view((await groups.held(id, ctx)).group));
	});

	// ---- Keeping the central office informed ----
	router.get("/feed", async (req, res) => {
		const ctx = await authorised(services, req, res, "feed", "read");
		res.json({ items: await feed.items(validate(feedQuery, req.query, "query"), ctx) });
	});

	router.post("/feed/acknowledgements", async (req, res) => {
		const ctx = await authorised(services, req, res, "feed", "acknowledge");
		const { itemId } = validate(feedAcknowledgeBody, req.body, "body");
		const { item, pending } = await feed.acknowledge(itemId, ctx);
		res.status(pending ? 202 : 201).json({ ...item, pending });
	});

	return router;
}
