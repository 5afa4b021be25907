/**
 * The API's shapes as the app reads them: all from the contracts (domain/api/), the same zod schemas
 * the server validates with and GET /api/openapi.json publishes. Nothing is copied here.
 */
export type { AttendanceSummary } from "../../../domain/api/attendance.js";
export type { List } from "../../../domain/api/common.js";
export type { EndpointView } from "../../../domain/api/endpoints.js";
export type { OutcomeView } from "../../../domain/api/outcomes.js";
export type { CaseView } from "../../../domain/api/register.js";
export type { SessionView } from "../../../domain/api/sessions.js";
export type { UserView } from "../../../domain/api/users.js";
export type { SessionStatus } from "../../../domain/sessionLifecycle.js";
