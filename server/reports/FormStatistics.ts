import type { CellCase, FormResult, FormRow } from "../../domain/api/reports.js";
import { ValidationError } from "../../domain/errors.js";
import { type CaseFact, contribution, FORM_COLUMNS, type FormColumn, formColumn } from "../../domain/reportForm.js";
import { monthsIn, type Period, vnDay } from "../../domain/reportPeriods.js";
import { COUNTED_FIELDS, LISTED_FIELDS, type ReportCase, type ReportFacts } from "./ReportFacts.js";
import { byReceipt, type MonthCase, monthCase } from "./ReportMonths.js";
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
 * Where the figures come from: `months`, the month collections (the totals rows of the reporting
 * months the period covers whole, the cases of those it cuts; docs/reports.md), or `scan`, every
 * case of the period in the case facts (the tests' oracle and the bench's baseline). `auto` is `months`.
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

async function tallyMonths(facts: ReportFacts, units: UnitMap, period: Period, tally: FormTally): Promise<void> {
	const { whole, edges } = facts.months.monthsOf(period.from, period.to);
	for (const m of await facts.months.read(units.endpointIds, whole, vnDay(period.from))) {
		if (!tally.add(m.endpointId, (i) => m.values[i] ?? 0)) continue;
		for (const t of m.trend) tally.addTrend(t.month, t.visits, t.people);
	}
	const cut = await Promise.all(edges.map((month) => facts.months.cases(units.endpointIds, month)));
	for (const f of cut.flat()) {
		if (!within(f, period)) continue;
		const column = (i: number) => contribution(FORM_COLUMNS[i] as FormColumn, f, period.from);
		if (tally.add(f.endpointId, column)) tally.addTrend(vnDay(f.receivedAt).slice(0, 7), 1, f.peopleCount);
	}
}

function within(f: CaseFact, period: Period): boolean {
	const t = f.receivedAt.getTime();
	return t >= period.from.getTime() && t < period.to.getTime();
}

/** Every cell of the form over the scope and period (docs/reports.md). */
export async function formStatistics(
	facts: ReportFacts,
	units: UnitMap,
	period: Period,
	source: FormSource = "auto",
): Promise<FormResult> {
	const tally = new FormTally(units, period);
	if (source === "scan") await tallyScan(facts, units, period, tally);
	else await tallyMonths(facts, units, period, tally);
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
	source: FormSource = "auto",
): Promise<{ column: FormColumn; total: number; items: CellCase[] }> {
	const column = formColumn(columnId);
	if (!column)
		throw new ValidationError(`unknown column ${columnId}`, [{ path: "query.cell", message: "unknown column" }]);
	if (unitId && !units.rows.some((r) => r.unitId === unitId))
		throw new ValidationError(`unit ${unitId} is not a row of this report`, [
			{ path: "query.unit", message: "not a row of this report" },
		]);
	const inRow = (f: CaseFact) =>
		unitId ? units.rowOf(f.endpointId) === unitId : units.rowOf(f.endpointId) !== undefined;
	const listed = (f: MonthCase) => {
		const counted = inRow(f) ? contribution(column, f, period.from) : 0;
		return counted === 0 ? [] : [listItem(f, counted)];
	};
	if (source === "scan") {
		const all = (await factsOf(facts, units, period, LISTED_FIELDS)).map(monthCase).sort(byReceipt);
		const counted = all.flatMap(listed);
		return { column, total: counted.reduce((n, c) => n + c.counted, 0), items: counted.slice(0, CELL_CASES_LIMIT) };
	}
	// The figure: the rows of the months the period covers whole, and the cases of those it cuts.
	const index = FORM_COLUMNS.indexOf(column);
	const endpointIds = units.endpointIds.filter((id) => !unitId || units.rowOf(id) === unitId);
	const { whole, edges, all } = facts.months.monthsOf(period.from, period.to);
	// Only the endpoint-months whose row counts the column (never less than their cases add to it) are read.
	const holding = new Map<string, string[]>();
	let total = 0;
	for (const m of await facts.months.read(endpointIds, all, vnDay(period.from))) {
		const n = m.values[index] ?? 0;
		if (n === 0) continue;
		holding.set(m.month, [...(holding.get(m.month) ?? []), m.endpointId]);
		if (whole.includes(m.month)) total += n;
	}
	const listedIn = (cases: MonthCase[]) => cases.flatMap((f) => (within(f, period) ? listed(f) : []));
	const cut = new Map(
		await Promise.all(
			edges.map(async (m) => [m, listedIn(await facts.months.cases(holding.get(m) ?? [], m))] as const),
		),
	);
	for (const items of cut.values()) total += items.reduce((n, c) => n + c.counted, 0);
	// The list: months in time order, read 1, 2, 4, … at once; a common figure's is full after the first.
	const items: CellCase[] = [];
	for (let at = 0, batch = 1; at < all.length && items.length < CELL_CASES_LIMIT; at += batch, batch *= 2) {
		const read = all
			.slice(at, at + batch)
			.map(async (m) => cut.get(m) ?? listedIn(await facts.months.cases(holding.get(m) ?? [], m)));
		for (const listedThere of await Promise.all(read)) items.push(...listedThere);
	}
	return { column, total, items: items.slice(0, CELL_CASES_LIMIT) };
}

/** One case of the list behind a figure. */
function listItem(f: MonthCase, counted: number): CellCase {
	return {
		id: f._id,
		registerNumber: f.registerNumber,
		receivedAt: f.receivedAt.toISOString(),
		endpointName: f.endpointName,
		citizenName: f.citizenName,
		peopleCount: f.peopleCount,
		summary: f.summary,
		counted,
	};
}
