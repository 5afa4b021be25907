import { z } from "zod";
import { DUTY_ROLES, PEAK_PERIOD_KINDS, SHIFTS } from "../duty.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { type AnswerOf, idParams, isoDate, itemsOf, recordView, writes } from "./common.js";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day dd/mm/yyyy (sent as YYYY-MM-DD)");
const endpointId = z.string().min(1).max(64);
const reason = z.string().trim().min(3, "give the reason").max(500);

/** `POST /api/duty/periods`: a peak period over an endpoint's subtree (TW: nationwide). */
export const peakPeriodInput = z
	.strictObject({
		name: z.string().trim().min(3).max(200),
		kind: z.enum(PEAK_PERIOD_KINDS),
		from: day,
		to: day,
		endpointId,
	})
	.refine((p) => p.to >= p.from, { path: ["to"], message: "the last day is before the first" })
	.refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 90 * 86_400_000, {
		path: ["to"],
		message: "a peak period lasts at most 90 days",
	});
export type PeakPeriodInput = z.infer<typeof peakPeriodInput>;

export const periodIdParams = idParams;

/**
 * `PATCH /api/duty/periods/:id`: a correction of a period's name, kind or days, with its reason (its
 * subtree stays). What was made in it follows at once: membership is derived when read.
 */
export const peakPeriodCorrection = z
	.strictObject({
		name: z.string().trim().min(3).max(200).optional(),
		kind: z.enum(PEAK_PERIOD_KINDS).optional(),
		from: day.optional(),
		to: day.optional(),
		correction: z.strictObject({ reason }),
	})
	.refine((c) => c.name || c.kind || c.from || c.to, { path: ["from"], message: "change the name, kind or days" });
export type PeakPeriodCorrection = z.infer<typeof peakPeriodCorrection>;

/** `GET /api/duty/periods/:id/roster?endpoint=`: one endpoint's roster (default: every endpoint in scope). */
export const rosterQuery = z.strictObject({ endpoint: endpointId.optional() });

const person = z.strictObject({
	userId: z.string().min(1).max(64).optional(),
	name: z.string().trim().min(2).max(120),
	position: z.string().trim().max(120).optional(),
	phone: z
		.string()
		.trim()
		.regex(/^\+?[0-9 .-]{8,20}$/, "a phone number of 8 to 15 digits"),
	email: z.email().max(200).optional(),
});

/**
 * `POST /api/duty/periods/:id/slots` (a day of that period) and `POST /api/duty/slots` (any day,
 * ordinary after-hours duty): one person on one shift of one day at one endpoint, or at one of its
 * agencies (`agencyId`; none: the endpoint's own reception point).
 */
export const dutySlotInput = z.strictObject({
	endpointId,
	agencyId: z.string().min(1).max(64).optional(),
	day,
	shift: z.enum(SHIFTS),
	role: z.enum(DUTY_ROLES),
	person,
	/** Needed once the endpoint's roster is published: a swap or change is a correction. */
	correction: z.strictObject({ reason }).optional(),
});
export type DutySlotInput = z.infer<typeof dutySlotInput>;

/** `PATCH /api/duty/slots/:id`: a swap (another person) or taking the slot off the roster. */
export const dutySlotChange = z
	.strictObject({
		person: person.optional(),
		voided: z.literal(true).optional(),
		correction: z.strictObject({ reason }).optional(),
	})
	.refine((c) => c.person || c.voided, { path: ["person"], message: "name the new person, or void the slot" });
export type DutySlotChange = z.infer<typeof dutySlotChange>;

export const slotIdParams = idParams;

/** `POST /api/duty/periods/:id/publish`: one endpoint's roster becomes read-only except by correction. */
export const publishInput = z.strictObject({ endpointId });

/** The most days one ordinary roster question covers (a grid shows a week; a print, a month). */
export const RANGE_MAX_DAYS = 62;

type Span = { from: string; to: string };
/** Some days of the calendar, both included: in order, and not too many. */
const span = { from: day, to: day };
type SpanCheck = [(q: Span) => boolean, { path: string[]; message: string }];
const inOrder: SpanCheck = [(q) => q.to >= q.from, { path: ["to"], message: "the last day is before the first" }];
const notTooLong: SpanCheck = [
	(q) => Date.parse(q.to) - Date.parse(q.from) < RANGE_MAX_DAYS * 86_400_000,
	{ path: ["to"], message: `at most ${RANGE_MAX_DAYS} days` },
];

/** `GET /api/duty/roster` and `roster.pdf`: any days' roster, peak period or not (default: every endpoint in scope). */
export const rangeRosterQuery = z
	.strictObject({ ...span, endpoint: endpointId.optional() })
	.refine(...inOrder)
	.refine(...notTooLong);
/** `GET /api/duty/gaps`: the gaps of any days, by the ordinary or the peak period's requirements of each day. */
export const rangeGapsQuery = z
	.strictObject({ ...span, under: endpointId.optional() })
	.refine(...inOrder)
	.refine(...notTooLong);
/** `POST /api/duty/publish`: one endpoint's ordinary roster over some days becomes read-only except by correction. */
export const rangePublishInput = z
	.strictObject({ ...span, endpointId })
	.refine(...inOrder)
	.refine(...notTooLong);

/** `GET /api/duty/now?under=`: who is on duty now at each endpoint of a subtree. */
export const onDutyQuery = z.strictObject({ under: endpointId.optional() });

/** `POST /api/duty/periods/:id/reports`: a daily situation report, or an ad-hoc one on one event. */
export const situationReportInput = z.strictObject({
	kind: z.enum(["daily", "ad-hoc"]),
	endpointId,
	day,
	figures: z
		.strictObject({
			visits: z.number().int().min(0).max(100_000),
			people: z.number().int().min(0).max(1_000_000),
			cases: z.number().int().min(0).max(100_000),
			delegations: z.number().int().min(0).max(10_000),
			/** Hot-spot developments entered that day on cases the unit holds. */
			developments: z.number().int().min(0).max(100_000).default(0),
		})
		.optional(),
	events: z.string().max(20_000).default(""),
});
export type SituationReportInput = z.infer<typeof situationReportInput>;

/**
 * `POST /api/duty/periods/:id/commune-requests`: a province asks its communes (the ones named, or every
 * one) for a daily situation report on some days of the period (default: all of them).
 */
export const communeReportRequestInput = z
	.strictObject({
		provinceId: endpointId,
		communeIds: z.array(endpointId).min(1, "name a commune, or leave the list out for all").max(1000).optional(),
		from: day.optional(),
		to: day.optional(),
	})
	.refine((r) => !r.from || !r.to || r.to >= r.from, { path: ["to"], message: "the last day is before the first" });
export type CommuneReportRequestInput = z.infer<typeof communeReportRequestInput>;

/** `GET /api/duty/periods/:id/reports?day=`: submitted reports and the units that owe one. */
export const reportsQuery = z.strictObject({ day });
export const prefillQuery = z.strictObject({ endpoint: endpointId, day });

// ---- What the routes answer ----

const scoped = { scopeEndpointIds: z.array(z.string()) };

/** A peak period as read: which endpoints' rosters are published. */
export const peakPeriodView = recordView(peakPeriodInput, {
	publishedEndpointIds: z.array(z.string()),
	...scoped,
});

const personView = z.looseObject({
	userId: z.string().optional(),
	name: z.string(),
	position: z.string().optional(),
	phone: z.string(),
	email: z.string().optional(),
});

export const dutySlotView = recordView(dutySlotInput.omit({ correction: true, person: true }), {
	person: personView,
	voided: z.boolean(),
	...scoped,
});

export type DutySlotView = AnswerOf<typeof dutySlotView>;

/** One revision of a slot in its history: who made it, by name. */
export const dutySlotRevisionView = dutySlotView.extend({ recordedByName: z.string() });

const figures = z.object({
	visits: z.number().int(),
	people: z.number().int(),
	cases: z.number().int(),
	delegations: z.number().int(),
	/** Absent on reports submitted before the figure was kept. */
	developments: z.number().int().optional(),
});

export const situationReportView = recordView(situationReportInput.omit({ figures: true }), {
	figures,
	periodId: z.string(),
	submittedByName: z.string(),
	...scoped,
});

/** `GET /api/duty/periods/:id/roster`: the period's days and shifts, and every slot on them. */
export const rosterAnswer = z.object({
	days: z.array(day),
	shifts: z.array(z.enum(SHIFTS)),
	items: z.array(dutySlotView),
	/** The agencies the slots name, with their names (readable without the right to read the register). */
	agencies: z.array(z.object({ id: z.string(), name: z.string() })),
	/** Endpoints whose roster is published on some of these days: a change to it is a correction. */
	publishedEndpointIds: z.array(z.string()),
});

/** An endpoint (or one of its agencies), day and shift whose required roles are not all taken. */
export const dutyGapView = z.object({
	endpointId: z.string(),
	agencyId: z.string().optional(),
	day,
	shift: z.enum(SHIFTS),
	missing: z.array(z.enum(DUTY_ROLES)),
});

const onDutyRoles = z.array(
	z.object({ role: z.enum(DUTY_ROLES), endpointId: z.string(), person: personView, shift: z.enum(SHIFTS), day }),
);

/**
 * Who is on duty at an endpoint now: its own people, or the nearest endpoint above with a roster; and
 * the people on duty at each of its agencies that keeps a roster.
 */
export const onDutyAnswer = z.object({
	at: isoDate,
	items: z.array(
		z.object({
			endpointId: z.string(),
			at: isoDate,
			roles: onDutyRoles,
			agencies: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), roles: onDutyRoles })),
		}),
	),
});

/** A province's request to its communes for daily reports, as recorded. */
export const communeReportRequestView = recordView(z.object({ provinceId: z.string(), from: day, to: day }), {
	periodId: z.string(),
	/** Asked of every commune of the province (named in `communeIds`). */
	all: z.boolean(),
	communeIds: z.array(z.string()),
	...scoped,
});

/** An ordinary roster published over some days. */
export const dutyPublicationView = recordView(rangePublishInput, scoped);

/** `GET /api/duty/periods/:id/reports?day=`: the day's reports, when they were due, and the provinces that owe one. */
export const situationReportsAnswer = z.object({
	due: isoDate,
	items: z.array(situationReportView),
	missing: z.array(z.string()),
	/** Communes asked by their province for that day that have not submitted (once due). */
	missingCommunes: z.array(z.string()),
	today: day,
});

/** One delivery of an alert to a person on duty (e-mail or in-app), and each escalation. */
export const alertDeliveryView = z.looseObject({
	alertId: z.string(),
	kind: z.string(),
	endpointId: z.string(),
	level: z.number().int().min(0),
	role: z.string(),
	channel: z.enum(["email", "app"]),
	status: z.string(),
	at: isoDate,
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time HH:MM, 24-hour");
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** How long a shift lasts; one that ends at or before its start ends the next day. */
const minutesLong = (h: { start: string; end: string }) => (minutes(h.end) - minutes(h.start) + 24 * 60) % (24 * 60);
const shiftHours = z.strictObject({ start: clockTime, end: clockTime });
const rolesOfShift = z.array(z.enum(DUTY_ROLES)).min(1, "at least one role on every shift").max(DUTY_ROLES.length);
const perShift = <T extends z.ZodType>(of: T) =>
	z.strictObject({ office: of, "after-hours": of, night: of } as Record<(typeof SHIFTS)[number], T>);

/**
 * `PUT /api/duty/settings/:endpointId`: a province's (or the central office's) shifts. The three
 * shifts follow one another round the clock (office → after hours → night → office), so every
 * moment is in exactly one shift.
 */
export const shiftSettingsInput = z
	.strictObject({
		hours: perShift(shiftHours),
		required: perShift(rolesOfShift),
		requiredInPeak: perShift(rolesOfShift),
	})
	.refine((s) => s.hours.office.end === s.hours["after-hours"].start, {
		path: ["hours", "after-hours", "start"],
		message: "after hours start when office hours end",
	})
	.refine((s) => s.hours["after-hours"].end === s.hours.night.start, {
		path: ["hours", "night", "start"],
		message: "the night shift starts when after hours end",
	})
	.refine((s) => s.hours.night.end === s.hours.office.start, {
		path: ["hours", "night", "end"],
		message: "the night shift ends when office hours start",
	})
	.refine((s) => SHIFTS.every((shift) => s.hours[shift].start !== s.hours[shift].end), {
		path: ["hours"],
		message: "a shift lasts some time",
	})
	.refine((s) => SHIFTS.reduce((sum, shift) => sum + minutesLong(s.hours[shift]), 0) === 24 * 60, {
		path: ["hours"],
		message: "the three shifts together make one day",
	});
export type ShiftSettingsInput = z.infer<typeof shiftSettingsInput>;

export const settingsParams = z.strictObject({ endpointId });

/** The shifts in force at an endpoint: its own, its province's, or the platform's defaults. */
export const shiftSettingsAnswer = z.object({
	endpointId: z.string(),
	/** The endpoint whose settings these are; null: the platform's defaults. */
	source: z.string().nullable(),
	hours: perShift(shiftHours),
	required: perShift(z.array(z.enum(DUTY_ROLES))),
	requiredInPeak: perShift(z.array(z.enum(DUTY_ROLES))),
});

/** `GET /api/duty/feed`: where the caller's personal iCal feed of duty slots is (a secret address). */
export const dutyFeedAnswer = z.object({ path: z.string() });

/** `GET /api/duty/ical/:userId/:key.ics`: fetched by calendar applications, without a token. */
export const dutyIcalParams = z.strictObject({
	userId: z.string().min(1).max(64),
	key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "the feed's key"),
});

/** `GET /api/duty/periods/:id/summary.xlsx|pdf?under=`: the end-of-period summary of a unit (default: the period's, or the caller's). */
export const summaryQuery = z.strictObject({ under: endpointId.optional() });

const route = routesOf("duty", "duty");
const period = { params: periodIdParams };
const slot = { params: slotIdParams };

export const dutyApi: ApiRoute[] = [
	route("GET /duty/periods", "Peak periods that concern the caller", itemsOf(peakPeriodView)),
	route("POST /duty/periods", "Declare a peak period, nationwide or for a province", writes(peakPeriodView), {
		can: "declare",
		body: peakPeriodInput,
	}),
	route("GET /duty/periods/{id}", "One peak period", peakPeriodView, period),
	route(
		"PATCH /duty/periods/{id}",
		"Correct a peak period's name, kind or days (with the reason)",
		writes(peakPeriodView),
		{
			can: "declare",
			...period,
			body: peakPeriodCorrection,
		},
	),
	route(
		"GET /duty/periods/{id}/history",
		"Every revision of a peak period (its corrections, who and why)",
		itemsOf(peakPeriodView),
		period,
	),
	route("GET /duty/periods/{id}/roster", "The roster of a peak period (one endpoint, or all in scope)", rosterAnswer, {
		...period,
		query: rosterQuery,
	}),
	route(
		"GET /duty/periods/{id}/roster.pdf",
		"One endpoint's roster as the printed document",
		{ mediaTypes: ["application/pdf"], description: "A PDF document" },
		{ ...period, query: rosterQuery },
	),
	route("GET /duty/periods/{id}/gaps", "Shifts whose required roles are not all taken", itemsOf(dutyGapView), period),
	route("POST /duty/periods/{id}/slots", "Put a person on a shift", writes(dutySlotView), {
		...period,
		body: dutySlotInput,
	}),
	route("PATCH /duty/slots/{id}", "Swap the person on a slot, or take it off the roster", writes(dutySlotView), {
		...slot,
		body: dutySlotChange,
	}),
	route(
		"GET /duty/slots/{id}/history",
		"Every revision of a slot: who (by name), when and why",
		itemsOf(dutySlotRevisionView),
		slot,
	),
	route("POST /duty/periods/{id}/publish", "Publish one endpoint's roster", writes(peakPeriodView), {
		...period,
		body: publishInput,
	}),
	route("GET /duty/roster", "Any days' roster, peak period or not (one endpoint, or all in scope)", rosterAnswer, {
		query: rangeRosterQuery,
	}),
	route(
		"GET /duty/roster.pdf",
		"One endpoint's roster of some days as the printed document",
		{ mediaTypes: ["application/pdf"], description: "A PDF document" },
		{ query: rangeRosterQuery },
	),
	route("GET /duty/gaps", "Shifts of some days lacking the roles their day requires", itemsOf(dutyGapView), {
		query: rangeGapsQuery,
	}),
	route("POST /duty/slots", "Put a person on a shift of any day (ordinary after-hours duty)", writes(dutySlotView), {
		body: dutySlotInput,
	}),
	route("POST /duty/publish", "Publish one endpoint's ordinary roster over some days", writes(dutyPublicationView), {
		body: rangePublishInput,
	}),
	route("GET /duty/now", "Who is on duty now at each endpoint of a subtree", onDutyAnswer, { query: onDutyQuery }),
	route("GET /duty/periods/{id}/prefill", "A day's figures from the register, to pre-fill a report", figures, {
		can: "report",
		...period,
		query: prefillQuery,
	}),
	route("POST /duty/periods/{id}/reports", "Submit a daily or ad-hoc situation report", writes(situationReportView), {
		can: "report",
		...period,
		body: situationReportInput,
	}),
	route("GET /duty/periods/{id}/reports", "A day's situation reports and who still owes one", situationReportsAnswer, {
		...period,
		query: reportsQuery,
	}),
	route(
		"POST /duty/periods/{id}/commune-requests",
		"A province asks its communes (all, or chosen ones) for daily reports in the period",
		writes(communeReportRequestView),
		{ can: "request", ...period, body: communeReportRequestInput },
	),
	route(
		"GET /duty/periods/{id}/commune-requests",
		"The provinces' requests to their communes for daily reports, in scope",
		itemsOf(communeReportRequestView),
		period,
	),
	route(
		"GET /duty/alerts/{id}/deliveries",
		"Who was told of an alert, how, and each escalation",
		itemsOf(alertDeliveryView),
		{
			can: ["alerts", "read"],
			params: slotIdParams,
		},
	),
	route("GET /duty/settings/{endpointId}", "The shifts in force at an endpoint", shiftSettingsAnswer, {
		params: settingsParams,
	}),
	route("PUT /duty/settings/{endpointId}", "Set a province's shifts (hours, roles required)", shiftSettingsAnswer, {
		can: "declare",
		params: settingsParams,
		body: shiftSettingsInput,
	}),
	route("GET /duty/feed", "Where the caller's personal iCal feed of duty slots is", dutyFeedAnswer),
	route(
		"GET /duty/ical/{userId}/{key}.ics",
		"A person's duty slots as an iCalendar feed (its secret address stands for a token)",
		{ mediaTypes: ["text/calendar"], description: "RFC 5545 calendar" },
		{ open: true, params: dutyIcalParams },
	),
	route(
		"GET /duty/periods/{id}/summary.xlsx",
		"The end-of-period summary as a workbook: the reports' form over the period, then the situation reports",
		{
			mediaTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
			description: "An XLSX workbook",
		},
		{ can: ["reports", "read"], ...period, query: summaryQuery },
	),
	route(
		"GET /duty/periods/{id}/summary.pdf",
		"The end-of-period summary as the printed report",
		{ mediaTypes: ["application/pdf"], description: "A PDF document" },
		{ can: ["reports", "read"], ...period, query: summaryQuery },
	),
];
