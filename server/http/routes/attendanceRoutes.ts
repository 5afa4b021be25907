import { Router } from "express";
import { attendanceCorrectionInput, attendanceQuery } from "../../../domain/api/attendance.js";
import { pageQuery } from "../../../domain/api/common.js";
import { ConflictError, NotFoundError } from "../../../domain/errors.js";
import { isJoinable } from "../../../domain/sessionLifecycle.js";
import type { AttendanceEventRecord } from "../../records/models/AttendanceEvent.js";
import { summarisePresence } from "../../records/PresenceCalculator.js";
import type { ApiServices } from "../RequestContext.js";
import { validate } from "../validate.js";
import { defined } from "./filters.js";
import { sessionInScope } from "./sessionAccess.js";

/** `/sessions/:id/attendance`: the events as recorded, and the presence derived from them. */
export function attendanceRoutes(services: ApiServices): Router {
	const router = Router({ mergeParams: true });
	const { records } = services;

	router.get("/", async (req, res) => {
		const { session } = await sessionInScope(services, req, res, "attendance", "read");
		const page = validate(pageQuery, req.query, "query");
		const query = validate(attendanceQuery, req.query, "query");
		const filter = { sessionId: session.entityId, ...defined(query) };
		const Events = records.models.AttendanceEvent;
		const [items, total] = await Promise.all([
			Events.find(filter).sort({ at: 1, _id: 1 }).skip(page.offset).limit(page.limit).lean<AttendanceEventRecord[]>(),
			Events.countDocuments(filter),
		]);
		res.json({ items: items.map(({ _id, ...e }) => ({ id: _id, ...e })), total, ...page });
	});

	router.get("/summary", async (req, res) => {
		const { session } = await sessionInScope(services, req, res, "attendance", "read");
		const events = await records.models.AttendanceEvent.find({ sessionId: session.entityId })
			.sort({ at: 1, _id: 1 })
			.lean<AttendanceEventRecord[]>();
		const summary = summarisePresence(events, {
			endpointIds: session.scopeEndpointIds,
			userIds: [session.chairUserId, ...session.secretariatUserIds],
			endedAt: session.endedAt ?? null,
			now: new Date(),
		});
		// Who each person was, by the name they attended under.
		const names = Object.fromEntries(events.map((e) => [e.userId, e.userName]));
		// Once the room is closed (ended, cancelled), nobody waits, whatever facts are still being written.
		const waiting = isJoinable(session.status) ? summary.waiting : [];
		res.json({ sessionId: session.entityId, ...summary, waiting, names });
	});

	/** Voids a fact of this session: a new fact pointing at it, with the reason; the original stays. */
	router.post("/corrections", async (req, res) => {
		const { ctx, session } = await sessionInScope(services, req, res, "attendance", "write");
		const { corrects, reason } = validate(attendanceCorrectionInput, req.body, "body");
		const Events = records.models.AttendanceEvent;
		const target = await Events.findOne({ _id: corrects, sessionId: session.entityId }).lean<AttendanceEventRecord>();
		if (!target || target.kind === "voided") throw new NotFoundError(`attendance fact ${corrects} of this session`);
		if (await Events.exists({ corrects })) throw new ConflictError(`attendance fact ${corrects} is already voided`);
		const { _id, at: _at, details: _details, ...seat } = target;
		const written = await records.writer.write(
			"AttendanceEvent",
			{
				...seat,
				_id: `${_id}~void`,
				kind: "voided",
				corrects: _id,
				actorUserId: ctx.identity.sub,
				details: { reason },
				at: new Date(),
			},
			ctx.actor,
			"correction",
		);
		const { _id: id, ...fact } = written.document;
		res.status(written.pending ? 202 : 201).json({ id, ...fact, pending: written.pending });
	});

	return router;
}
