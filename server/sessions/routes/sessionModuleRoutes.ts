import { Router } from "express";
import type { ApiServices } from "../../http/RequestContext.js";
import { attachmentRoutes } from "./attachmentRoutes.js";
import { complianceRoutes } from "./complianceRoutes.js";
import { delegationRoutes } from "./delegationRoutes.js";
import { noticeRoutes } from "./noticeRoutes.js";
import { seriesRoutes } from "./seriesRoutes.js";

/** The sessions module's routes beyond the generic session record (mounted before `/sessions`). */
export function sessionModuleRoutes(services: ApiServices): Router {
	const router = Router();
	router.use("/sessions/series", seriesRoutes(services));
	router.use("/sessions/:id", noticeRoutes(services));
	router.use("/sessions/:id", delegationRoutes(services));
	router.use("/sessions/:id/attachments", attachmentRoutes(services));
	router.use("/compliance", complianceRoutes(services));
	return router;
}
