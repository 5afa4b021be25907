import { Router } from "express";
import type { WorkerStatus } from "../../media/WorkerPool.js";
import type { DatabaseReadiness } from "../db/Database.js";

export interface ReadinessSources {
	database(): Promise<DatabaseReadiness>;
	workers(): WorkerStatus[];
}

/** `/healthz`: the process answers. `/readyz`: every worker alive and the database answering. */
export function healthRoutes(sources: ReadinessSources): Router {
	const router = Router();
	router.get("/healthz", (_req, res) => {
		res.json({ alive: true });
	});
	router.get("/readyz", async (_req, res) => {
		const workers = sources.workers();
		const dead = workers.filter((w) => !w.alive);
		const database = await sources.database();
		const workersCheck = {
			ready: dead.length === 0 && workers.length > 0,
			...(dead.length > 0 ? { reason: `${dead.length} of ${workers.length} workers not alive` } : {}),
			workers,
		};
		const ready = database.ready && workersCheck.ready;
		res.status(ready ? 200 : 503).json({ ready, checks: { database, workers: workersCheck } });
	});
	return router;
}
