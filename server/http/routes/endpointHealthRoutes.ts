import { Router } from "express";
import { healthHistoryQuery } from "../../../domain/api/health.js";
import type { WorkerPool } from "../../../media/WorkerPool.js";
import type { ConnectivityChecks } from "../../health/ConnectivityChecks.js";
import type { EndpointHealth } from "../../health/EndpointHealth.js";
import type { HealthHistory } from "../../health/HealthHistory.js";
import type { PresenceTracker } from "../../health/PresenceTracker.js";
import { type ApiServices, authorised } from "../RequestContext.js";
import { validate } from "../validate.js";

export interface HealthServices {
	presence: PresenceTracker;
	health: EndpointHealth;
	history: HealthHistory;
	checks: ConnectivityChecks;
	workers: WorkerPool;
}

/**
 * What IT staff see: every endpoint in scope with its presence, media health and last connectivity
 * check; one endpoint's history; the server's workers; a session's readiness board.
 */
export function endpointHealthRoutes(services: ApiServices, health: HealthServices): Router {
	const router = Router();

	const statusOf = async (endpointId: string) => ({
		presence: health.presence.get(endpointId) ?? { endpointId, state: "offline", lastSeen: null, connections: 0 },
		health: health.health.get(endpointId) ?? null,
		lastCheck: await health.checks.latest(endpointId),
	});

	router.get("/health/endpoints", async (req, res) => {
		const ctx = await authorised(services, req, res, "health", "read");
		const endpoints = await services.records.endpoints.find(ctx.scope.filter("entityId"), { level: 1, code: 1 });
		const items = await Promise.all(
			endpoints.map(async (e) => ({
				id: e.entityId,
				code: e.code,
				name: e.name,
				level: e.level,
				parentId: e.parentId ?? null,
				...(await statusOf(e.entityId)),
			})),
		);
		res.json({ items });
	});

	router.get("/health/endpoints/:id/history", async (req, res) => {
		const ctx = await authorised(services, req, res, "health", "read");
		const endpointId = String(req.params.id);
		ctx.scope.require([endpointId], `endpoint ${endpointId}`);
		const { from, to } = validate(healthHistoryQuery, req.query, "query");
		const until = to ?? new Date();
		const since = from ?? new Date(until.getTime() - 24 * 3_600_000);
		res.json({ endpointId, items: await health.history.range(endpointId, since, until) });
	});

	router.get("/health/workers", async (req, res) => {
		await authorised(services, req, res, "health", "read");
		const items = await Promise.all(
			health.workers.status().map(async (slot) => {
				const worker = health.workers.workers.find((w) => w.pid === slot.pid);
				const usage = worker ? await worker.getResourceUsage().catch(() => null) : null;
				return {
					...slot,
					routers: worker ? health.workers.routerCount(worker) : 0,
					cpuSeconds: usage ? (usage.ru_utime + usage.ru_stime) / 1000 : null,
					maxRssBytes: usage ? usage.ru_maxrss * 1024 : null,
				};
			}),
		);
		res.json({ items });
	});

	/** Readiness board: each participating endpoint's presence and its last connectivity check. */
	router.get("/sessions/:id/readiness", async (req, res) => {
		const ctx = await authorised(services, req, res, "health", "read");
		const session = await services.records.sessions.current(String(req.params.id));
		ctx.scope.require(session.scopeEndpointIds, `session ${session.entityId}`);
		const endpointIds = [...new Set([session.hostEndpointId, ...session.participantEndpointIds])];
		const items = await Promise.all(
			endpointIds.map(async (endpointId) => ({ endpointId, ...(await statusOf(endpointId)) })),
		);
		res.json({ sessionId: session.entityId, plannedStart: session.plannedStart, items });
	});

	return router;
}
