import { z } from "zod";
import { ALERT_CLEAR_REASONS, ALERT_KINDS, ALERT_SEVERITIES, type Alert, type AlertKind } from "../alerts.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { isoDate, itemsOf } from "./common.js";

const id = z.string().regex(/^[0-9a-f]{24}$/, "not an alert id");

/** `GET /api/alerts`: open alerts (default) or every alert still kept, newest first. */
export const alertListQuery = z.strictObject({
	state: z.enum(["open", "all"]).default("open"),
	endpoint: z.string().min(1).max(128).optional(),
	session: z.string().min(1).max(128).optional(),
	/** Only these kinds, comma-separated (the task list asks for `task-deadline`). */
	kind: z
		.string()
		.max(500)
		.transform((s) => s.split(",").map((x) => x.trim()))
		.pipe(
			z
				.array(z.enum(Object.keys(ALERT_KINDS) as [AlertKind, ...AlertKind[]]))
				.min(1)
				.max(20),
		)
		.optional(),
	/** `me`: only the alerts delivered to the caller on duty. */
	to: z.enum(["me"]).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;

export const alertIdParams = z.strictObject({ id });

export interface AlertList {
	items: Alert[];
}

/** One alert group as the API shows it (the `Alert` type of domain/alerts.ts). */
export const alertView = z.looseObject({
	id: z.string(),
	kind: z.enum(Object.keys(ALERT_KINDS) as [AlertKind, ...AlertKind[]]),
	severity: z.enum(ALERT_SEVERITIES),
	endpointId: z.string(),
	sessionId: z.string().nullable(),
	/** The latest raise's facts, by kind (`AlertFacts`). */
	facts: z.record(z.string(), z.unknown()),
	count: z.number().int().min(1),
	firstAt: isoDate,
	lastAt: isoDate,
	acknowledged: z.object({ userId: z.string(), name: z.string(), at: isoDate }).nullable(),
	cleared: z.object({ reason: z.enum(ALERT_CLEAR_REASONS), at: isoDate }).nullable(),
});

const route = routesOf("alerts", "alerts");

export const alertsApi: ApiRoute[] = [
	route(
		"GET /alerts",
		"Alert groups about endpoints in scope or delivered to the caller on duty, newest first",
		itemsOf(alertView),
		{
			query: alertListQuery,
		},
	),
	route("POST /alerts/{id}/acknowledge", "Take an alert in hand, by name", alertView, {
		can: "acknowledge",
		params: alertIdParams,
	}),
];
