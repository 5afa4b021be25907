/** REST shapes of the reception register (`/api/cases`): request schemas and what the API answers. */
import { z } from "zod";
import {
	AGENCY_KINDS,
	type AgencyKind,
	checkIdNumber,
	FIELD_CODE_PATTERN,
	FIELD_GROUPS,
	type IdKind,
	REGISTER_TEXT_LIMITS as L,
	RESOLUTION_STAGES,
	type ResolutionStage,
	TASK_REMINDERS,
	TASK_STATES,
	type TaskState,
} from "../register.js";
import { CASE_CONTENT_TYPES, CASE_STATUSES } from "../vocabulary.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { deadlineInput, isoDate, itemsOf, queryFlag, recordView, revisionFields, writes } from "./common.js";
import { outcomeView } from "./outcomes.js";
import { revisionApi } from "./revisionApi.js";
import { sessionView } from "./sessions.js";

const text = (max: number) => z.string().trim().min(1).max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();

export const idNumberSchema = z
	.string()
	.trim()
	.superRefine((value, ctx) => {
		const check = checkIdNumber(value);
		if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
	});

export const citizenInput = z.object({
	fullName: text(L.name),
	address: text(L.address),
	idNumber: idNumberSchema,
	idIssuedOn: z.coerce.date().optional(),
	idIssuedBy: optionalText(L.short),
	isRepresentative: z.boolean().default(false),
	/** The authorisation paper of a representative. */
	authorisation: optionalText(L.short),
});

/** Where the citizens live: a province endpoint and, when known, a commune endpoint under it. */
export const homeInput = z.object({
	provinceId: z.string().min(1).max(64).optional(),
	communeId: z.string().min(1).max(64).optional(),
});

export const resolutionInput = z
	.object({
		stage: z.enum(RESOLUTION_STAGES),
		documentNumber: optionalText(L.short),
		date: z.coerce.date().optional(),
		issuer: optionalText(L.short),
	})
	.superRefine((r, ctx) => {
		if (r.stage === "not-handled") return;
		for (const key of ["documentNumber", "date", "issuer"] as const) {
			if (r[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `required at stage ${r.stage}` });
		}
	});

export const priorHandlingInput = z.object({
	level: text(L.short),
	agency: text(L.short),
	result: text(L.request),
	documentRef: optionalText(L.short),
	date: z.coerce.date().optional(),
});

const caseFields = {
	receivedAt: z.coerce.date(),
	/** The session the case was entered during, if any: the case joins its agenda. */
	sessionId: z.string().min(1).max(64).optional(),
	/** Who received the citizens; the signed-in user when left out. */
	receivingOfficer: optionalText(L.name),
	citizens: z.array(citizenInput).min(1).max(50),
	peopleCount: z.number().int().min(1, "at least 1 person").max(100_000),
	home: homeInput.default({}),
	summary: text(L.summary),
	contentType: z.enum(CASE_CONTENT_TYPES),
	/** A code of the field catalogue (`GET /api/cases/fields`). */
	field: z.string().max(60).regex(FIELD_CODE_PATTERN, "a field code such as admin.land"),
	fieldDetail: optionalText(L.short),
	complex: z.boolean().default(false),
	hotSpotRisk: z.boolean().default(false),
	/** The case touches an ethnic or religious matter (yếu tố dân tộc, tôn giáo). */
	ethnicReligious: z.boolean().default(false),
	withinCompetence: z.boolean().default(true),
	originalsAttached: z.boolean().default(false),
	resolution: resolutionInput.default({ stage: "not-handled" }),
	priorHandling: z.array(priorHandlingInput).max(20).default([]),
	request: text(L.request),
	notes: z.string().trim().max(L.notes, `at most ${L.notes} characters`).default(""),
	status: z.enum(CASE_STATUSES).default("received"),
};

export const caseCreateInput = z.object({ endpointId: z.string().min(1).max(64), ...caseFields }).strict();

/** A change or correction: the fields sent, nothing else. `voided` only with a correction's reason. */
export const caseChangeInput = z
	.object(caseFields)
	.partial()
	.extend({ voided: z.literal(true).optional() })
	.strict();

const flag = queryFlag;

/** The register's search: any of these, combined. */
export const caseQuery = z.object({
	registerNumber: z.string().max(20).optional(),
	/** Part of a citizen's name, any case. */
	name: z.string().trim().min(1).max(L.name).optional(),
	idNumber: z.string().trim().min(1).max(12).optional(),
	from: z.coerce.date().optional(),
	to: z.coerce.date().optional(),
	contentType: z.enum(CASE_CONTENT_TYPES).optional(),
	field: z.string().max(60).optional(),
	status: z.enum(CASE_STATUSES).optional(),
	/** The receiving endpoint and everything under it. */
	endpoint: z.string().min(1).max(64).optional(),
	/** The citizens' home province (or commune). */
	home: z.string().min(1).max(64).optional(),
	manyPeople: flag.optional(),
	complex: flag.optional(),
	hotSpotRisk: flag.optional(),
	ethnicReligious: flag.optional(),
	repeat: flag.optional(),
	legacyId: flag.optional(),
	/** Voided entries are left out unless asked for. */
	voided: flag.optional(),
	/** Received during this peak period (server/duty/). */
	peakPeriod: z.string().min(1).max(64).optional(),
});

/** The printed register page: a search, over a date range. */
export const printQuery = caseQuery.extend({ from: z.coerce.date(), to: z.coerce.date() });
export type CaseQuery = z.infer<typeof caseQuery>;

/** A citizen as stored, dates as `D`: the identity number's kind is derived (a 9-digit CMND is legacy). */
export interface CitizenOf<D> {
	fullName: string;
	address: string;
	idNumber: string;
	idKind: IdKind;
	idProvinceCode?: string;
	idIssuedOn?: D;
	idIssuedBy?: string;
	isRepresentative: boolean;
	authorisation?: string;
}

export interface CaseHome {
	provinceId?: string;
	provinceName?: string;
	communeId?: string;
	communeName?: string;
}

/**
 * A case's register fields, dates as `D`: `Date` in the server's record, ISO strings over the API.
 * Names (endpoint, home) are those true on the day of reception.
 */
export interface CaseFieldsOf<D> {
	registerNumber: string;
	registerYear: number;
	registerSeq: number;
	receivedAt: D;
	endpointId: string;
	endpointName: string;
	sessionId?: string;
	receivingOfficer: { userId?: string; name: string };
	citizens: CitizenOf<D>[];
	peopleCount: number;
	representativeCount: number;
	home: CaseHome;
	summary: string;
	contentType: (typeof CASE_CONTENT_TYPES)[number];
	field: string;
	fieldDetail?: string;
	manyPeople: boolean;
	complex: boolean;
	hotSpotRisk: boolean;
	ethnicReligious: boolean;
	withinCompetence: boolean;
	originalsAttached: boolean;
	legacyId: boolean;
	resolution: { stage: ResolutionStage; documentNumber?: string; date?: D; issuer?: string };
	priorHandling: { level: string; agency: string; result: string; documentRef?: string; date?: D }[];
	request: string;
	notes: string;
	status: (typeof CASE_STATUSES)[number];
	/** First-time (vụ việc mới phát sinh) or repeat (vụ việc cũ): earlier cases with a matching ID number. */
	repeat: boolean;
	visitCount: number;
	previousCaseIds: string[];
	voided: boolean;
	/** The receiving endpoint and the home locality (`caseEndpoints`). */
	scopeEndpointIds: string[];
}

/** A case as `GET /api/cases/:id` answers it. */
export interface CaseView extends CaseFieldsOf<string> {
	id: string;
	revisionId: string;
	rev: number;
	change: { kind: string; reason?: string };
	recordedAt: string;
	recordedBy: string;
	/** The peak periods it was received in, derived as it is read (not on write answers). */
	peakPeriodIds?: string[];
}

const contactInput = z.object({
	name: text(L.name),
	title: optionalText(L.short),
	phone: optionalText(30),
	email: z.string().email().max(L.short).optional(),
});

/** An agency of a province (`/api/agencies`). */
export const agencyCreateInput = z
	.object({
		name: text(L.short),
		kind: z.enum(AGENCY_KINDS),
		provinceId: z.string().min(1).max(64),
		communeId: z.string().min(1).max(64).optional(),
		contacts: z.array(contactInput).max(20).default([]),
		active: z.boolean().default(true),
	})
	.strict();
/** An agency's fields, as stored and as answered. */
export interface AgencyFields {
	name: string;
	kind: AgencyKind;
	provinceId: string;
	communeId?: string;
	contacts: { name: string; title?: string; phone?: string; email?: string }[];
	active: boolean;
}
/** An agency as `GET /api/agencies` answers it. */
export interface AgencyView extends AgencyFields {
	id: string;
	rev: number;
}
export const agencyChangeInput = agencyCreateInput.omit({ provinceId: true }).partial().strict();
export const agencyQuery = z.object({
	province: z.string().min(1).max(64).optional(),
	kind: z.enum(AGENCY_KINDS).optional(),
	active: flag.optional(),
});
export type AgencyQuery = z.infer<typeof agencyQuery>;

/** A task given to an agency about a case (`/api/tasks`); outcomes' assignments with an agency make them too. */
export const taskCreateInput = z
	.object({
		caseId: z.string().min(1).max(64),
		outcomeId: z.string().min(1).max(64).optional(),
		agencyId: z.string().min(1).max(64),
		description: text(L.request),
		deadline: deadlineInput,
		reportTo: text(L.short),
	})
	.strict();
export const taskChangeInput = taskCreateInput
	.pick({ description: true, deadline: true, reportTo: true })
	.partial()
	.strict();
export const taskProgressInput = z.object({ note: text(L.request) }).strict();
export const taskResultInput = z
	.object({ documentNumber: text(L.short), date: z.coerce.date(), summary: text(L.request) })
	.strict();
export const taskQuery = z.object({
	agency: z.string().min(1).max(64).optional(),
	province: z.string().min(1).max(64).optional(),
	caseId: z.string().min(1).max(64).optional(),
	state: z.enum(TASK_STATES).optional(),
});
export type TaskQuery = z.infer<typeof taskQuery>;

export interface TaskView {
	id: string;
	rev: number;
	caseId: string;
	registerNumber: string;
	outcomeId?: string;
	agencyId: string;
	agencyName: string;
	provinceId: string;
	description: string;
	deadline: string;
	reportTo: string;
	progress: { at: string; byName: string; note: string }[];
	result: { documentNumber: string; date: string; summary: string } | null;
	/** Computed from the deadline and the result, at the server's clock. */
	state: TaskState;
}

/** Tasks by state: a list's or an agency's figures. */
export type TaskCounts = Record<TaskState, number>;

/** A case as the API answers it (`CaseView`): the register's fields, dates as ISO strings. */
export const caseView = z.looseObject({
	...revisionFields,
	registerNumber: z.string(),
	registerYear: z.number().int(),
	receivedAt: isoDate,
	endpointId: z.string(),
	citizens: z.array(z.looseObject({ fullName: z.string(), idNumber: z.string(), isRepresentative: z.boolean() })),
	peopleCount: z.number().int().min(1),
	summary: z.string(),
	/** The peak periods it was received in, derived as it is read (not on write answers; docs/duty.md). */
	peakPeriodIds: z.array(z.string()).optional(),
	contentType: z.enum(CASE_CONTENT_TYPES),
	field: z.string(),
	manyPeople: z.boolean(),
	resolution: z.looseObject({ stage: z.enum(RESOLUTION_STAGES) }),
	request: z.string(),
	status: z.enum(CASE_STATUSES),
	repeat: z.boolean(),
	visitCount: z.number().int().min(1),
	voided: z.boolean(),
	scopeEndpointIds: z.array(z.string()),
});

/** The field catalogue and the delegation rule in force, for the entry form. */
export const registerFieldsAnswer = z.object({
	items: z.array(z.object({ code: z.string(), group: z.enum(FIELD_GROUPS), vi: z.string(), en: z.string() })),
	delegationRule: z.looseObject({
		minPeople: z.number().int(),
		smallGroupMax: z.number().int(),
		smallMaxRepresentatives: z.number().int(),
		maxRepresentatives: z.number().int(),
		source: z.string(),
		verified: z.boolean(),
	}),
});

/** Everything a case went through: the sessions it was heard in and their outcomes. */
export const caseTimelineAnswer = z.object({ sessions: z.array(sessionView), outcomes: z.array(outcomeView) });

/** An agency as the API answers it. */
export const agencyView = recordView(agencyCreateInput, { scopeEndpointIds: z.array(z.string()) });

/** Tasks by state. */
export const taskCounts = z.record(z.enum(TASK_STATES), z.number().int().min(0));

/** A task as the API answers it: its state is computed from the deadline and the result when read. */
export const taskView = recordView(taskCreateInput, {
	registerNumber: z.string(),
	sessionId: z.string().optional(),
	agencyName: z.string(),
	provinceId: z.string(),
	progress: z.array(z.looseObject({ at: isoDate, byUserId: z.string(), byName: z.string(), note: z.string() })),
	result: z
		.looseObject({ documentNumber: z.string(), date: isoDate, summary: z.string(), recordedAt: isoDate })
		.nullable(),
	scopeEndpointIds: z.array(z.string()),
	state: z.enum(TASK_STATES),
});

/** `GET /api/tasks`: every matching task (the first 500), how many, and the figures by state. */
export const taskListAnswer = z.object({ items: z.array(taskView), total: z.number().int(), counts: taskCounts });
export const tasksByAgencyAnswer = z.object({
	items: z.array(z.object({ agencyId: z.string(), agencyName: z.string().optional(), counts: taskCounts })),
	counts: taskCounts,
});
/** A deadline reminder, recorded once per task and kind. */
export const taskReminderView = z.looseObject({
	taskId: z.string(),
	kind: z.enum(TASK_REMINDERS),
	deadline: isoDate,
	at: isoDate,
	provinceId: z.string(),
});

const route = routesOf("cases", "cases");
const registerPdf = { mediaTypes: ["application/pdf"], description: "The register page" };
const task = routesOf("tasks", "tasks");

export const registerApi: ApiRoute[] = [
	route("GET /cases/fields", "The field catalogue and the delegation rule in force", registerFieldsAnswer),
	route("GET /cases/register.pdf", "The register page for a date range (PDF)", registerPdf, { query: printQuery }),
	route("GET /cases/{id}/timeline", "The sessions a case was heard in, and their outcomes", caseTimelineAnswer),
	...revisionApi("cases", "case", caseView, caseCreateInput, caseChangeInput, caseQuery),
	...revisionApi("agencies", "agency", agencyView, agencyCreateInput, agencyChangeInput, agencyQuery),
	task("GET /tasks/by-agency", "Tasks by state per agency (of a province, or all in scope)", tasksByAgencyAnswer, {
		query: taskQuery,
	}),
	task("GET /tasks/{id}/reminders", "The deadline reminders sent for a task", itemsOf(taskReminderView)),
	task("POST /tasks/{id}/progress", "Note the agency's progress (a revision)", writes(taskView), {
		body: taskProgressInput,
	}),
	task("POST /tasks/{id}/result", "Record the closing result: the task is done", writes(taskView), {
		body: taskResultInput,
	}),
	...revisionApi("tasks", "task", taskView, taskCreateInput, taskChangeInput, taskQuery, {
		summary: "Tasks given to agencies in the caller's scope (the first 500), with figures by state",
		answer: taskListAnswer,
	}),
];
