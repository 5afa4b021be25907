import { z } from "zod";
import { HANDLING_DIRECTIONS } from "../vocabulary.js";

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
