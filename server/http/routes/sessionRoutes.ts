import { Router } from "express";
import { z } from "zod";
import { noticeDetailsSchema } from "../../../domain/api/sessions.js";
import { ConflictError, ForbiddenError, ValidationError } from "../../../domain/errors.js";
import { can, requireCan, roleMay } from "../../../domain/permissions.js";
import { presides } from "../../../domain/presides.js";
import { isAttendable } from "../../../domain/sessionLifecycle.js";
import { SESSION_KINDS, SESSION_ORIGINS, SESSION_STATUSES } from "../../../domain/vocabulary.js";
import type { ReceptionSessionRecord } from "../../records/models/ReceptionSession.js";
import { transitionChanges } from "../../records/SessionLifecycle.js";
import { NoticeIssuer } from "../../sessions/notice/NoticeIssuer.js";
import { type ApiServices, authorised } from "../RequestContext.js";
import { validate } from "../validate.js";
import { rangeAndEndpointQuery, scopedRangeFilter } from "./filters.js";
import { revisionRoutes, sendWritten } from "./revisionRoutes.js";
import { sessionInScope } from "./sessionAccess.js";

const ids = z.array(z.string().min(1));

const editable = z.object({
	title: z.string().min(1),
	plannedStart: z.coerce.date(),
	plannedEnd: z.coerce.date(),
	chairUserId: z.string().min(1),
	coChairUserIds: ids.default([]),
	secretariatUserIds: ids.default([]),
	participantEndpointIds: ids.default([]),
	agenda: z.array(z.string().min(1)).default([]),
	caseIds: ids.default([]),
});

const createSchema = editable.extend({
	kind: z.enum(SESSION_KINDS),
	origin: z.object({ type: z.enum(SESSION_ORIGINS), reason: z.string().min(3).optional() }),
	hostEndpointId: z.string().min(1),
});

const changeSchema = editable.partial().strict();

const querySchema = rangeAndEndpointQuery.extend({
	status: z.enum(SESSION_STATUSES).optional(),
	kind: z.enum(SESSION_KINDS).optional(),
});

const transitionSchema = z.object({
	to: z.enum(SESSION_STATUSES),
	reason: z.string().min(3).optional(),
	expectedRev: z.number().int().min(1).optional(),
	/** Concluding issues the conclusion notice (server/sessions/notice/NoticeIssuer.ts). */
	notice: noticeDetailsSchema.optional(),
});

/** Sessions: the generic record routes plus lifecycle steps and signalling tokens. */
export function sessionRoutes(services: ApiServices): Router {
	const router = Router();
	const { sessions } = services.records;

	router.post("/:id/transitions", async (req, res) => {
		const ctx = await authorised(services, req, res, "sessions", "transition");
		const request = validate(transitionSchema, req.body, "body");
		const session = await sessions.current(String(req.params.id));
		ctx.scope.require([session.hostEndpointId], `session ${session.entityId}`);
		if (ctx.identity.role === "chair" && !presides(ctx.identity, session)) {
			throw new ForbiddenError("only the presiding chair of this session or a co-chair may step it");
		}
		if (request.to === "concluded") {
			requireCan(ctx.identity, "conclude", { type: "sessions" });
			if (!request.notice) {
				throw new ValidationError("concluding issues the notice: give notice.number", [
					{ path: "body.notice", message: "required to conclude", code: "required" },
				]);
			}
			const issuer = new NoticeIssuer(services.records, services.documentFonts);
			sendWritten(res, await issuer.issue(session, request.notice, ctx.actor, request.expectedRev));
			return;
		}
		const changes = transitionChanges(session, { to: request.to, reason: request.reason });
		const written = await sessions.revise(
			session.entityId,
			changes,
			{ kind: "transition", reason: request.reason, expectedRev: request.expectedRev },
			ctx.actor,
		);
		if (request.to === "ended" || request.to === "cancelled")
			await services.live.closeSession(session.entityId, request.to);
		sendWritten(res, written);
	});

	/** A token for the session's signalling, for users whose endpoint takes part (or oversees it). */
	router.post("/:id/token", async (req, res) => {
		const { ctx, session } = await sessionInScope(services, req, res, "sessions", "attend");
		if (!isAttendable(session.status)) throw new ConflictError(`session ${session.entityId} is ${session.status}`);
		const token = services.tokens.sign(ctx.identity, "session", session.entityId);
		res.status(201).json({ token, sessionId: session.entityId });
	});

	router.use(
		revisionRoutes<ReceptionSessionRecord, z.infer<typeof querySchema>>(services, {
			resource: "sessions",
			store: (s) => s.records.sessions,
			createSchema,
			changeSchema,
			querySchema,
			sort: { plannedStart: -1 },
			filter: (q, ctx) => scopedRangeFilter(ctx, "plannedStart", q, { status: q.status, kind: q.kind }),
			readableBy: (session) => session.scopeEndpointIds,
			ownedBy: async (record) => [String(record.hostEndpointId)],
			prepare: async (input, ctx) => {
				const origin = input.origin as { type: string; reason?: string };
				if (origin.type === "on-demand" && (!can(ctx.identity, "request", { type: "sessions" }) || !origin.reason)) {
					throw new ValidationError("only the central office requests a session on demand, with a reason");
				}
				if ((input.plannedEnd as Date) <= (input.plannedStart as Date)) {
					throw new ValidationError("plannedEnd must be after plannedStart");
				}
				const participants = input.participantEndpointIds as string[];
				const host = String(input.hostEndpointId);
				await Promise.all([host, ...participants].map((id) => ctx.records.endpoints.current(id)));
				await Promise.all((input.caseIds as string[]).map((id) => ctx.records.cases.current(id)));
				for (const id of [String(input.chairUserId), ...((input.coChairUserIds as string[] | undefined) ?? [])]) {
					const chair = await ctx.records.users.current(id);
					if (!roleMay(chair.role, "preside", "sessions"))
						throw new ValidationError(`user ${chair.entityId} is not a chair`);
				}
				return {
					...input,
					status: input.status ?? "scheduled",
					scopeEndpointIds: [...new Set([host, ...participants])],
				};
			},
		}),
	);
	return router;
}
