/**
 * REST contract of the hot-spot watch (`/api/hotspots`): request schemas the routes validate with
 * (every message names its field) and the shapes they answer. docs/hotspots.md walks through them.
 */
import { z } from "zod";
import {
	DESTINATION_CITIES,
	DESTINATION_KINDS,
	DEVELOPMENT_SOURCES,
	type DestinationCity,
	type DestinationKind,
	type DevelopmentSource,
	FEED_KINDS,
	type FeedKind,
	HOTSPOT_LIMITS,
	RISK_LEVELS,
	type RiskLevel,
	WATCH_STATUSES,
	type WatchStatus,
	WORKING_GROUP_STATUSES,
	type WorkingGroupStatus,
} from "../hotspots.js";
import { SESSION_STATUSES } from "../vocabulary.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { deadlineInput, isoDate, itemsOf, revisionFields, writes, written } from "./common.js";
import { sessionView } from "./sessions.js";

const L = HOTSPOT_LIMITS;
const id = z.string().trim().min(1).max(64);
/** One line of text, trimmed, bounded. */
const line = (max: number) => z.string().trim().min(1).max(max);
const date = z.coerce.date();
const people = z.number().int().min(0).max(L.people);
const revision = z.number().int().min(1);
const queryFlag = z.enum(["true", "false"]).transform((v) => v === "true");

const watchFields = {
	risk: z.strictObject({
		level: z.enum(RISK_LEVELS),
		reasons: z.array(line(L.reason)).min(1, "give at least one reason for the risk").max(L.reasons),
	}),
	destination: z.strictObject({
		kind: z.enum(DESTINATION_KINDS),
		city: z.enum(DESTINATION_CITIES),
		place: line(L.name).optional(),
	}),
	expectedFrom: date,
	expectedTo: date,
	expectedPeople: people.min(1),
	responsible: z.strictObject({
		agency: line(L.name),
		agencyId: id.optional(),
		officerName: line(L.name),
		officerUserId: id.optional(),
	}),
	nextReviewAt: date,
};

/** `POST /api/hotspots/watches`: open the watch of a case (one open watch per case). */
export const watchCreateBody = z.strictObject({
	caseId: id,
	/** The citizens' home province; derived from the case when it knows it. */
	provinceId: id.optional(),
	...watchFields,
	note: line(L.reason).optional(),
});
export type WatchCreateBody = z.infer<typeof watchCreateBody>;

/** A `PATCH` of a hot-spot record: a new revision with some of `fields` changed (a correction with a reason). */
function changeBodyOf<const F extends z.ZodRawShape>(fields: F) {
	return z.strictObject({
		changes: z
			.strictObject(fields)
			.partial()
			.refine((c) => Object.keys(c).length > 0, "change at least one field"),
		expectedRev: revision.optional(),
		correction: z.strictObject({ reason: line(L.reason).min(3) }).optional(),
	});
}

/** `PATCH /api/hotspots/watches/:id`. */
export const watchChangeBody = changeBodyOf(watchFields);

/** `POST /api/hotspots/watches/:id/transitions`: a status step, dated, by the caller, with why. */
export const watchTransitionBody = z.strictObject({
	to: z.enum(WATCH_STATUSES),
	reason: line(L.reason).min(3),
	expectedRev: revision.optional(),
});

/**
 * `POST /api/hotspots/watches/:id/dialogue`: the central office asks the home province for an online
 * dialogue on the case. The province and its communes are proposed from the case unless given.
 */
export const dialogueRequestBody = z.strictObject({
	plannedStart: date,
	durationMinutes: z.number().int().min(15).max(480).default(90),
	reason: line(L.reason).min(3),
	title: line(L.name).optional(),
	chairUserId: id.optional(),
	participantEndpointIds: z.array(id).max(20).optional(),
});
export type DialogueRequestBody = z.infer<typeof dialogueRequestBody>;

/** `POST /api/hotspots/cases/:caseId/developments`: one dated entry; a correction is a new entry naming the one it corrects. */
export const developmentBody = z
	.strictObject({
		occurredAt: date,
		text: z.string().trim().min(1).max(L.text),
		peopleCount: people.optional(),
		place: line(L.name).optional(),
		/** Reported by the police liaison (entered by the caller on their behalf). */
		viaPolice: z.boolean().default(false),
		reporter: line(L.name).optional(),
		corrects: id.optional(),
		correctionReason: line(L.reason).min(3).optional(),
	})
	.refine((d) => !d.corrects || d.correctionReason, {
		path: ["correctionReason"],
		message: "a correction needs its reason",
	});
export type DevelopmentBody = z.infer<typeof developmentBody>;

const groupFields = {
	decision: z.strictObject({ number: line(100), date, issuer: line(L.name) }),
	members: z
		.array(z.strictObject({ fullName: line(L.name), position: line(L.name), authority: line(L.reason) }))
		.min(1, "a working group needs at least one member")
		.max(L.members),
	deployment: z.strictObject({
		place: line(L.name),
		city: z.enum(DESTINATION_CITIES),
		from: date,
		until: date.optional(),
	}),
	caseIds: z.array(id).min(1, "a working group handles at least one case").max(L.casesPerGroup),
	policeLiaison: z
		.strictObject({ unit: line(L.name), officerName: line(L.name).optional(), phone: line(30).optional() })
		.optional(),
	received: people,
	persuaded: people,
	returns: z.array(z.strictObject({ count: people.min(1), at: date, note: line(L.reason).optional() })).max(L.returns),
	returnDeadline: deadlineInput,
	status: z.enum(WORKING_GROUP_STATUSES),
};

/** `POST /api/hotspots/groups`: a working group sent by a province under its deciding document. */
export const groupCreateBody = z.strictObject({
	provinceId: id,
	...groupFields,
	received: people.default(0),
	persuaded: people.default(0),
	returns: groupFields.returns.default([]),
	status: z.literal("deployed").default("deployed"),
});
export type GroupCreateBody = z.infer<typeof groupCreateBody>;

/** `PATCH /api/hotspots/groups/:id`: people received, persuaded, returned; completion or recall; corrections. */
export const groupChangeBody = changeBodyOf(groupFields);

/** `GET /api/hotspots/watches` and `/board`: the watchlist and the national board share these filters. */
export const boardQuery = z.object({
	status: z.enum(["open", "all"]).default("open"),
	city: z.enum(DESTINATION_CITIES).optional(),
	kind: z.enum(DESTINATION_KINDS).optional(),
	level: z.enum(RISK_LEVELS).optional(),
	province: id.optional(),
	caseId: id.optional(),
	/** Expected window overlapping [from, to). */
	from: date.optional(),
	to: date.optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;

export const groupQuery = z.object({
	status: z.enum(WORKING_GROUP_STATUSES).optional(),
	province: id.optional(),
	caseId: id.optional(),
});

export const feedQuery = z.object({
	since: date.optional(),
	kind: z.enum(FEED_KINDS).optional(),
	province: id.optional(),
	unacknowledged: queryFlag.optional(),
	limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type FeedQuery = z.infer<typeof feedQuery>;

export const feedAcknowledgeBody = z.strictObject({ itemId: z.string().trim().min(1).max(128) });

// ---- What the routes answer (ISO date strings) ----

export interface StatusChange {
	from: WatchStatus | null;
	to: WatchStatus;
	at: string;
	byUserId: string;
	byName: string;
	reason: string;
}

export interface WatchView {
	id: string;
	revisionId: string;
	rev: number;
	caseId: string;
	provinceId: string;
	communeIds: string[];
	risk: { level: RiskLevel; reasons: string[] };
	destination: { kind: DestinationKind; city: DestinationCity; place?: string };
	expectedFrom: string;
	expectedTo: string;
	expectedPeople: number;
	responsible: { agency: string; agencyId?: string; officerName: string; officerUserId?: string };
	nextReviewAt: string;
	status: WatchStatus;
	statusLog: StatusChange[];
	dialogueSessionIds: string[];
	lastDialogue?: { sessionId: string; direction: string; conclusion: string; at: string };
	recordedAt: string;
	recordedBy: string;
	/** Derived when read. */
	reviewOverdue: boolean;
	case: { registerNumber: string; summary: string; peopleCount: number; receivedAt: string };
}

export interface DevelopmentView {
	id: string;
	caseId: string;
	watchId: string | null;
	occurredAt: string;
	text: string;
	peopleCount?: number;
	place?: string;
	source: DevelopmentSource;
	reporter?: string;
	endpointId: string;
	authorName: string;
	corrects?: string;
	correctionReason?: string;
	/** Set when a later entry corrects this one. */
	correctedBy?: string;
	recordedAt: string;
}

export interface WorkingGroupView {
	id: string;
	revisionId: string;
	rev: number;
	provinceId: string;
	decision: { number: string; date: string; issuer: string };
	members: { fullName: string; position: string; authority: string }[];
	deployment: { place: string; city: DestinationCity; from: string; until?: string };
	caseIds: string[];
	policeLiaison?: { unit: string; officerName?: string; phone?: string };
	received: number;
	persuaded: number;
	returns: { count: number; at: string; note?: string }[];
	returned: number;
	notReturned: number;
	returnDeadline: string;
	status: WorkingGroupStatus;
	pastDeadline: boolean;
	recordedAt: string;
}

export interface FeedItem {
	id: string;
	kind: FeedKind;
	at: string;
	provinceId: string | null;
	caseId: string | null;
	sessionId: string | null;
	/** What happened, in the record's own words (a summary, a status, a document number). */
	facts: Record<string, string | number | null>;
	acknowledged: { userId: string; name: string; at: string } | null;
}

export interface ProvinceCount {
	provinceId: string;
	total: number;
	critical: number;
	high: number;
	watch: number;
}

export interface BoardAnswer {
	items: WatchView[];
	counts: ProvinceCount[];
	/** When this viewer last marked the board seen (null: never). */
	lastSeenAt: string | null;
	/** Watches changed (a revision or a development) since then. */
	changedSince: string[];
}

// ---- The same answers as schemas: GET /api/openapi.json publishes them, the OpenAPI test checks real answers ----

const loose = z.looseObject;
const statusChange = loose({
	from: z.enum(WATCH_STATUSES).nullable(),
	to: z.enum(WATCH_STATUSES),
	at: isoDate,
	byUserId: z.string(),
	byName: z.string(),
	reason: z.string(),
});

/** A watch entry as read: its current revision, whether its review is overdue, and its case in brief. */
export const watchView = loose({
	id: z.string(),
	revisionId: z.string(),
	rev: revision,
	caseId: z.string(),
	provinceId: z.string(),
	communeIds: z.array(z.string()),
	risk: loose({ level: z.enum(RISK_LEVELS), reasons: z.array(z.string()) }),
	destination: loose({
		kind: z.enum(DESTINATION_KINDS),
		city: z.enum(DESTINATION_CITIES),
		place: z.string().optional(),
	}),
	expectedFrom: isoDate,
	expectedTo: isoDate,
	expectedPeople: z.number().int(),
	responsible: loose({ agency: z.string(), officerName: z.string() }),
	nextReviewAt: isoDate,
	status: z.enum(WATCH_STATUSES),
	statusLog: z.array(statusChange),
	dialogueSessionIds: z.array(z.string()),
	lastDialogue: loose({ sessionId: z.string(), direction: z.string(), conclusion: z.string(), at: isoDate }).optional(),
	recordedAt: isoDate,
	recordedBy: z.string(),
	reviewOverdue: z.boolean(),
	case: loose({ registerNumber: z.string(), summary: z.string(), peopleCount: z.number().int(), receivedAt: isoDate }),
});

export const developmentView = loose({
	id: z.string(),
	caseId: z.string(),
	watchId: z.string().nullable(),
	occurredAt: isoDate,
	text: z.string(),
	peopleCount: z.number().int().optional(),
	place: z.string().optional(),
	source: z.enum(DEVELOPMENT_SOURCES),
	reporter: z.string().optional(),
	endpointId: z.string(),
	authorName: z.string(),
	corrects: z.string().optional(),
	correctionReason: z.string().optional(),
	correctedBy: z.string().optional(),
	recordedAt: isoDate,
});

export const workingGroupView = loose({
	id: z.string(),
	revisionId: z.string(),
	rev: revision,
	provinceId: z.string(),
	decision: loose({ number: z.string(), date: isoDate, issuer: z.string() }),
	members: z.array(loose({ fullName: z.string(), position: z.string(), authority: z.string() })),
	deployment: loose({ place: z.string(), city: z.enum(DESTINATION_CITIES), from: isoDate, until: isoDate.optional() }),
	caseIds: z.array(z.string()),
	received: z.number().int(),
	persuaded: z.number().int(),
	returns: z.array(loose({ count: z.number().int(), at: isoDate, note: z.string().optional() })),
	returned: z.number().int(),
	notReturned: z.number().int(),
	returnDeadline: isoDate,
	status: z.enum(WORKING_GROUP_STATUSES),
	pastDeadline: z.boolean(),
	recordedAt: isoDate,
});

export const feedItemView = z.object({
	id: z.string(),
	kind: z.enum(FEED_KINDS),
	at: isoDate,
	provinceId: z.string().nullable(),
	caseId: z.string().nullable(),
	sessionId: z.string().nullable(),
	facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
	acknowledged: z.object({ userId: z.string(), name: z.string(), at: isoDate }).nullable(),
});

export const boardAnswer = z.object({
	items: z.array(watchView),
	counts: z.array(
		z.object({
			provinceId: z.string(),
			total: z.number().int(),
			critical: z.number().int(),
			high: z.number().int(),
			watch: z.number().int(),
		}),
	),
	lastSeenAt: isoDate.nullable(),
	changedSince: z.array(z.string()),
});

/** `GET /api/hotspots/watches/:id`: the entry, the case's working groups and the dialogues asked for. */
export const watchDetailView = watchView.extend({
	groups: z.array(workingGroupView),
	dialogues: z.array(
		z.object({ id: z.string(), title: z.string(), plannedStart: isoDate, status: z.enum(SESSION_STATUSES) }),
	),
});

/** A stored revision of a watch entry or a working group, as its history lists it. */
const storedRevision = loose(revisionFields);

/** The session asked for (on the province's schedule) and the watch entry's revision naming it. */
const dialogueAnswer = z.object({ session: sessionView, watch: storedRevision });

const route = routesOf("hotspots");
/** 201: the record as read back (derived fields included); 202: journalled, the revision as written. */
const readBack = (view: z.ZodObject) => ({ 201: written(view), 202: written(storedRevision) });
const watches = { can: ["watches", "read"] } as const;

/** The list, create (a repeated Idempotency-Key: 200), one, history and change of a revisioned hot-spot record. */
function revisioned(
	path: `/hotspots/${string}`,
	resource: "watches" | "workgroups",
	one: string,
	shapes: { view: z.ZodObject; detail: z.ZodObject; replay: z.ZodObject; create: z.ZodType; change: z.ZodType },
	query: z.ZodObject,
): ApiRoute[] {
	const may = (action: "read" | "write") => ({ can: [resource, action] as const });
	return [
		route(`GET ${path}`, `The ${one}s in the caller's scope`, itemsOf(shapes.view), { ...may("read"), query }),
		route(
			`POST ${path}`,
			`Record a new ${one}`,
			{ 200: shapes.replay, ...readBack(shapes.view) },
			{
				...may("write"),
				body: shapes.create,
			},
		),
		route(`GET ${path}/{id}`, `One ${one}`, shapes.detail, may("read")),
		route(`GET ${path}/{id}/history`, `Every revision of one ${one}`, itemsOf(storedRevision), may("read")),
		route(`PATCH ${path}/{id}`, `Change or correct one ${one}`, readBack(shapes.view), {
			...may("write"),
			body: shapes.change,
		}),
	];
}

export const hotspotsApi: ApiRoute[] = [
	...revisioned(
		"/hotspots/watches",
		"watches",
		"watch entry",
		{
			view: watchView,
			// Read with its working groups and dialogues; a retried create answers the revision as written.
			detail: watchDetailView,
			replay: storedRevision,
			create: watchCreateBody,
			change: watchChangeBody,
		},
		boardQuery,
	),
	route("GET /hotspots/board", "The board: watches, counts per province, what changed since last seen", boardAnswer, {
		...watches,
		query: boardQuery,
	}),
	route("POST /hotspots/board/seen", "Mark the board seen by the caller now", z.object({ seenAt: isoDate }), watches),
	route("POST /hotspots/watches/{id}/transitions", "Step a watch entry's status", readBack(watchView), {
		can: ["watches", "transition"],
		body: watchTransitionBody,
	}),
	route(
		"POST /hotspots/watches/{id}/dialogue",
		"Ask the home province for an online dialogue on the case (a session on its schedule)",
		{ 201: dialogueAnswer, 202: dialogueAnswer },
		{ can: ["sessions", "request"], body: dialogueRequestBody },
	),
	route("GET /hotspots/cases/{caseId}/developments", "The developments log of a case", itemsOf(developmentView), {
		can: ["developments", "read"],
	}),
	route(
		"POST /hotspots/cases/{caseId}/developments",
		"Enter a development (or a correction of one)",
		{ 200: written(developmentView), ...writes(developmentView) },
		{
			can: ["developments", "write"],
			body: developmentBody,
		},
	),
	...revisioned(
		"/hotspots/groups",
		"workgroups",
		"working group",
		{
			view: workingGroupView,
			detail: workingGroupView,
			replay: workingGroupView,
			create: groupCreateBody,
			change: groupChangeBody,
		},
		groupQuery,
	),
	route("GET /hotspots/feed", "What the central office is kept informed of", itemsOf(feedItemView), {
		can: ["feed", "read"],
		query: feedQuery,
	}),
	route(
		"POST /hotspots/feed/acknowledgements",
		"Acknowledge a feed item (a named central officer)",
		writes(feedItemView),
		{
			can: ["feed", "acknowledge"],
			body: feedAcknowledgeBody,
		},
	),
];
