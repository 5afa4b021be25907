import { createHash, randomUUID } from "node:crypto";
import { Router } from "express";
import { seriesCreateSchema } from "../../../domain/api/sessions.js";
import { ValidationError } from "../../../domain/errors.js";
import { type ApiServices, authorised } from "../../http/RequestContext.js";
import { requireReferencesInScope } from "../../http/references.js";
import { revisionView } from "../../http/routes/revisionRoutes.js";
import { validate } from "../../http/validate.js";
import { RevisionStore } from "../../records/RevisionStore.js";
import type { SessionSeriesRecord } from "../models/SessionSeries.js";
import { occurrences } from "../recurrence/occurrences.js";
import { sessionReferences } from "../sessionReferences.js";
import { prepareSession } from "../sessionRules.js";

/** Ids derived from the plan, so a retried request (same Idempotency-Key) lands each session once. */
const derivedId = (seed: string, part: string) =>
	createHash("sha256").update(`${seed}\n${part}`).digest("hex").slice(0, 24);

/**
 * `POST /sessions/series`: a leader's recurring periodic receptions. The first session is checked
 * exactly as a single one, the recurrence is bounded (an end, at most MAX_OCCURRENCES), and only
 * then are the plan and each of its sessions written (each with `seriesId`).
 */
export function seriesRoutes(services: ApiServices): Router {
	const router = Router();
	const series = new RevisionStore<SessionSeriesRecord>(
		services.records.models,
		"SessionSeries",
		services.records.writer,
	);

	router.post("/", async (req, res) => {
		const ctx = await authorised(services, req, res, "sessions", "write");
		const request = validate(seriesCreateSchema, req.body, "body");
		const { session, recurrence } = request;
		ctx.scope.require([session.hostEndpointId], "this session");
		if (session.kind !== "periodic") {
			throw new ValidationError("session.kind: only periodic receptions recur", [
				{ path: "body.session.kind", message: "only periodic receptions recur" },
			]);
		}
		await requireReferencesInScope(sessionReferences(session), ctx);
		const template = await prepareSession(session, ctx);
		const plan = occurrences(session.plannedStart, recurrence);
		const length = session.plannedEnd.getTime() - session.plannedStart.getTime();
		const seed = `${ctx.identity.sub}\n${req.get("idempotency-key") ?? randomUUID()}`;
		const seriesId = derivedId(seed, "series");
		const sessionIds = plan.starts.map((_, i) => derivedId(seed, `session-${i}`));
		const written = await series.create(
			{
				title: session.title,
				hostEndpointId: session.hostEndpointId,
				chairUserId: session.chairUserId,
				rule: plan.rule,
				recurrence,
				occurrences: plan.starts,
				sessionIds,
				scopeEndpointIds: template.scopeEndpointIds,
			},
			ctx.actor,
			seriesId,
		);
		let pending = written.pending;
		for (const [i, start] of plan.starts.entries()) {
			const one = await ctx.records.sessions.create(
				{
					...template,
					plannedStart: start,
					plannedEnd: new Date(start.getTime() + length),
					seriesId,
				},
				ctx.actor,
				sessionIds[i],
			);
			pending ||= one.pending;
		}
		res.status(pending ? 202 : 201).json({ ...revisionView(written.document), pending });
	});
	return router;
}
