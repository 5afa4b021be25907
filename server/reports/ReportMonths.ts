import { createHash } from "node:crypto";
import { type Connection, type Model, Schema } from "mongoose";
import { type CaseFact, contribution, FORM_COLUMN_IDS, FORM_COLUMNS } from "../../domain/reportForm.js";
import { reportingMonth, vnDay } from "../../domain/reportPeriods.js";
import { byIds } from "./byIds.js";

/**
 * The form pre-aggregated: one document per endpoint × reporting month (docs/records.md,
 * "Statistics"). FerretDB v1 on SQLite pushes a filter down only when it is `{ _id: … }` alone,
 * so a periodic report reads these by `_id` (endpoints × months point reads) instead of decoding
 * every case of the `reportcases` projection.
 *
 * Each month keeps its cases' facts in a second document (`reportmonthcases`, same `_id`): a
 * touched month is rebuilt from them — remove the changed cases, put back their current facts,
 * recount — so applying the same change twice gives the same document (`$inc` would not, and is
 * not atomic on FerretDB).
 */
export interface MonthTotals {
	_id: string;
	endpointId: string;
	month: string;
	/** Every column counted "as if a matter" (a repeat visit counts as an earlier matter). */
	values: number[];
	/**
	 * The matter columns of the cases whose previous visit fell in `month`: a period starting at or
	 * before that month takes them back out (the earlier visit is in the period: not a new matter).
	 */
	earlier: { month: string; values: number[] }[];
	/** Visits and people by calendar month, for the trend. */
	trend: { month: string; visits: number; people: number }[];
}

export type MonthCase = CaseFact & { _id: string };

/** What a month document keeps of a case: the counted fields only. */
export function monthCase(f: MonthCase): MonthCase {
	const { entityId, receivedAt, endpointId, receptionKind, peopleCount, manyPeople, lastPreviousVisitAt } = f;
	const { contentType, field, fieldGroup, resolutionStage } = f;
	return {
		_id: f._id,
		...{ entityId, receivedAt, endpointId, receptionKind, peopleCount, manyPeople, lastPreviousVisitAt },
		...{ contentType, field, fieldGroup, resolutionStage },
	};
}

interface MonthCases {
	_id: string;
	cases: MonthCase[];
}

/** After every fact: an instant no previous visit reaches, so repeat visits count as earlier matters. */
const NEVER = new Date(8.64e15);
const MATTER_COLUMNS = FORM_COLUMNS.map((c) => c.measure === "matters" || c.measure === "matters-repeat");

/** The columns' and the cut-off's fingerprint: documents of another layout are never read. */
function layoutOf(cutoffDay: number): string {
	const columns = createHash("sha256").update(FORM_COLUMN_IDS.join(",")).digest("hex").slice(0, 8);
	return `c${cutoffDay}.${columns}`;
}

const totalsSchema = new Schema(
	{
		_id: { type: String, required: true },
		endpointId: { type: String, required: true },
		month: { type: String, required: true },
		values: { type: [Number], default: [] },
		earlier: { type: [{ _id: false, month: String, values: [Number] }], default: [] },
		trend: { type: [{ _id: false, month: String, visits: Number, people: Number }], default: [] },
	},
	{ versionKey: false, collection: "reportmonths" },
);

const casesSchema = new Schema(
	{ _id: { type: String, required: true }, cases: { type: [Schema.Types.Mixed], default: [] } },
	{ versionKey: false, collection: "reportmonthcases" },
);

/** Counts one endpoint-month from its cases. */
export function monthTotals(key: string, endpointId: string, month: string, cases: CaseFact[], cutoffDay: number) {
	const zeros = () => FORM_COLUMNS.map(() => 0);
	const values = zeros();
	const earlier = new Map<string, number[]>();
	const trend = new Map<string, { month: string; visits: number; people: number }>();
	for (const f of cases) {
		const prev = f.lastPreviousVisitAt ? reportingMonth(f.lastPreviousVisitAt, cutoffDay) : null;
		const back = prev ? (earlier.get(prev) ?? zeros()) : null;
		if (prev && back) earlier.set(prev, back);
		for (const [i, column] of FORM_COLUMNS.entries()) {
			const n = contribution(column, f, NEVER);
			values[i] = (values[i] ?? 0) + n;
			if (back && MATTER_COLUMNS[i]) back[i] = (back[i] ?? 0) + n;
		}
		const calendar = vnDay(f.receivedAt).slice(0, 7);
		const t = trend.get(calendar) ?? { month: calendar, visits: 0, people: 0 };
		t.visits += 1;
		t.people += f.peopleCount;
		trend.set(calendar, t);
	}
	return {
		_id: key,
		endpointId,
		month,
		values,
		earlier: [...earlier].sort(([a], [b]) => a.localeCompare(b)).map(([m, v]) => ({ month: m, values: v })),
		trend: [...trend.values()].sort((a, b) => a.month.localeCompare(b.month)),
	} satisfies MonthTotals;
}

/** What a reporting period adds to one row, read from its months' documents. */
export interface MonthsRead {
	endpointId: string;
	values: number[];
	trend: MonthTotals["trend"];
}

export class ReportMonths {
	readonly totals: Model<MonthTotals>;
	readonly cases: Model<MonthCases>;
	readonly cutoffDay: number;
	readonly layout: string;

	constructor(connection: Connection, cutoffDay: number) {
		this.totals = (connection.models.ReportMonth ??
			connection.model("ReportMonth", totalsSchema)) as Model<MonthTotals>;
		this.cases = (connection.models.ReportMonthCases ??
			connection.model("ReportMonthCases", casesSchema)) as Model<MonthCases>;
		this.cutoffDay = cutoffDay;
		this.layout = layoutOf(cutoffDay);
	}

	async init(): Promise<void> {
		await this.totals.init();
		await this.cases.init();
	}

	keyOf(endpointId: string, month: string): string {
		return `${this.layout}|${endpointId}|${month}`;
	}

	/** The month document a case counts in (voided cases count nowhere). */
	keyOfCase(f: Pick<CaseFact, "endpointId" | "receivedAt">): string {
		return this.keyOf(f.endpointId, reportingMonth(f.receivedAt, this.cutoffDay));
	}

	/** Whether this layout was built (the marker the full rebuild leaves last). */
	async built(): Promise<boolean> {
		return (await this.totals.findById(this.#marker()).lean()) !== null;
	}

	/**
	 * Rebuilds every touched month: drops the `changed` cases from it, puts back those of `current`
	 * that count there, recounts. Idempotent: the result depends only on the facts given.
	 */
	async apply(changed: Iterable<string>, current: readonly MonthCase[], touched: Iterable<string>): Promise<void> {
		const gone = new Set(changed);
		const byKey = new Map<string, MonthCase[]>();
		for (const f of current) {
			const key = this.keyOfCase(f);
			byKey.set(key, [...(byKey.get(key) ?? []), f]);
		}
		const keys = [...new Set([...touched, ...byKey.keys()])];
		const stored = new Map((await byIds(this.cases, keys)).map((d) => [d._id, d.cases]));
		for (const key of keys) {
			const kept = (stored.get(key) ?? []).filter((c) => !gone.has(c._id)).map(revive);
			await this.#write(key, [...kept, ...(byKey.get(key) ?? [])]);
		}
	}

	/** Everything from scratch, from the given facts (all of `reportcases`): a new layout or a repair. */
	async rebuild(all: readonly MonthCase[]): Promise<number> {
		await this.totals.deleteMany({});
		await this.cases.deleteMany({});
		const byKey = new Map<string, MonthCase[]>();
		for (const f of all) byKey.set(this.keyOfCase(f), [...(byKey.get(this.keyOfCase(f)) ?? []), f]);
		for (const [key, cases] of byKey) await this.#write(key, cases);
		await this.totals.replaceOne(
			{ _id: this.#marker() },
			{ _id: this.#marker(), endpointId: "", month: "", values: [], earlier: [], trend: [] },
			{ upsert: true },
		);
		return byKey.size;
	}

	/**
	 * The documents of these endpoints in these reporting months, each decided for a period that
	 * starts with `months[0]`: an earlier visit in the period makes a visit no new matter.
	 */
	async read(endpointIds: readonly string[], months: readonly string[]): Promise<MonthsRead[]> {
		const first = months[0] ?? "";
		const keys = endpointIds.flatMap((e) => months.map((m) => this.keyOf(e, m)));
		return (await byIds(this.totals, keys)).map((doc) => {
			const values = [...doc.values];
			for (const e of doc.earlier)
				if (e.month >= first) for (const [c, n] of e.values.entries()) values[c] = (values[c] ?? 0) - n;
			return { endpointId: doc.endpointId, values, trend: doc.trend };
		});
	}

	async #write(key: string, cases: MonthCase[]): Promise<void> {
		const [, endpointId = "", month = ""] = key.split("|");
		if (cases.length === 0) {
			await this.totals.deleteOne({ _id: key });
			await this.cases.deleteOne({ _id: key });
			return;
		}
		cases.sort((a, b) => a._id.localeCompare(b._id));
		await this.cases.replaceOne({ _id: key }, { _id: key, cases }, { upsert: true });
		await this.totals.replaceOne({ _id: key }, monthTotals(key, endpointId, month, cases, this.cutoffDay), {
			upsert: true,
		});
	}

	#marker(): string {
		return `${this.layout}|built`;
	}
}

/** Dates come back from a Mixed array as Dates on MongoDB and FerretDB alike; strings are revived for safety. */
function revive(c: MonthCase): MonthCase {
	return {
		...c,
		receivedAt: new Date(c.receivedAt),
		lastPreviousVisitAt: c.lastPreviousVisitAt ? new Date(c.lastPreviousVisitAt) : null,
	};
}
