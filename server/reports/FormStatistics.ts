import type { CellCase, FormResult, FormRow } from "../../domain/api/reports.js";
import { ValidationError } from "../../domain/errors.js";
import { type CaseFact, contribution, FORM_COLUMNS, type FormColumn, formColumn } from "../../domain/reportForm.js";
import { monthsIn, type Period, vnDay } from "../../domain/reportPeriods.js";
import { COUNTED_FIELDS, type ReportCase, type ReportFacts } from "./ReportFacts.js";
import type { UnitMap } from "./UnitMap.js";

export type { CellCase, FormResult, FormRow };

async function factsOf(facts: ReportFacts, units: UnitMap, period: Period, extra: Record<string, number> = {}) {
	const inScope = units.root.level === "central" ? {} : { endpointId: { $in: units.endpointIds } };
	return facts.model
		.find(
			{ ...inScope, receivedAt: { $gte: period.from, $lt: period.to }, voided: false },
			{ ...COUNTED_FIELDS, ...extra },
		)
		.lean<ReportCase[]>();
}

/**
 * Where the figures come from: `months`, the pre-aggregated endpoint-months (a periodic period,
 * whole reporting months of the configured cut-off), or `scan`, every case of the period (a custom
 * range; docs/reports.md). `auto` takes the months whenever the period allows.
 */
export type FormSource = "auto" | "months" | "scan";

/** Adds to the rows and the trend, one endpoint's contribution at a time. */
class FormTally {
	readonly rows: FormRow[];
	readonly trend: FormResult["trend"];
	readonly #rowIndex: Map<string, number>;
	readonly #units: UnitMap;

	constructor(units: UnitMap, period: Period) {
		this.#units = units;
		this.rows = units.rows.map((r) => ({ ...r, values: FORM_COLUMNS.map(() => 0) }));
		this.#rowIndex = new Map(this.rows.map((r, i) => [r.unitId, i]));
		const months = monthsIn(period);
		this.trend = { months, visits: months.map(() => 0), people: months.map(() => 0) };
	}

	/** False when the endpoint is no row's: nothing is added. */
	add(endpointId: string, values: (i: number) => number): boolean {
		const row = this.rows[this.#rowIndex.get(this.#units.rowOf(endpointId) ?? "") ?? -1];
		if (!row) return false;
		for (const i of FORM_COLUMNS.keys()) row.values[i] = (row.values[i] ?? 0) + values(i);
		return true;
	}

	addTrend(month: string, visits: number, people: number): void {
		const m = this.trend.months.indexOf(month);
		if (m < 0) return;
		this.trend.visits[m] = (this.trend.visits[m] ?? 0) + visits;
		this.trend.people[m] = (this.trend.people[m] ?? 0) + people;
	}
}

async function tallyScan(facts: ReportFacts, units: UnitMap, period: Period, tally: FormTally): Promise<void> {
	for (const f of await factsOf(facts, units, period)) {
		const column = (i: number) => contribution(FORM_COLUMNS[i] as FormColumn, f, period.from);
		if (tally.add(f.endpointId, column)) tally.addTrend(vnDay(f.receivedAt).slice(0, 7), 1, f.peopleCount);
	}
}

async function tallyMonths(facts: ReportFacts, units: UnitMap, months: string[], tally: FormTally): Promise<void> {
	for (const m of await facts.months.read(units.endpointIds, months)) {
		if (!tally.add(m.endpointId, (i) => m.values[i] ?? 0)) continue;
		for (const t of m.trend) tally.addTrend(t.month, t.visits, t.people);
	}
}

/** Every cell of the form over the scope and period (docs/reports.md). */
export async function formStatistics(
	facts: ReportFacts,
	units: UnitMap,
	period: Period,
	source: FormSource = "auto",
): Promise<FormResult> {
	const tally = new FormTally(units, period);
	const months = period.cutoffDay === facts.months.cutoffDay ? period.months : undefined;
	if (source === "months" && !months) throw new Error("a custom period has no pre-aggregated months");
	if (months && source !== "scan") await tallyMonths(facts, units, months, tally);
	else await tallyScan(facts, units, period, tally);
	const { rows, trend } = tally;
	return {
		period: {
			kind: period.kind,
			from: period.from.toISOString(),
			to: period.to.toISOString(),
			firstDay: period.firstDay,
			lastDay: period.lastDay,
			labelVi: period.labelVi,
			labelEn: period.labelEn,
		},
		scope: units.root,
		columns: FORM_COLUMNS.map(({ id, number, vi, en, inOfficialForm }) => ({ id, number, vi, en, inOfficialForm })),
		rows,
		total: FORM_COLUMNS.map((_, i) => rows.reduce((n, r) => n + (r.values[i] ?? 0), 0)),
		trend,
		generatedAt: new Date().toISOString(),
	};
}

/** At most this many cases are listed behind one figure. */
export const CELL_CASES_LIMIT = 1000;

/** The cases behind one figure: a column, for the whole scope or one row's unit. */
export async function cellCases(
	facts: ReportFacts,
	units: UnitMap,
	period: Period,
	columnId: string,
	unitId?: string,
): Promise<{ column: FormColumn; total: number; items: CellCase[] }> {
	const column = formColumn(columnId);
	if (!column)
		throw new ValidationError(`unknown column ${columnId}`, [{ path: "query.cell", message: "unknown column" }]);
	if (unitId && !units.rows.some((r) => r.unitId === unitId))
		throw new ValidationError(`unit ${unitId} is not a row of this report`, [
			{ path: "query.unit", message: "not a row of this report" },
		]);
	const all = await factsOf(facts, units, period, { registerNumber: 1, endpointName: 1, citizenName: 1, summary: 1 });
	const items: CellCase[] = [];
	let total = 0;
	for (const f of all.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
		if (unitId && units.rowOf(f.endpointId) !== unitId) continue;
		const counted = contribution(column, f as CaseFact, period.from);
		if (counted === 0) continue;
		total += counted;
		if (items.length < CELL_CASES_LIMIT)
			items.push({
				id: f._id,
				registerNumber: f.registerNumber,
				receivedAt: f.receivedAt.toISOString(),
				endpointName: f.endpointName,
				citizenName: f.citizenName,
				peopleCount: f.peopleCount,
				summary: f.summary,
				counted,
			});
	}
	return { column, total, items };
}
