import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { alertsApi } from "./alerts.js";
import { attendanceApi } from "./attendance.js";
import { auditApi } from "./audit.js";
import { authApi } from "./auth.js";
import { dutyApi } from "./duty.js";
import { endpointsApi } from "./endpoints.js";
import { healthApi } from "./health.js";
import { hotspotsApi } from "./hotspots.js";
import { nationalDbApi } from "./nationalDb.js";
import { outcomesApi } from "./outcomes.js";
import { registerApi } from "./register.js";
import { reportsApi } from "./reports.js";
import { sessionsApi } from "./sessions.js";
import { usersApi } from "./users.js";

/** The API's own version, in the document's `info`; bumped on a change that breaks a client. */
export const API_VERSION = "1.0";

const documentRoute = routesOf("api")(
	"GET /openapi.json",
	"This API as an OpenAPI 3.1 document, generated from the zod schemas the server validates with",
	{ mediaTypes: ["application/json"], description: "The OpenAPI document" },
	{ open: true },
);

/**
 * Every route of the HTTP API, as GET /api/openapi.json publishes it. A module registers its
 * routes with one line here (its `…Api` list from domain/api/<module>.ts); test/integration/openapi.test.ts
 * then calls each of them and checks the answer against the document, and fails on any route the
 * server answers that is not listed.
 */
export const API_ROUTES: readonly ApiRoute[] = [
	documentRoute,
	...authApi,
	...endpointsApi,
	...usersApi,
	...sessionsApi,
	...attendanceApi,
	...outcomesApi,
	...registerApi,
	...reportsApi,
	...hotspotsApi,
	...dutyApi,
	...healthApi,
	...alertsApi,
	...nationalDbApi,
	...auditApi,
];
