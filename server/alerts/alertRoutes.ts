import { Router } from "express";
import type { Alert } from "../../domain/alerts.js";
import { type AlertList, alertIdParams, alertListQuery } from "../../domain/api/alerts.js";
import { type ApiServices, authorised } from "../http/RequestContext.js";
import { validate } from "../http/validate.js";
import type { Alerts } from "./Alerts.js";

/** `GET /api/alerts` (in scope, newest first) and `POST /api/alerts/:id/acknowledge`. */
export function alertRoutes(services: ApiServices, alerts: Alerts): Router {
	const router = Router();

	router.get("/", async (req, res) => {
		const ctx = await authorised(services, req, res, "alerts", "read");
		const query = validate(alertListQuery, req.query, "query");
		const items = await alerts.list({
			endpointIds: ctx.scope.endpointIds ? [...ctx.scope.endpointIds] : null,
			...(query.state === "open" ? { open: true } : {}),
			...(query.endpoint ? { endpointId: query.endpoint } : {}),
			...(query.session ? { sessionId: query.session } : {}),
			...(query.kind ? { kinds: query.kind } : {}),
			limit: query.limit,
		});
		res.json({ items } satisfies AlertList);
	});

	router.post("/:id/acknowledge", async (req, res) => {
		const ctx = await authorised(services, req, res, "alerts", "acknowledge");
		const { id } = validate(alertIdParams, req.params, "params");
		const alert = await alerts.get(id);
		ctx.scope.require([alert.endpointId], `alert ${id}`);
		const acknowledged = await alerts.acknowledge(id, { userId: ctx.identity.sub, name: ctx.identity.name });
		res.json(acknowledged satisfies Alert);
	});

	return router;
}
