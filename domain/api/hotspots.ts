/**
 * REST contract of the hot-spot watch (`/api/hotspots`): request schemas the routes validate with
 * (every message names its field) and the shapes they answer. docs/hotspots.md walks through them.
 */
import { z } from "zod";
import {
	DESTINATION_CITIES,
	DESTINATION_KINDS,
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

/** `PATCH /api/hotspots/watches/:id`: a new revision with these fields changed (a correction with a reason). */
export const watchChangeBody = z.strictObject({
	changes: z
		.strictObject(watchFields)
		.partial()
		.refine((c) => Object.keys(c).length > 0, "change at least one field"),
	expectedRev: revision.optional(),
	correction: z.strictObject({ reason: line(L.reason).min(3) }).optional(),
});

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
	returnDeadline: date,
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
export const groupChangeBody = z.strictObject({
	changes: z
		.strictObject(groupFields)
		.partial()
		.refine((c) => Object.keys(c).length > 0, "change at least one field"),
	expectedRev: revision.optional(),
	correction: z.strictObject({ reason: line(L.reason).min(3) }).optional(),
});

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
