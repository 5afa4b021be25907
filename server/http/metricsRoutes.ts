import { timingSafeEqual } from "node:crypto";
import { Router } from "express";
import type { Metrics } from "../metrics/Metrics.js";

/** `/metrics` for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>`; absent without a token. */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Router {
	const router = Router();
	if (!token) return router;
	const expected = Buffer.from(`Bearer ${token}`);
	router.get("/metrics", async (req, res) => {
		const given = Buffer.from(req.get("authorization") ?? "");
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			res
				.status(401)
				.set("www-authenticate", "Bearer")
				.json({ error: { code: "UNAUTHENTICATED", message: "metrics token required" } });
			return;
		}
		res.set("content-type", metrics.registry.contentType).send(await metrics.registry.metrics());
	});
	return router;
}
