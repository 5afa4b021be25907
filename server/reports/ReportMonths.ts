import { createHash } from "node:crypto";
import { type Connection, type Model, Schema } from "mongoose";
import { type CaseFact, contribution, FORM_COLUMN_IDS, FORM_COLUMNS } from "../../domain/reportForm.js";
import { reportingMonth, vnDay } from "../../domain/reportPeriods.js";

/**
 * The form pre-aggregated by endpoint × reporting month (docs/records.md, "What FerretDB v1 answers
 * from an index"). FerretDB v1.24 on SQLite uses no index when reading — even `{ _id }` is a scan,
 * done by SQLite over the collection's JSON instead of FerretDB decoding each document — so the cost
 * of a read grows with its collection. Each reporting month therefore has collections of its own:
 *
 * - `reportmonths_<layout>_<YYYY>_<MM>`: one document, one compact text row per endpoint with the
 *   form's columns; a periodic report reads one document per month of its period;
 * - `reportmonthcases_<layout>_<YYYY>_<MM>`: one document per endpoint with its cases' counted facts,
 *   from which the sweeper rebuilds a touched endpoint-month — remove the changed cases, put back
 *   their current facts, recount — so applying the same change twice gives the same documents
 *   (`$inc` would not, and is not atomic on FerretDB).
 */
export interface MonthTotals {
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

interface TotalsDocument {
	_id: "totals";
	/** One row per endpoint, `encodeRow`: few elements to decode, however many endpoints. */
	rows: string[];
}

interface CasesDocument {
	/** The endpoint. */
	_id: string;
	cases: MonthCase[];
}

/** After every fact: an instant no previous visit reaches, so repeat visits count as earlier matters. */
const NEVER = new Date(8.64e15);
const MATTER_COLUMNS = FORM_COLUMNS.map((c) => c.measure === "matters" || c.measure === "matters-repeat");

/** The columns' and the cut-off's fingerprint: collections of another layout are never read. */
function layoutOf(cutoffDay: number): string {
	const columns = createHash("sha256").update(FORM_COLUMN_IDS.join(",")).digest("hex").slice(0, 8);
	return `c${cutoffDay}_${columns}`;
}

/** Counts one endpoint-month from its cases. */
export function monthTotals(endpointId: string, month: string, cases: CaseFact[], cutoffDay: number): MonthTotals {
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
		endpointId,
		month,
		values,
		earlier: [...earlier].sort(([a], [b]) => a.localeCompare(b)).map(([m, v]) => ({ month: m, values: v })),
		trend: [...trend.values()].sort((a, b) => a.month.localeCompare(b.month)),
	};
}

/** `endpointId|values|month:values;…|month:visits:people;…` */
export function encodeRow(t: MonthTotals): string {
	const earlier = t.earlier.map((e) => `${e.month}:${e.values.join(",")}`).join(";");
	const trend = t.trend.map((m) => `${m.month}:${m.visits}:${m.people}`).join(";");
	return [t.endpointId, t.values.join(","), earlier, trend].join("|");
}

export function decodeRow(row: string, month: string): MonthTotals {
	const [endpointId = "", values = "", earlier = "", trend = ""] = row.split("|");
	const numbers = (list: string) => (list ? list.split(",").map(Number) : []);
	const parts = (list: string) => (list ? list.split(";").map((p) => p.split(":")) : []);
	return {
		endpointId,
		month,
		values: numbers(values),
		earlier: parts(earlier).map(([m = "", v = ""]) => ({ month: m, values: numbers(v) })),
		trend: parts(trend).map(([m = "", visits, people]) => ({
			month: m,
			visits: Number(visits),
			people: Number(people),
		})),
	};
}

/** What a reporting period adds to one row, read from its months' documents. */
export interface MonthsRead {
	endpointId: string;
	values: number[];
	trend: MonthTotals["trend"];
}

const TOTALS = "reportmonths_";
const CASES = "reportmonthcases_";

export class ReportMonths {
	readonly cutoffDay: number;
	readonly layout: string;
	readonly #connection: Connection;
	/** Which layouts were built: one tiny document each. */
	readonly #built: Model<{ _id: string; at: Date }>;

	constructor(connection: Connection, cutoffDay: number) {
		this.#connection = connection;
		this.cutoffDay = cutoffDay;
		this.layout = layoutOf(cutoffDay);
		this.#built = (connection.models.ReportMonthsLayout ??
			connection.model(
				"ReportMonthsLayout",
				new Schema(
					{ _id: { type: String, required: true }, at: { type: Date, required: true } },
					{ versionKey: false, collection: "reportmonthslayouts" },
				),
			)) as Model<{ _id: string; at: Date }>;
	}

	async init(): Promise<void> {
		await this.#built.init();
	}

	keyOf(endpointId: string, month: string): string {
		return `${endpointId}|${month}`;
	}

	/** The endpoint-month a case counts in (voided cases count nowhere). */
	keyOfCase(f: Pick<CaseFact, "endpointId" | "receivedAt">): string {
		return this.keyOf(f.endpointId, reportingMonth(f.receivedAt, this.cutoffDay));
	}

	/** Whether this layout was built (recorded last by the full rebuild). */
	async built(): Promise<boolean> {
		return (await this.#built.findById(this.layout).lean()) !== null;
	}

	/**
	 * Rebuilds every touched endpoint-month: drops the `changed` cases from it, puts back those of
	 * `current` that count there, recounts. Idempotent: the result depends only on the facts given.
	 */
	async apply(changed: Iterable<string>, current: readonly MonthCase[], touched: Iterable<string>): Promise<void> {
		const gone = new Set(changed);
		const byKey = new Map<string, MonthCase[]>();
		for (const f of current) {
			const key = this.keyOfCase(f);
			byKey.set(key, [...(byKey.get(key) ?? []), f]);
		}
		const byMonth = new Map<string, Set<string>>();
		for (const key of new Set([...touched, ...byKey.keys()])) {
			const [endpointId = "", month = ""] = key.split("|");
			byMonth.set(month, (byMonth.get(month) ?? new Set()).add(endpointId));
		}
		for (const [month, endpointIds] of byMonth) {
			const cases = this.#cases(month);
			const rows = new Map<string, string | null>();
			for (const endpointId of endpointIds) {
				const stored = (await cases.findOne({ _id: endpointId }))?.cases ?? [];
				const kept = stored.filter((c) => !gone.has(c._id)).map(revive);
				const all = [...kept, ...(byKey.get(this.keyOf(endpointId, month)) ?? [])];
				if (all.length === 0) {
					await cases.deleteOne({ _id: endpointId });
					rows.set(endpointId, null);
					continue;
				}
				all.sort((a, b) => a._id.localeCompare(b._id));
				await cases.replaceOne({ _id: endpointId }, { cases: all }, { upsert: true });
				rows.set(endpointId, encodeRow(monthTotals(endpointId, month, all, this.cutoffDay)));
			}
			await this.#writeRows(month, rows);
		}
	}

	/** Everything from scratch, from the given facts (all of `reportcases`): a new layout or a repair. */
	async rebuild(all: readonly MonthCase[]): Promise<number> {
		await this.#built.deleteMany({});
		for (const name of await this.#collections((n) => n.startsWith(TOTALS) || n.startsWith(CASES)))
			await this.#db().dropCollection(name);
		const byMonth = new Map<string, Map<string, MonthCase[]>>();
		for (const f of all) {
			const month = reportingMonth(f.receivedAt, this.cutoffDay);
			const endpoints = byMonth.get(month) ?? new Map<string, MonthCase[]>();
			endpoints.set(f.endpointId, [...(endpoints.get(f.endpointId) ?? []), f]);
			byMonth.set(month, endpoints);
		}
		let written = 0;
		for (const [month, endpoints] of byMonth) {
			const docs = [...endpoints].map(([endpointId, cases]) => ({
				_id: endpointId,
				cases: cases.sort((a, b) => a._id.localeCompare(b._id)),
			}));
			await this.#cases(month).insertMany(docs, { ordered: false });
			const rows = docs.map((d) => encodeRow(monthTotals(d._id, month, d.cases, this.cutoffDay)));
			await this.#totals(month).insertOne({ _id: "totals", rows: rows.sort() });
			written += docs.length;
		}
		await this.#built.replaceOne({ _id: this.layout }, { _id: this.layout, at: new Date() }, { upsert: true });
		return written;
	}

	/**
	 * These endpoints' figures in these reporting months, each decided for a period that starts with
	 * `months[0]`: an earlier visit in the period makes a visit no new matter.
	 */
	async read(endpointIds: readonly string[], months: readonly string[]): Promise<MonthTotals[]> {
		const wanted = new Set(endpointIds);
		const first = months[0] ?? "";
		const docs = await Promise.all(months.map((m) => this.#totals(m).find({}).toArray()));
		const out: MonthTotals[] = [];
		for (const [i, month] of months.entries()) {
			for (const row of docs[i]?.[0]?.rows ?? []) {
				if (!wanted.has(row.slice(0, row.indexOf("|")))) continue;
				const t = decodeRow(row, month);
				for (const e of t.earlier)
					if (e.month >= first) for (const [c, n] of e.values.entries()) t.values[c] = (t.values[c] ?? 0) - n;
				out.push(t);
			}
		}
		return out;
	}

	/** Every month's rows of this layout, by month (tests compare a rebuild with what the sweeps kept). */
	async snapshot(): Promise<Record<string, string[]>> {
		const prefix = `${TOTALS}${this.layout}_`;
		const out: Record<string, string[]> = {};
		for (const name of (await this.#collections((n) => n.startsWith(prefix))).sort()) {
			const doc = await this.#db().collection<TotalsDocument>(name).findOne({});
			if (doc) out[name] = doc.rows;
		}
		return out;
	}

	async #writeRows(month: string, rows: Map<string, string | null>): Promise<void> {
		const totals = this.#totals(month);
		const stored = (await totals.find({}).toArray())[0]?.rows ?? [];
		const byEndpoint = new Map(stored.map((r) => [r.slice(0, r.indexOf("|")), r]));
		for (const [endpointId, row] of rows) {
			if (row) byEndpoint.set(endpointId, row);
			else byEndpoint.delete(endpointId);
		}
		if (byEndpoint.size === 0) await totals.deleteOne({ _id: "totals" });
		else await totals.replaceOne({ _id: "totals" }, { rows: [...byEndpoint.values()].sort() }, { upsert: true });
	}

	#db() {
		const db = this.#connection.db;
		if (!db) throw new Error("the database is not connected");
		return db;
	}

	#name(prefix: string, month: string): string {
		return `${prefix}${this.layout}_${month.replace("-", "_")}`;
	}

	#totals(month: string) {
		return this.#db().collection<TotalsDocument>(this.#name(TOTALS, month));
	}

	#cases(month: string) {
		return this.#db().collection<CasesDocument>(this.#name(CASES, month));
	}

	async #collections(match: (name: string) => boolean): Promise<string[]> {
		const all = await this.#db().listCollections({}, { nameOnly: true }).toArray();
		return all.map((c) => c.name).filter(match);
	}
}

/** Dates come back as Dates on MongoDB and FerretDB alike; strings are revived for safety. */
function revive(c: MonthCase): MonthCase {
	return {
		...c,
		receivedAt: new Date(c.receivedAt),
		lastPreviousVisitAt: c.lastPreviousVisitAt ? new Date(c.lastPreviousVisitAt) : null,
	};
}
