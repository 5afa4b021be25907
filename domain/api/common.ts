/** Shapes shared by the REST modules of domain/api: ids, dates, pages, errors, revisioned records. */
import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "../errors.js";
import { DAY_PATTERN, vietnamDayEnd } from "../vietnamDays.js";
import { CHANGE_KINDS } from "../vocabulary.js";

/** A timestamp as the API writes it (JSON of a Date: ISO 8601, UTC). */
export const isoDate = z.iso.datetime();

/**
 * A deadline: a calendar day `YYYY-MM-DD` as the forms send it, which runs to the end of that day in
 * Vietnam (a task due on 10/03 is overdue from 11/03 00:00 there, whatever the browser's zone), or an
 * ISO 8601 instant taken as it is.
 */
export const deadlineInput = z.union([
	z
		.string()
		.regex(DAY_PATTERN)
		.transform((day, ctx) => {
			const end = vietnamDayEnd(day);
			if (!end) ctx.addIssue({ code: "custom", message: `${day} is not a calendar day` });
			return end ?? new Date(Number.NaN);
		}),
	z.iso.datetime({ offset: true }).transform((at) => new Date(at)),
	z.date(),
]);

/** A record's stable id, as it appears in paths and references. */
export const entityId = z.string().min(1).max(64);

export const idParams = z.strictObject({ id: entityId });

/** List paging: `?offset=&limit=`. */
export const pageQuery = z.object({
	offset: z.coerce.number().int().min(0).default(0),
	limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Query-string booleans: "true" / "false". */
export const queryFlag = z.enum(["true", "false"]).transform((v) => v === "true");

/** `from` / `to` (ISO dates) and `endpoint` (an endpoint and everything under it), shared by list routes. */
export const rangeAndEndpointQuery = z.object({
	from: z.coerce.date().optional(),
	to: z.coerce.date().optional(),
	endpoint: z.string().min(1).max(64).optional(),
});

/** Every refusal, over HTTP as over Socket.IO: a catalogued code, a message, and where an input was wrong. */
export const errorAnswer = z.object({
	error: z.object({
		code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
		message: z.string(),
		/** Each refused field: its path, why, and (when the app words it) a code and the limit crossed. */
		issues: z.array(z.looseObject({ path: z.string(), message: z.string() })).optional(),
	}),
});

/** A PATCH of a revisioned record: the changed fields, the revision the client saw, and whether it corrects. */
export const changeEnvelope = z.object({
	changes: z.record(z.string(), z.unknown()),
	expectedRev: z.number().int().min(1).optional(),
	correction: z.object({ reason: z.string().min(3).max(2000) }).optional(),
});

/** What every revision of a record carries: `id` is stable across revisions, `revisionId` names this one. */
export const revisionFields = {
	id: z.string(),
	revisionId: z.string(),
	rev: z.number().int().min(1),
	supersedes: z.string().nullable(),
	change: z.looseObject({ kind: z.enum(CHANGE_KINDS), reason: z.string().nullish() }),
	recordedAt: isoDate,
	recordedBy: z.string(),
};

/**
 * A revisioned record as the API shows it: its revision fields, what was entered (the create
 * schema's fields, as stored), and what the server derives; fields added later pass through.
 */
export function recordView<E extends z.ZodRawShape, D extends z.ZodRawShape>(entered: z.ZodObject<E>, derived: D) {
	return z.looseObject({ ...revisionFields, ...entered.shape, ...derived });
}

/** A page of a list. */
export function listOf<T extends z.ZodType>(item: T) {
	return z.object({
		items: z.array(item),
		total: z.number().int().min(0),
		offset: z.number().int().min(0),
		limit: z.number().int().min(1),
	});
}

/** A value as it arrives over JSON: every Date is ISO text. */
export type Answered<T> = T extends Date
	? string
	: T extends readonly (infer U)[]
		? Answered<U>[]
		: T extends object
			? { [K in keyof T]: Answered<T[K]> }
			: T;

/** What a client reads of a schema's answer. */
export type AnswerOf<S extends z.ZodType> = Answered<z.output<S>>;

/** A page of a list of `T`, as the app reads it. */
export type List<T> = Omit<z.output<ReturnType<typeof listOf>>, "items"> & { items: T[] };

/** All of a small list at once. */
export function itemsOf<T extends z.ZodType>(item: T) {
	return z.object({ items: z.array(item) });
}

/** A write's answer: the record as written; `pending` when it is journalled and lands in the database later. */
export function written<T extends z.ZodObject>(view: T) {
	return view.extend({ pending: z.boolean() });
}

/** A write's answers: 201 once the database has it, 202 when it is journalled and lands later. */
export function writes<T extends z.ZodObject>(view: T) {
	const answer = written(view);
	return { 201: answer, 202: answer };
}
