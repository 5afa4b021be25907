import { Router } from "express";
import { delegationSchema, withdrawalSchema } from "../../../domain/api/sessions.js";
import { ConflictError, ValidationError } from "../../../domain/errors.js";
import type { IdentityClaims } from "../../../domain/identity.js";
import { requireCan } from "../../../domain/permissions.js";
import { mayBeDelegatedTo } from "../../../domain/positions.js";
import type { ApiServices } from "../../http/RequestContext.js";
import { sendWritten } from "../../http/routes/revisionRoutes.js";
import { sessionInScope } from "../../http/routes/sessionAccess.js";
import { validate } from "../../http/validate.js";
import type { ReceptionSessionRecord } from "../../records/models/ReceptionSession.js";

/** Statuses in which who presides may still change hands. */
const DELEGABLE = ["scheduled", "open"];

/**
 * `/sessions/:id/delegation`: the chair (or the host's secretariat for them) hands one session to a
 * named vice-chair, who becomes its `chairUserId` — and so has the chair's powers in its room and
 * signs as presiding in the notice — while `delegation.fromUserId` keeps whose duty it was.
 * `/delegation/withdrawal` gives it back.
 */
export function delegationRoutes(services: ApiServices): Router {
	const router = Router({ mergeParams: true });
	const { sessions, users } = services.records;

	const delegable = async (session: ReceptionSessionRecord, identity: IdentityClaims) => {
		if (!DELEGABLE.includes(session.status)) {
			throw new ConflictError(`session ${session.entityId} is ${session.status}: who presides is settled`);
		}
		requireCan(identity, "delegate", { type: "sessions", session });
		return session.delegation?.fromUserId ?? session.chairUserId;
	};

	/** Who presides, by name and title, for everyone who may see the session (the users list is not theirs). */
	router.get("/presiding", async (req, res) => {
		const { session } = await sessionInScope(services, req, res, "sessions", "read");
		const from = session.delegation?.fromUserId;
		const ids = [session.chairUserId, ...(session.coChairUserIds ?? []), ...(from ? [from] : [])];
		const people = new Map((await users.find({ entityId: { $in: ids } })).map((u) => [u.entityId, u]));
		const person = (id: string) => {
			const u = people.get(id);
			return { id, name: u?.name ?? id, ...(u?.positionTitle ? { positionTitle: u.positionTitle } : {}) };
		};
		res.json({
			chair: person(session.chairUserId),
			coChairs: (session.coChairUserIds ?? []).map(person),
			...(from ? { delegatedFrom: person(from), reason: session.delegation?.reason } : {}),
		});
	});

	/** The vice-chairs this session may be delegated to. */
	router.get("/delegation/candidates", async (req, res) => {
		const { ctx, session } = await sessionInScope(services, req, res, "sessions", "delegate");
		ctx.scope.require([session.hostEndpointId], `session ${session.entityId}`);
		const deputies = (await users.find({ role: "chair", leadership: "deputy", endpointIds: session.hostEndpointId }))
			.filter((u) => !u.disabled)
			.map((u) => ({ id: u.entityId, name: u.name, ...(u.positionTitle ? { positionTitle: u.positionTitle } : {}) }));
		res.json({ items: deputies });
	});

	router.post("/delegation", async (req, res) => {
		const { ctx, session } = await sessionInScope(services, req, res, "sessions", "delegate");
		ctx.scope.require([session.hostEndpointId], `session ${session.entityId}`);
		const request = validate(delegationSchema, req.body, "body");
		const owner = await delegable(session, ctx.identity);
		const deputy = await users.current(request.toUserId).catch(() => null);
		const invalid = (message: string) =>
			new ValidationError(`toUserId: ${message}`, [{ path: "body.toUserId", message }]);
		if (!deputy || deputy.disabled || !mayBeDelegatedTo(deputy)) {
			throw invalid(`user ${request.toUserId} is not a vice-chair (a chair whose leadership is deputy)`);
		}
		if (!deputy.endpointIds.includes(session.hostEndpointId)) {
			throw invalid(`user ${request.toUserId} is not a vice-chair of the host unit`);
		}
		const written = await sessions.revise(
			session.entityId,
			{ chairUserId: deputy.entityId, delegation: { fromUserId: owner, reason: request.reason } },
			{ kind: "update", reason: `delegated to ${deputy.name}: ${request.reason}` },
			ctx.actor,
		);
		sendWritten(res, written);
	});

	router.post("/delegation/withdrawal", async (req, res) => {
		const { ctx, session } = await sessionInScope(services, req, res, "sessions", "delegate");
		ctx.scope.require([session.hostEndpointId], `session ${session.entityId}`);
		const request = validate(withdrawalSchema, req.body ?? {}, "body");
		const owner = await delegable(session, ctx.identity);
		if (!session.delegation?.fromUserId) throw new ConflictError(`session ${session.entityId} is not delegated`);
		const written = await sessions.revise(
			session.entityId,
			{ chairUserId: owner, delegation: {} },
			{ kind: "update", reason: `delegation withdrawn${request.reason ? `: ${request.reason}` : ""}` },
			ctx.actor,
		);
		sendWritten(res, written);
	});
	return router;
}
