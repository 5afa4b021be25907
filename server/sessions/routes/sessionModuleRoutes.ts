import { Router } from "express";
import type { ApiServices } from "../../http/RequestContext.js";
import { delegationRoutes } from "./delegationRoutes.js";
import { noticeRoutes } from "./noticeRoutes.js";

/** The sessions module's routes beyond the generic session record (mounted before `/sessions`). */
export function sessionModuleRoutes(services: ApiServices): Router {
	const router = Router();
	router.use("/sessions/:id", noticeRoutes(services));
	router.use("/sessions/:id", delegationRoutes(services));
	return router;
}
