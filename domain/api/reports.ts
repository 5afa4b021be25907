import { z } from "zod";
import { PERIOD_KINDS } from "../reportPeriods.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";

/** Parts of a report document; an ad-hoc report picks some, the periodic report has them all. */
export const REPORT_SECTIONS = ["form", "trend", "content", "units"] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day YYYY-MM-DD");

/** A period (`kind` with `year`/`index`, or `custom` with `from`/`to`) over one endpoint's subtree. */
export const reportQuery = z.object({
	kind: z.enum(PERIOD_KINDS),
	year: z.coerce.number().int().min(2000).max(2100).optional(),
	index: z.coerce.number().int().min(1).max(12).optional(),
	from: day.optional(),
	to: day.optional(),
	/** The endpoint whose subtree is reported on (default: the caller's endpoint; the nation for the central office). */
	under: z.string().min(1).max(64).optional(),
	/** `periodic` (every section) or `ad-hoc` (the sections asked for). */
	report: z.enum(["periodic", "ad-hoc"]).default("periodic"),
	sections: z
		.string()
		.max(100)
		.transform((s) => s.split(",").map((x) => x.trim()))
		.pipe(z.array(z.enum(REPORT_SECTIONS)).min(1))
		.optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

/** The cases behind one figure: a column id of the form and, optionally, one row's unit. */
export const reportCellQuery = reportQuery.extend({
	cell: z.string().min(1).max(80),
	unit: z.string().min(1).max(64).optional(),
});

/** A row of a report: an endpoint whose subtree it counts. */
export const unitRow = z.object({ unitId: z.string(), code: z.string(), name: z.string(), level: z.string() });
export type UnitRow = z.output<typeof unitRow>;

export const formRow = unitRow.extend({ values: z.array(z.number()) });
export type FormRow = z.output<typeof formRow>;

const count = z.array(z.number());

/** A column of the form: its number on the official form and its heading, line by line. */
const formColumn = z.object({
	id: z.string(),
	number: z.number().int(),
	vi: z.array(z.string()),
	en: z.array(z.string()),
	inOfficialForm: z.boolean(),
});

/** The form for one scope and period, with what the charts draw. */
export const formAnswer = z.object({
	period: z.object({
		kind: z.string(),
		from: z.string(),
		to: z.string(),
		firstDay: z.string(),
		lastDay: z.string(),
		labelVi: z.string(),
		labelEn: z.string(),
	}),
	scope: unitRow,
	columns: z.array(formColumn),
	rows: z.array(formRow),
	total: count,
	/** Visits and people per calendar month of the period (Vietnam's calendar). */
	trend: z.object({ months: z.array(z.string()), visits: count, people: count }),
	generatedAt: z.string(),
});
export type FormResult = z.output<typeof formAnswer>;

/** One case behind a figure. */
export const cellCase = z.object({
	id: z.string(),
	registerNumber: z.string(),
	receivedAt: z.string(),
	endpointName: z.string(),
	citizenName: z.string(),
	peopleCount: z.number().int(),
	summary: z.string(),
	counted: z.number(),
});
export type CellCase = z.output<typeof cellCase>;

/** `GET /api/reports/form/cases`: the column asked about, how many it counts, and the cases (at most 1000). */
export const cellCasesAnswer = formColumn.pick({ number: true, vi: true, en: true }).extend({
	cell: z.string(),
	total: z.number(),
	items: z.array(cellCase),
});

const route = routesOf("reports", "reports");
const document = (ext: string, mediaType: string, what: string) =>
	route(
		`GET /reports/form.${ext}`,
		`The form as ${what}`,
		{ mediaTypes: [mediaType], description: what },
		{
			query: reportQuery,
		},
	);

export const reportsApi: ApiRoute[] = [
	route("GET /reports/form", "The citizen-reception form for a period over an endpoint's subtree", formAnswer, {
		query: reportQuery,
	}),
	route("GET /reports/form/cases", "The cases behind one figure of the form", cellCasesAnswer, {
		query: reportCellQuery,
	}),
	document("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "an Excel workbook"),
	document("pdf", "application/pdf", "a PDF document"),
	document("csv", "text/csv", "CSV (UTF-8)"),
];
