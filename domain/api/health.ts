/** REST shapes of what IT staff watch: endpoint presence and media health, workers, readiness boards. */
import { z } from "zod";
import { ENDPOINT_LEVELS } from "../roles.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { isoDate, itemsOf } from "./common.js";

export const healthHistoryQuery = z.object({
	from: z.coerce.date().optional(),
	to: z.coerce.date().optional(),
});

const status = z.enum(["healthy", "degraded", "failing"]);
/** Reasons a client words itself (domain/healthReason.ts): a code and its numbers or state. */
const reason = z.looseObject({ code: z.string() });

const presence = z.looseObject({
	endpointId: z.string(),
	state: z.enum(["online", "degraded", "offline"]),
	/** null: never seen since the server started. */
	lastSeen: isoDate.nullable(),
	connections: z.number().int().min(0),
	reason: z.string().optional(),
});

const health = z.looseObject({
	endpointId: z.string(),
	sessionId: z.string().optional(),
	at: isoDate,
	status,
	reasons: z.array(reason),
	client: z.record(z.string(), z.unknown()),
	server: z.record(z.string(), z.unknown()),
});

const lastCheck = z.looseObject({
	checkId: z.string(),
	endpointId: z.string(),
	userId: z.string(),
	at: isoDate,
	passed: z.boolean(),
	steps: z.array(z.looseObject({ step: z.string(), status: z.enum(["passed", "failed", "skipped"]) })),
});

/** An endpoint's presence, its media health in a session (if any), and its last connectivity check. */
const endpointStatus = {
	presence,
	health: health.nullable(),
	lastCheck: lastCheck.nullable(),
};

export const endpointHealthList = itemsOf(
	z.looseObject({
		id: z.string(),
		code: z.string(),
		name: z.string(),
		level: z.enum(ENDPOINT_LEVELS),
		parentId: z.string().nullable(),
		...endpointStatus,
	}),
);

export const healthHistoryAnswer = z.object({
	endpointId: z.string(),
	items: z.array(health),
});

export const workersAnswer = itemsOf(
	z.looseObject({
		slot: z.number().int().min(0),
		pid: z.number().int().nullable(),
		alive: z.boolean(),
		routers: z.number().int().min(0),
		cpuSeconds: z.number().nullable(),
		maxRssBytes: z.number().nullable(),
	}),
);

export const readinessAnswer = z.object({
	sessionId: z.string(),
	plannedStart: isoDate,
	items: z.array(z.looseObject({ endpointId: z.string(), ...endpointStatus })),
});

const route = routesOf("health", "health");

export const healthApi: ApiRoute[] = [
	// Each endpoint's presence, media health in a session, and last connectivity check.
	route("GET /health/endpoints", "Every endpoint in scope and its health", endpointHealthList),
	route("GET /health/endpoints/{id}/history", "One endpoint's health samples (default: 24 h)", healthHistoryAnswer, {
		query: healthHistoryQuery,
	}),
	route("GET /health/workers", "The mediasoup workers: alive, routers, CPU, memory", workersAnswer),
	route("GET /sessions/{id}/readiness", "Readiness board of a session's endpoints", readinessAnswer),
];
