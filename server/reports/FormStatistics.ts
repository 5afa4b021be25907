import type { CellCase, FormResult, FormRow } from "../../domain/api/reports.js";
import { ValidationError } from "../../domain/errors.js";
import { type CaseFact, contribution, FORM_COLUMNS, type FormColumn, formColumn } from "../../domain/reportForm.js";
import { monthsIn, type Period, vnDay } from "../../domain/reportPeriods.js";
import type { ReportCase, ReportFacts } from "./ReportFacts.js";
import type { UnitMap } from "./UnitMap.js";

export type { CellCase, FormResult, FormRow };

const FACT_FIELDS = {
	entityId: 1,
	receivedAt: 1,
	endpointId: 1,
	receptionKind: 1,
	peopleCount: 1,
	manyPeople: 1,
	lastPreviousVisitAt: 1,
	contentType: 1,
	field: 1,
	fieldGroup: 1,
	resolutionStage: 1,
} as const;

async function factsOf(facts: ReportFacts, units: UnitMap, period: Period, extra: Record<string, number> = {}) {
	const inScope = units.root.level === "central" ? {} : { endpointId: { $in: units.endpointIds } };
	return facts.model
		.find(
			{ ...inScope, receivedAt: { $gte: period.from, $lt: period.to }, voided: false },
			{ ...FACT_FIELDS, ...extra },
		)
		.lean<ReportCase[]>();
}

/** Every cell of the form: one pass over the period's cases of the scope (docs/reports.md). */
export async function formStatistics(facts: ReportFacts, units: UnitMap, period: Period): Promise<FormResult> {
	const rows: FormRow[] = units.rows.map((r) => ({ ...r, values: FORM_COLUMNS.map(() => 0) }));
	const rowIndex = new Map(rows.map((r, i) => [r.unitId, i]));
	const months = monthsIn(period);
	const trend = { months, visits: months.map(() => 0), people: months.map(() => 0) };
	for (const f of await factsOf(facts, units, period)) {
		const row = rows[rowIndex.get(units.rowOf(f.endpointId) ?? "") ?? -1];
		if (!row) continue;
		for (const [i, column] of FORM_COLUMNS.entries())
			row.values[i] = (row.values[i] ?? 0) + contribution(column, f, period.from);
		const m = months.indexOf(vnDay(f.receivedAt).slice(0, 7));
		if (m >= 0) {
			trend.visits[m] = (trend.visits[m] ?? 0) + 1;
			trend.people[m] = (trend.people[m] ?? 0) + f.peopleCount;
		}
	}
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
