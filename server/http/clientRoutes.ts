import path from "node:path";
import express, { Router } from "express";

/** Serves the built browser app; any other GET outside the API is the app's own route (history API). */
export function clientRoutes(clientDir: string): Router {
	const router = Router();
	const index = path.resolve(clientDir, "index.html");
	router.use(express.static(clientDir, { index: false, maxAge: "1h" }));
	router.get(/^\/(?!api\/|socket\.io\/|metrics$).*/, (_req, res) => {
		res.set("cache-control", "no-cache").sendFile(index);
	});
	return router;
}
