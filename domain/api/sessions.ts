import { z } from "zod";
import {
	ATTACHMENT_MEDIA_TYPES,
	DUTY_PERIODS,
	MAX_OCCURRENCES,
	RECURRENCE_FREQUENCIES,
	WEEKDAYS,
} from "../sessions.js";
import { HANDLING_DIRECTIONS, SESSION_KINDS, SESSION_ORIGINS, SESSION_STATUSES } from "../vocabulary.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import {
	type AnswerOf,
	deadlineInput,
	isoDate,
	itemsOf,
	entityId as PATH_ID,
	rangeAndEndpointQuery,
	recordView,
	writes,
} from "./common.js";
import { revisionApi } from "./revisionApi.js";

/**
 * REST shapes of `/api/sessions`: request bodies of scheduling, notices and corrections (server/sessions/),
 * the session as the API shows it, its lifecycle steps, signalling tokens and conclusion notice.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
export const idSchema = z.string().min(1).max(64);

/** What the issuer states when issuing the conclusion notice; the rest comes from the record. */
export const noticeDetailsSchema = z.strictObject({
	/** Số, ký hiệu, e.g. "15/TB-UBND". */
	number: text(50),
	/** Địa danh: "Khánh Hòa"; default from the host endpoint. */
	place: text(100).optional(),
	issuer: z.strictObject({ parentAuthority: text(200).optional(), authority: text(200) }).optional(),
	signature: z.strictObject({ capacity: text(100).optional(), position: text(200), name: text(200) }).optional(),
	/** Agency representatives present who are not users of the platform. */
	otherParticipants: z.array(text(300)).max(50).optional(),
	/** Recipients beyond the central office, the agencies given tasks and the citizens. */
	recipients: z.array(text(300)).max(50).optional(),
});
export type NoticeDetailsRequest = z.infer<typeof noticeDetailsSchema>;

export const assignmentSchema = z.strictObject({
	agency: text(300),
	task: text(2000),
	deadline: deadlineInput,
	reportTo: text(300),
});

/** A changed (or, for a case without one, a first) decision about a case, made by a correction. */
export const outcomeCorrectionSchema = z.strictObject({
	caseId: idSchema,
	direction: z.enum(HANDLING_DIRECTIONS).optional(),
	conclusion: text(5000).optional(),
	agencyViews: z
		.array(z.strictObject({ agency: text(300), view: text(2000) }))
		.max(30)
		.optional(),
	assignments: z.array(assignmentSchema).max(30).optional(),
});

/** POST /api/sessions/:id/notices/corrections: issues the next version of the notice. */
export const noticeCorrectionSchema = z.strictObject({
	reason: z.string().trim().min(3).max(2000),
	/** The version the corrector saw. */
	expectedVersion: z.number().int().min(1).optional(),
	outcomes: z.array(outcomeCorrectionSchema).max(50).optional(),
	notice: noticeDetailsSchema.partial().optional(),
});
export type NoticeCorrectionRequest = z.infer<typeof noticeCorrectionSchema>;

/** An agency invited to a session: a sở or ngành, or the inspectorate; by register id when it has one. */
export const invitedAgencySchema = z.strictObject({
	name: text(300),
	agencyId: idSchema.optional(),
	inspectorate: z.boolean().optional(),
});

/** What the secretariat plans for a session (create and edit). */
export const sessionFieldsSchema = z.object({
	title: text(300),
	plannedStart: z.coerce.date(),
	plannedEnd: z.coerce.date(),
	chairUserId: idSchema,
	/** A chair, or a central-office leader for a session the central office asked for (domain/positions.ts). */
	coChairUserIds: z.array(idSchema).max(5).default([]),
	secretariatUserIds: z.array(idSchema).max(20).default([]),
	/** Invited endpoints: the province's communes, the central office. */
	participantEndpointIds: z.array(idSchema).max(200).default([]),
	invitedAgencies: z.array(invitedAgencySchema).max(50).default([]),
	agenda: z.array(text(500)).max(50).default([]),
	caseIds: z.array(idSchema).max(50).default([]),
});

export const sessionCreateSchema = sessionFieldsSchema.extend({
	kind: z.enum(SESSION_KINDS),
	/** `on-demand`: asked for by the central office, with its reason. */
	origin: z.object({ type: z.enum(SESSION_ORIGINS), reason: z.string().trim().min(3).max(1000).optional() }),
	hostEndpointId: idSchema,
});
export type SessionCreateRequest = z.infer<typeof sessionCreateSchema>;

export const sessionChangeSchema = sessionFieldsSchema.partial().strict();

/**
 * How a periodic session recurs: monthly (on a day of the month, or the n-th weekday) or weekly, with
 * an end (a count or a last date). A recurrence with no end is refused: it would create sessions
 * without limit. At most MAX_OCCURRENCES sessions per plan.
 */
export const recurrenceSchema = z.strictObject({
	frequency: z.enum(RECURRENCE_FREQUENCIES),
	interval: z.number().int().min(1).max(12).default(1),
	/** Monthly on this day (1–31); a month without it is skipped. */
	monthDay: z.number().int().min(1).max(31).optional(),
	/** Weekly on this day, or with `setPosition` monthly on the n-th such day (−1: the last). */
	weekday: z.enum(WEEKDAYS).optional(),
	setPosition: z.number().int().min(-1).max(4).optional(),
	count: z.number().int().min(1).max(MAX_OCCURRENCES).optional(),
	until: z.coerce.date().optional(),
});
export type RecurrenceRequest = z.infer<typeof recurrenceSchema>;

/** POST /api/sessions/series: a leader's periodic receptions, each created as a session. */
export const seriesCreateSchema = z.strictObject({
	session: sessionCreateSchema,
	recurrence: recurrenceSchema,
});

/** POST /api/sessions/:id/delegation: the chair hands this one session to a named vice-chair. */
export const delegationSchema = z.strictObject({
	toUserId: idSchema,
	reason: z.string().trim().min(3).max(500),
});

export const sessionQuery = rangeAndEndpointQuery.extend({
	status: z.enum(SESSION_STATUSES).optional(),
	kind: z.enum(SESSION_KINDS).optional(),
	/** The archive's filters: who chaired (or co-chaired), which case was heard. */
	chair: z.string().min(1).max(64).optional(),
	case: z.string().min(1).max(64).optional(),
	/** Planned during this peak period (server/duty/). */
	peakPeriod: z.string().min(1).max(64).optional(),
});
export type SessionQuery = z.infer<typeof sessionQuery>;

/** A lifecycle step (domain/sessionLifecycle.ts); cancelling needs a reason, concluding the notice's details. */
export const transitionInput = z.object({
	to: z.enum(SESSION_STATUSES),
	reason: z.string().min(3).max(2000).optional(),
	expectedRev: z.number().int().min(1).optional(),
	/** Concluding issues the conclusion notice (server/sessions/notice/NoticeIssuer.ts). */
	notice: noticeDetailsSchema.optional(),
});

/** When each lifecycle step happened (server clock). */
const LIFECYCLE_STAMPS = {
	openedAt: isoDate.optional(),
	liveAt: isoDate.optional(),
	endedAt: isoDate.optional(),
	concludedAt: isoDate.optional(),
};

/** A session as the API shows it: what was planned, its lifecycle so far, and who may see it. */
export const sessionView = recordView(sessionCreateSchema, {
	status: z.enum(SESSION_STATUSES),
	...LIFECYCLE_STAMPS,
	cancellationReason: z.string().optional(),
	/** The chair handed this session to a vice-chair. */
	delegation: z.looseObject({ fromUserId: z.string().optional(), reason: z.string().optional() }).optional(),
	/** The periodic series it belongs to. */
	seriesId: z.string().optional(),
	/** Host and invited endpoints as they were named on the session's day (a read's addition). */
	endpointNames: z.record(z.string(), z.string()).optional(),
	/** The issued conclusion notice in force. */
	notice: z.looseObject({ number: z.string().optional(), version: z.number().int().optional() }).optional(),
	/** Host and participants: whose users may see the session. */
	scopeEndpointIds: z.array(z.string()),
	/** The peak periods it is planned in, derived as it is read (not on write answers; docs/duty.md). */
	peakPeriodIds: z.array(z.string()).optional(),
});
export type SessionView = AnswerOf<typeof sessionView>;

/** A session token: the Socket.IO handshake's `auth.token` (docs/protocol.md). */
export const sessionTokenAnswer = z.object({
	/** A JWT with `use: "session"` and `sessionId`, valid `SESSION_TOKEN_TTL_S` seconds. */
	token: z.string(),
	sessionId: z.string(),
});

/** One issued version of the conclusion notice (its bytes are stored; `sha256` names them). */
export const issuedNoticeView = z.object({
	version: z.number().int().min(1),
	number: z.string(),
	issuedAt: isoDate,
	issuedBy: z.string(),
	sha256: z.string().regex(/^[0-9a-f]{64}$/),
	size: z.number().int().min(1),
	reason: z.string().optional(),
	replaces: z
		.object({ version: z.number().int().optional(), number: z.string().optional(), sha256: z.string().optional() })
		.optional(),
});
export type IssuedNoticeView = AnswerOf<typeof issuedNoticeView>;

/**
 * The notice in force: the issued version (null before issue) and its content, or a draft from the
 * record (`content.draft`) until the session is concluded.
 */
export const noticeAnswer = z.object({
	issued: issuedNoticeView.nullable(),
	content: z.looseObject({
		draft: z.boolean(),
		place: z.string(),
		/** ISO date of issue. */
		date: z.string(),
		excerpt: z.string(),
		opening: z.array(z.string()),
		lead: z.string(),
		cases: z.array(z.looseObject({})),
		tasks: z.array(z.object({ agency: z.string(), text: z.string() })),
		closing: z.string(),
		recipients: z.array(z.string()),
	}),
});

/** POST /api/sessions/:id/delegation/withdrawal: gives the session back to its chair before it starts. */
export const withdrawalSchema = z.strictObject({ reason: z.string().trim().min(3).max(500).optional() });

/** A person as documents name them. */
export const personView = z.object({ id: z.string(), name: z.string(), positionTitle: z.string().optional() });

/** Who presides a session, by name and title (for everyone who may see the session). */
export const presidingView = z.object({
	chair: personView,
	coChairs: z.array(personView),
	delegatedFrom: personView.optional(),
	reason: z.string().optional(),
});

/** A leader's recurring plan, as written (the sessions it made are listed by id). */
export const seriesView = z.looseObject({
	id: z.string(),
	rule: z.string(),
	occurrences: z.array(isoDate),
	sessionIds: z.array(z.string()),
	pending: z.boolean(),
});

/** `?name=…&caseId=…` of an upload; the file itself is the raw body (PDF, PNG or JPEG by its bytes). */
export const attachmentUploadQuery = z.object({
	name: z.string().trim().min(1).max(200),
	caseId: z.string().min(1).max(64).optional(),
});
export const attachmentRemovalSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export const attachmentView = z.looseObject({
	id: z.string(),
	sessionId: z.string(),
	caseId: z.string().optional(),
	name: z.string(),
	mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
	size: z.number().int().min(1),
	sha256: z.string().regex(/^[0-9a-f]{64}$/),
	removed: z.boolean(),
});

/** The published calendar: `code` is a province endpoint's code (KH). */
export const calendarParams = z.strictObject({
	code: z.string().regex(/^[A-Z0-9-]{1,40}$/, "an endpoint code, e.g. KH"),
});
export const calendarQuery = z.object({
	from: z.coerce.date().optional(),
	months: z.coerce.number().int().min(1).max(12).default(12),
});
export const calendarAnswer = z.object({
	unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
	from: isoDate,
	to: isoDate,
	entries: z.array(
		z.object({
			id: z.string(),
			title: z.string(),
			start: isoDate,
			end: isoDate,
			place: z.string(),
			chair: personView.omit({ id: true }),
			coChairs: z.array(personView.omit({ id: true })),
			endpoints: z.array(z.string()),
		}),
	),
});

export const complianceQuery = z.object({
	from: z.coerce.date(),
	to: z.coerce.date(),
	status: z.enum(["held", "missed", "open"]).optional(),
});
const periodicDutyView = z.object({
	level: z.enum(["province", "commune"]),
	days: z.number().int(),
	period: z.enum(DUTY_PERIODS),
	basis: z.string(),
	verified: z.boolean(),
});
export const complianceAnswer = z.object({
	duties: z.array(periodicDutyView),
	countDelegated: z.boolean(),
	items: z.array(
		z.object({
			endpointId: z.string(),
			endpointName: z.string(),
			level: z.enum(["province", "commune"]),
			leader: personView,
			period: z.object({ label: z.string(), from: isoDate, to: isoDate }),
			required: z.number().int(),
			held: z.number().int(),
			status: z.enum(["held", "missed", "open"]),
			sessions: z.array(z.looseObject({ id: z.string(), title: z.string(), at: isoDate })),
			basis: z.string(),
			verified: z.boolean(),
		}),
	),
});

const PDF = { mediaTypes: ["application/pdf"], description: "A PDF document" };
const route = routesOf("sessions", "sessions");
const read = { can: ["outcomes", "read"] } as const;
/** `/sessions/{id}/notices/{version}.pdf`: one issued version of the notice. */
export const noticeVersionParams = z.strictObject({ id: PATH_ID, version: z.coerce.number().int().min(1).max(1000) });
const html = { mediaTypes: ["text/html"], description: "An HTML page" };

export const sessionsApi: ApiRoute[] = [
	...revisionApi("sessions", "session", sessionView, sessionCreateSchema, sessionChangeSchema, sessionQuery),
	route("POST /sessions/{id}/transitions", "Step the lifecycle", writes(sessionView), {
		can: "transition",
		body: transitionInput,
	}),
	route(
		"POST /sessions/{id}/token",
		"A signalling token (scheduled, open, live)",
		{ 201: sessionTokenAnswer },
		{ can: "attend" },
	),
	route("GET /sessions/{id}/notice", "The conclusion notice in force, or a draft", noticeAnswer, read),
	route("GET /sessions/{id}/notice.html", "The conclusion notice, printable", html, read),
	route("GET /sessions/{id}/notice.pdf", "The conclusion notice (NĐ 30/2020 form)", PDF, read),
	route("GET /sessions/{id}/notices", "Every issued version of the notice", itemsOf(issuedNoticeView), read),
	route("GET /sessions/{id}/notices/{version}.pdf", "One issued version, as stored", PDF, {
		...read,
		params: noticeVersionParams,
	}),
	route("POST /sessions/{id}/notices/corrections", "Correct the issued notice: its next version", writes(sessionView), {
		can: "conclude",
		body: noticeCorrectionSchema,
	}),
	route(
		"POST /sessions/series",
		"Plan a leader's recurring periodic receptions (bounded)",
		writes(seriesView.omit({ pending: true })),
		{
			body: seriesCreateSchema,
		},
	),
	route("GET /sessions/{id}/presiding", "Who presides, by name and title", presidingView),
	route("GET /sessions/{id}/delegation/candidates", "The vice-chairs it may be delegated to", itemsOf(personView), {
		can: "delegate",
	}),
	route("POST /sessions/{id}/delegation", "Delegate chairing this session to a vice-chair", writes(sessionView), {
		can: "delegate",
		body: delegationSchema,
	}),
	route("POST /sessions/{id}/delegation/withdrawal", "Give the session back to its chair", writes(sessionView), {
		can: "delegate",
		body: withdrawalSchema,
	}),
	route(
		"POST /sessions/{id}/attachments",
		"Attach a document (the raw body: PDF, PNG or JPEG, ≤ 10 MB)",
		writes(attachmentView),
		{
			query: attachmentUploadQuery,
		},
	),
	route("GET /sessions/{id}/attachments", "The session's documents", itemsOf(attachmentView), {
		can: ["cases", "read"],
	}),
	route(
		"GET /sessions/{id}/attachments/{attachmentId}",
		"One document's bytes, with their SHA-256",
		{ mediaTypes: ATTACHMENT_MEDIA_TYPES, description: "The file as uploaded" },
		{ can: ["cases", "read"] },
	),
	route(
		"POST /sessions/{id}/attachments/{attachmentId}/removal",
		"Remove a document (a revision)",
		writes(attachmentView),
		{
			body: attachmentRemovalSchema,
		},
	),
	route("GET /calendar/{code}", "A province's published reception calendar", calendarAnswer, {
		open: true,
		params: calendarParams,
		query: calendarQuery,
	}),
	route("GET /calendar/{code}.pdf", "The reception calendar, printable", PDF, {
		open: true,
		params: calendarParams,
		query: calendarQuery,
	}),
	route(
		"GET /calendar/{code}.ics",
		"The reception calendar as an iCalendar feed",
		{ mediaTypes: ["text/calendar"], description: "RFC 5545 calendar" },
		{ open: true, params: calendarParams, query: calendarQuery },
	),
	route("GET /compliance", "Heads' periodic receptions held or missed, per unit and period", complianceAnswer, {
		can: ["compliance", "read"],
		query: complianceQuery,
	}),
];
