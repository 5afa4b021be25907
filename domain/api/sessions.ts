import { z } from "zod";
import { MAX_OCCURRENCES, RECURRENCE_FREQUENCIES, WEEKDAYS } from "../sessions.js";
import { HANDLING_DIRECTIONS, SESSION_KINDS, SESSION_ORIGINS } from "../vocabulary.js";

/** Request bodies of the sessions module's routes (server/sessions/): scheduling, notices, corrections. */

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
	deadline: z.coerce.date(),
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

/** What a client reads of an issued version. */
export interface IssuedNoticeView {
	version: number;
	number: string;
	issuedAt: string;
	issuedBy: string;
	sha256: string;
	size: number;
	reason?: string;
	replaces?: { version?: number; number?: string; sha256?: string };
}

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
