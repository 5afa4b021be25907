import { Router } from "express";
import {
	type SessionQuery,
	sessionChangeSchema,
	sessionCreateSchema,
	sessionQuery,
	transitionInput,
} from "../../../domain/api/sessions.js";
import { ConflictError, ValidationError } from "../../../domain/errors.js";
import { requireCan } from "../../../domain/permissions.js";
import { isAttendable, sessionDay } from "../../../domain/sessionLifecycle.js";
import { inPeakPeriod, withPeakPeriods } from "../../duty/periodMembership.js";
import type { ReceptionSessionRecord } from "../../records/models/ReceptionSession.js";
import { transitionChanges } from "../../records/SessionLifecycle.js";
import { NoticeIssuer } from "../../sessions/notice/NoticeIssuer.js";
import { sessionReferences } from "../../sessions/sessionReferences.js";
import { prepareSession } from "../../sessions/sessionRules.js";
import { type ApiServices, authorised } from "../RequestContext.js";
import { visible } from "../references.js";
import { validate } from "../validate.js";
import { scopedRangeFilter } from "./filters.js";
import { revisionRoutes, sendWritten } from "./revisionRoutes.js";
import { sessionInScope } from "./sessionAccess.js";

/** Sessions: the generic record routes plus lifecycle steps and signalling tokens. */
export function sessionRoutes(services: ApiServices): Router {
	const router = Router();
	const { sessions } = services.records;

	router.post("/:id/transitions", async (req, res) => {
		const ctx = await authorised(services, req, res, "sessions", "transition");
		const request = validate(transitionInput, req.body, "body");
		const id = String(req.params.id);
		const session = await visible(sessions.current(id), (s) => s.scopeEndpointIds, ctx, `sessions ${id}`);
		ctx.scope.require([session.hostEndpointId], `session ${session.entityId}`);
		requireCan(ctx.identity, "transition", { type: "sessions", session });
		if (request.to === "concluded") {
			requireCan(ctx.identity, "conclude", { type: "sessions", session });
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
		revisionRoutes<ReceptionSessionRecord, SessionQuery>(services, {
			resource: "sessions",
			store: (s) => s.records.sessions,
			createSchema: sessionCreateSchema,
			changeSchema: sessionChangeSchema,
			querySchema: sessionQuery,
			sort: { plannedStart: -1 },
			filter: async (q, ctx) =>
				scopedRangeFilter(ctx, "plannedStart", q, {
					status: q.status,
					kind: q.kind,
					caseIds: q.case,
					// Made in the period: planned on one of its days, hosted or joined in its subtree.
					...(q.peakPeriod
						? { $and: [await inPeakPeriod(ctx, q.peakPeriod, "plannedStart", "scopeEndpointIds")] }
						: {}),
					...(q.chair ? { $or: [{ chairUserId: q.chair }, { coChairUserIds: q.chair }] } : {}),
				}),
			readableBy: (session) => session.scopeEndpointIds,
			references: sessionReferences,
			ownedBy: async (record) => [String(record.hostEndpointId)],
			prepare: prepareSession,
			present: sessionsWithNames,
		}),
	);
	return router;
}

const endpointsOf = (s: Record<string, unknown>) => [
	String(s.hostEndpointId),
	...((s.participantEndpointIds as string[] | undefined) ?? []),
];

/**
 * Each session with its endpoints named as they were on its day (a renamed or merged commune keeps its
 * old name), and the peak periods it was made in, derived as it is read (server/duty/periodMembership.ts).
 */
async function sessionsWithNames(sessions: Record<string, unknown>[], services: ApiServices) {
	const nameOn = await services.tree.namesOn(sessions.flatMap(endpointsOf));
	const named = sessions.map((s): Record<string, unknown> => {
		const day = sessionDay(s as { liveAt?: Date | null; plannedStart: Date });
		return { ...s, endpointNames: Object.fromEntries(endpointsOf(s).map((id) => [id, nameOn(id, day)])) };
	});
	return withPeakPeriods(services.records, named, (s) => ({
		at: new Date(s.plannedStart as Date),
		endpointIds: endpointsOf(s),
	}));
}
