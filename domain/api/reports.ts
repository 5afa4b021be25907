import { z } from "zod";
import { PERIOD_KINDS } from "../reportPeriods.js";

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
export interface UnitRow {
	unitId: string;
	code: string;
	name: string;
	level: string;
}

export interface FormRow extends UnitRow {
	values: number[];
}

/** The form for one scope and period, with what the charts draw. */
export interface FormResult {
	period: {
		kind: string;
		from: string;
		to: string;
		firstDay: string;
		lastDay: string;
		labelVi: string;
		labelEn: string;
	};
	scope: UnitRow;
	columns: { id: string; number: number; vi: string[]; en: string[]; inOfficialForm: boolean }[];
	rows: FormRow[];
	total: number[];
	/** Visits and people per calendar month of the period (Vietnam's calendar). */
	trend: { months: string[]; visits: number[]; people: number[] };
	generatedAt: string;
}

/** One case behind a figure. */
export interface CellCase {
	id: string;
	registerNumber: string;
	receivedAt: string;
	endpointName: string;
	citizenName: string;
	peopleCount: number;
	summary: string;
	counted: number;
}
