import { Router } from "express";
import type { Alert } from "../../domain/alerts.js";
import { type AlertList, alertIdParams, alertListQuery } from "../../domain/api/alerts.js";
import { NotFoundError } from "../../domain/errors.js";
import type { Action } from "../../domain/permissions.js";
import { type ApiServices, authorised, type RequestContext } from "../http/RequestContext.js";
import { validate } from "../http/validate.js";
import type { Alerts } from "./Alerts.js";
import { AlertAccess } from "./alertAccess.js";

/** Who an alert was shown to on duty (the duty module's deliveries). */
export interface AlertAddressees {
	addresseesOf(alertIds: readonly string[]): Promise<Map<string, string[]>>;
	shownTo(userId: string): Promise<string[]>;
}

/**
 * `GET /api/alerts` (in scope or delivered to the caller, newest first) and `POST
 * /api/alerts/:id/acknowledge`; an alert the caller may not act on is answered as absent.
 */
export function alertRoutes(services: ApiServices, alerts: Alerts, delivered: AlertAddressees): Router {
	const router = Router();
	const access = new AlertAccess(services.records);
	const allowed = async (ctx: RequestContext, action: Action, items: Alert[]): Promise<Alert[]> =>
		access.filter(ctx.identity, action, items, await delivered.addresseesOf(items.map((a) => a.id)));

	router.get("/", async (req, res) => {
		const ctx = await authorised(services, req, res, "alerts", "read");
		const query = validate(alertListQuery, req.query, "query");
		const toMe = query.to === "me";
		const found = await alerts.list({
			endpointIds: toMe ? [] : ctx.scope.endpointIds ? [...ctx.scope.endpointIds] : null,
			alsoIds: await delivered.shownTo(ctx.identity.sub),
			...(query.state === "open" ? { open: true } : {}),
			...(query.endpoint ? { endpointId: query.endpoint } : {}),
			...(query.session ? { sessionId: query.session } : {}),
			...(query.kind ? { kinds: query.kind } : {}),
			limit: query.limit,
		});
		res.json({ items: await allowed(ctx, "read", found) } satisfies AlertList);
	});

	router.post("/:id/acknowledge", async (req, res) => {
		const ctx = await authorised(services, req, res, "alerts", "acknowledge");
		const { id } = validate(alertIdParams, req.params, "params");
		const [alert] = await allowed(ctx, "acknowledge", [await alerts.get(id)]);
		if (!alert) throw new NotFoundError(`alert ${id}`);
		const acknowledged = await alerts.acknowledge(id, { userId: ctx.identity.sub, name: ctx.identity.name });
		res.json(acknowledged satisfies Alert);
	});

	return router;
}
