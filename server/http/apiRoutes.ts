import express, { Router } from "express";
import type { Logger } from "pino";
import { API_ROUTES, API_VERSION } from "../../domain/api/index.js";
import { type OpenApiDocument, openApiDocument } from "../../domain/api/openapi.js";
import { ValidationError } from "../../domain/errors.js";
import { wellFormedInput } from "../../domain/wellFormed.js";
import type { Alerts } from "../alerts/Alerts.js";
import { alertRoutes } from "../alerts/alertRoutes.js";
import { type DutyServices, dutyFeedRoutes, dutyRoutes } from "../duty/dutyRoutes.js";
import type { Hotspots } from "../hotspots/Hotspots.js";
import { hotspotRoutes } from "../hotspots/hotspotRoutes.js";
import { nationalDbRoutes } from "../nationaldb/nationalDbRoutes.js";
import { agencyRoutes } from "../register/agencyRoutes.js";
import { caseRoutes } from "../register/caseRoutes.js";
import type { TaskReminders } from "../register/TaskReminders.js";
import { taskRoutes } from "../register/taskRoutes.js";
import { reportRoutes } from "../reports/reportRoutes.js";
import { calendarRoutes } from "../sessions/routes/calendarRoutes.js";
import { sessionModuleRoutes } from "../sessions/routes/sessionModuleRoutes.js";
import { authenticate } from "./authenticate.js";
import { errorHandler } from "./errorHandler.js";
import { idempotency } from "./idempotency.js";
import { type ApiServices, authorised } from "./RequestContext.js";
import { attendanceRoutes } from "./routes/attendanceRoutes.js";
import { authRoutes } from "./routes/authRoutes.js";
import { endpointHealthRoutes, type HealthServices } from "./routes/endpointHealthRoutes.js";
import { endpointRoutes } from "./routes/endpointRoutes.js";
import { outcomeRoutes } from "./routes/outcomeRoutes.js";
import { sessionRoutes } from "./routes/sessionRoutes.js";
import { userRoutes } from "./routes/userRoutes.js";

export interface ApiOptions {
	logger: Logger;
	health: HealthServices;
	alerts: Alerts;
	hotspots: { service: Hotspots; writesPerMinute: number };
	duty: DutyServices;
	taskReminders: TaskReminders;
}

let document: OpenApiDocument | undefined;
/** Generated once, on first request, from the routes' zod schemas. */
function apiDocument(): OpenApiDocument {
	document ??= openApiDocument(API_ROUTES, API_VERSION);
	return document;
}

/** Everything under /api: sign-in, then the records, each route authorised by role and endpoint scope. */
export function apiRoutes(services: ApiServices, options: ApiOptions): Router {
	const router = Router();
	// `status[$ne]=x` and friends: a query key that is not a plain name is refused, never ignored.
	router.use((req, _res, next) => {
		const odd = Object.keys(req.query).filter((k) => !/^[A-Za-z][\w-]*$/.test(k));
		if (odd.length > 0) {
			throw new ValidationError(
				`query operators are not accepted: ${odd.join(", ")}`,
				odd.map((k) => ({ path: `query.${k}`, message: "not a plain parameter name" })),
			);
		}
		next();
	});
	// Parsed here so that a malformed or oversized body is answered by this router's error handler.
	// A case's long texts are refused by their own limits, naming the field, not by the body's size.
	router.use("/cases", express.json({ limit: "4mb" }));
	router.use(express.json({ limit: "1mb" }));
	// Before any limiter, store or hash sees it: bounded nesting, no prototype keys, well-formed NFC text.
	router.use((req, _res, next) => {
		if (req.body !== undefined) req.body = wellFormedInput(req.body);
		next();
	});
	router.get("/openapi.json", (_req, res) => {
		res.json(apiDocument());
	});
	router.use("/auth", authRoutes(services));
	// Published on purpose, before sign-in: the reception calendar (docs/sessions.md).
	router.use("/calendar", calendarRoutes(services));
	// A personal duty feed: its secret address stands for the token a calendar application lacks.
	router.use("/duty/ical", dutyFeedRoutes(services, options.duty));
	router.use(authenticate(services.tokens));
	router.use(idempotency(services.idempotentAnswers, options.logger));
	router.use("/endpoints", endpointRoutes(services));
	router.use("/users", userRoutes(services));
	router.use(endpointHealthRoutes(services, options.health));
	router.use("/alerts", alertRoutes(services, options.alerts, options.duty.dispatcher));
	router.use("/sessions/:id/attendance", attendanceRoutes(services));
	router.use(sessionModuleRoutes(services));
	router.use("/sessions", sessionRoutes(services));
	router.use("/cases", caseRoutes(services));
	router.use("/outcomes", outcomeRoutes(services));
	router.use("/agencies", agencyRoutes(services));
	router.use("/tasks", taskRoutes(services, options.taskReminders));
	router.use("/nationaldb", nationalDbRoutes(services));
	router.use("/reports", reportRoutes(services));
	router.use("/hotspots", hotspotRoutes(services, options.hotspots.service, options.hotspots.writesPerMinute));
	router.use("/duty", dutyRoutes(services, options.duty));
	router.get("/audit/verify", async (req, res) => {
		await authorised(services, req, res, "audit", "read");
		const report = await services.records.verifyAudit();
		res.json(report);
	});
	router.use((_req, res) => {
		res.status(404).json({ error: { code: "NOT_FOUND", message: "no such API route" } });
	});
	router.use(errorHandler(options.logger));
	return router;
}
