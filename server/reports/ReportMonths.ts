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
 *   form's columns; a periodic report reads one document per month of its period, a custom range
 *   those of the months it covers whole;
 * - `reportmonthcases_<layout>_<YYYY>_<MM>`: one document per endpoint with its cases of the month
 *   as text lines (counted fields and a list line's text: a few elements to decode, however many
 *   cases). The cases behind a figure and the months a custom range cuts are read from them, and
 *   the sweeper rebuilds a touched endpoint-month from them — remove the changed cases, put back
 *   their current facts, recount — so applying the same change twice gives the same documents
 *   (`$inc` would not, and is not atomic on FerretDB).
 */
export interface MonthTotals {
	endpointId: string;
	month: string;
	/** Every column counted "as if a matter" (a repeat visit counts as an earlier matter). */
	values: number[];
	/**
	 * The matter columns of the cases whose previous visit fell on `day` (Vietnam's `YYYY-MM-DD`): a
	 * period starting on or before that day takes them back out (the earlier visit is in the period:
	 * not a new matter). By day, so any range of whole days can use the month (a custom range too).
	 */
	earlier: { day: string; values: number[] }[];
	/** Visits and people by calendar month, for the trend. */
	trend: { month: string; visits: number; people: number }[];
}

/** What a month keeps of a case: the counted fields, and what a list of cases shows of it. */
export type MonthCase = CaseFact & { _id: string } & Record<(typeof LISTED)[number], string>;

const LISTED = ["registerNumber", "endpointName", "citizenName", "summary"] as const;
/** A list line's summary: the case's page has the rest. */
export const LIST_SUMMARY_CHARS = 120;

/** Free text as one list line: no tabs or line breaks (they separate fields and cases). */
function line(text: string, max = 200): string {
	return text.replace(/\s+/g, " ").trim().slice(0, max);
}

/** What a month document keeps of a case (a list line's text already shortened). */
export function monthCase(f: MonthCase): MonthCase {
	const { entityId, receivedAt, endpointId, receptionKind, peopleCount, manyPeople, lastPreviousVisitAt } = f;
	const { contentType, field, fieldGroup, resolutionStage } = f;
	return {
		_id: f._id,
		...{ entityId, receivedAt, endpointId, receptionKind, peopleCount, manyPeople, lastPreviousVisitAt },
		...{ contentType, field, fieldGroup, resolutionStage },
		registerNumber: line(f.registerNumber ?? ""),
		endpointName: line(f.endpointName ?? ""),
		citizenName: line(f.citizenName ?? ""),
		summary: line(f.summary ?? "", LIST_SUMMARY_CHARS),
	};
}

/**
 * One case as one tab-separated line; the endpoint is the document's. `id receivedAt kind people
 * group previous content field fieldGroup stage registerNumber endpointName citizenName summary`.
 */
export function encodeCase(c: MonthCase): string {
	return [
		c._id,
		c.receivedAt.getTime(),
		c.receptionKind === "leaders" ? "l" : "r",
		c.peopleCount,
		c.manyPeople ? 1 : 0,
		c.lastPreviousVisitAt?.getTime() ?? "",
		c.contentType,
		c.field,
		c.fieldGroup,
		c.resolutionStage,
		...LISTED.map((k) => c[k]),
	].join("\t");
}

export function decodeCase(text: string, endpointId: string): MonthCase {
	const [id = "", at, kind, people, group, previous, contentType, field, fieldGroup, stage, ...listed] =
		text.split("\t");
	const [registerNumber = "", endpointName = "", citizenName = "", summary = ""] = listed;
	return {
		_id: id,
		entityId: id,
		receivedAt: new Date(Number(at)),
		endpointId,
		receptionKind: kind === "l" ? "leaders" : "regular",
		peopleCount: Number(people),
		manyPeople: group === "1",
		lastPreviousVisitAt: previous ? new Date(Number(previous)) : null,
		contentType: contentType as CaseFact["contentType"],
		field: field ?? "",
		fieldGroup: fieldGroup ?? "",
		resolutionStage: stage as CaseFact["resolutionStage"],
		...{ registerNumber, endpointName, citizenName, summary },
	};
}

/** Cases in time order (then by id: the order of a list behind a figure). */
export function byReceipt(a: MonthCase, b: MonthCase): number {
	return a.receivedAt.getTime() - b.receivedAt.getTime() || a._id.localeCompare(b._id);
}

interface TotalsDocument {
	_id: "totals";
	/** One row per endpoint, `encodeRow`: few elements to decode, however many endpoints. */
	rows: string[];
}

/** Lines per element of a cases document: a few elements to decode per endpoint-month. */
const CASES_PER_CHUNK = 256;

interface CasesDocument {
	/** The endpoint. */
	_id: string;
	/** Its cases of the month in time order, `encodeCase` lines joined by line breaks, 256 a chunk. */
	cases: string[];
}

/** After every fact: an instant no previous visit reaches, so repeat visits count as earlier matters. */
const NEVER = new Date(8.64e15);
const MATTER_COLUMNS = FORM_COLUMNS.map((c) => c.measure === "matters" || c.measure === "matters-repeat");
/** The stored format (rows, case lines): a new one is a new layout, rebuilt, never misread. */
const FORMAT = "3";

/** The columns', the cut-off's and the format's fingerprint: collections of another layout are never read. */
function layoutOf(cutoffDay: number): string {
	const columns = createHash("sha256")
		.update(`${FORMAT}:${FORM_COLUMN_IDS.join(",")}`)
		.digest("hex")
		.slice(0, 8);
	return `c${cutoffDay}_${columns}`;
}

/** Counts one endpoint-month from its cases. */
export function monthTotals(endpointId: string, month: string, cases: CaseFact[]): MonthTotals {
	const zeros = () => FORM_COLUMNS.map(() => 0);
	const values = zeros();
	const earlier = new Map<string, number[]>();
	const trend = new Map<string, { month: string; visits: number; people: number }>();
	for (const f of cases) {
		const prev = f.lastPreviousVisitAt ? vnDay(f.lastPreviousVisitAt) : null;
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
		earlier: [...earlier].sort(([a], [b]) => a.localeCompare(b)).map(([day, v]) => ({ day, values: v })),
		trend: [...trend.values()].sort((a, b) => a.month.localeCompare(b.month)),
	};
}

/** `endpointId|values|day:column.n,column.n;…|month:visits:people;…` (earlier matters sparse: few per day). */
export function encodeRow(t: MonthTotals): string {
	const sparse = (values: number[]) => values.flatMap((n, i) => (n === 0 ? [] : [`${i}.${n}`])).join(",");
	const earlier = t.earlier.map((e) => `${e.day}:${sparse(e.values)}`).join(";");
	const trend = t.trend.map((m) => `${m.month}:${m.visits}:${m.people}`).join(";");
	return [t.endpointId, t.values.join(","), earlier, trend].join("|");
}

export function decodeRow(row: string, month: string): MonthTotals {
	const [endpointId = "", values = "", earlier = "", trend = ""] = row.split("|");
	const numbers = (list: string) => (list ? list.split(",").map(Number) : []);
	const dense = (list: string) => {
		const out = FORM_COLUMNS.map(() => 0);
		for (const pair of list ? list.split(",") : []) {
			const [i = "", n = ""] = pair.split(".");
			out[Number(i)] = Number(n);
		}
		return out;
	};
	const parts = (list: string) => (list ? list.split(";").map((p) => p.split(":")) : []);
	return {
		endpointId,
		month,
		values: numbers(values),
		earlier: parts(earlier).map(([day = "", v = ""]) => ({ day, values: dense(v) })),
		trend: parts(trend).map(([m = "", visits, people]) => ({
			month: m,
			visits: Number(visits),
			people: Number(people),
		})),
	};
}

const TOTALS = "reportmonths_";
const CASES = "reportmonthcases_";

/** How a range of whole days falls on reporting months: those it covers whole, and those it cuts. */
export interface MonthsOfRange {
	/** Reporting months inside the range: their totals rows answer. */
	whole: string[];
	/** Reporting months the range starts or ends in: their cases answer. */
	edges: string[];
	/** Every month the range touches, in time order. */
	all: string[];
}

/** How the month-case documents are read: one `{ _id }` read per endpoint, or the month's whole collection. */
export type CaseReads = "by-endpoint" | "collection";

export class ReportMonths {
	readonly cutoffDay: number;
	readonly layout: string;
	/** `auto`: by endpoint unless they are very many (`BY_ENDPOINT_MAX`); the bench compares both. */
	caseReads: CaseReads | "auto" = "auto";
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
	 * The reporting months of [from, to). A range that does not start at a day's start in Vietnam
	 * has no whole month: the rows' earlier matters are kept by day.
	 */
	monthsOf(from: Date, to: Date): MonthsOfRange {
		const out: MonthsOfRange = { whole: [], edges: [], all: [] };
		const byDay = (from.getTime() + VN_OFFSET_MS) % DAY_MS === 0;
		const last = reportingMonth(new Date(to.getTime() - 1), this.cutoffDay);
		for (let month = reportingMonth(from, this.cutoffDay); month <= last; month = nextMonth(month)) {
			const span = monthSpan(month, this.cutoffDay);
			const inside = byDay && span.from >= from.getTime() && span.to <= to.getTime();
			(inside ? out.whole : out.edges).push(month);
			out.all.push(month);
		}
		return out;
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
			byKey.set(key, [...(byKey.get(key) ?? []), monthCase(f)]);
		}
		const byMonth = new Map<string, Set<string>>();
		for (const key of new Set([...touched, ...byKey.keys()])) {
			const [endpointId = "", month = ""] = key.split("|");
			byMonth.set(month, (byMonth.get(month) ?? new Set()).add(endpointId));
		}
		for (const [month, endpointIds] of byMonth) {
			const rows = new Map<string, string | null>();
			for (const endpointId of endpointIds) {
				const collection = this.#cases(month, endpointId);
				const stored = await collection.findOne({ _id: endpointId });
				const kept = stored ? casesOf(stored).filter((c) => !gone.has(c._id)) : [];
				const all = [...kept, ...(byKey.get(this.keyOf(endpointId, month)) ?? [])];
				if (all.length === 0) {
					await collection.deleteOne({ _id: endpointId });
					rows.set(endpointId, null);
					continue;
				}
				await collection.replaceOne({ _id: endpointId }, casesDocument(endpointId, all), { upsert: true });
				rows.set(endpointId, encodeRow(monthTotals(endpointId, month, all)));
			}
			await this.#writeRows(month, rows);
		}
	}

	/** Everything from scratch, from the given facts (all of them): a new layout or a repair. */
	async rebuild(all: readonly MonthCase[]): Promise<number> {
		await this.#built.deleteMany({});
		for (const name of await this.#collections((n) => n.startsWith(TOTALS) || n.startsWith(CASES)))
			await this.#db().dropCollection(name);
		const byMonth = new Map<string, Map<string, MonthCase[]>>();
		for (const f of all) {
			const month = reportingMonth(f.receivedAt, this.cutoffDay);
			const endpoints = byMonth.get(month) ?? new Map<string, MonthCase[]>();
			const cases = endpoints.get(f.endpointId) ?? [];
			cases.push(monthCase(f));
			endpoints.set(f.endpointId, cases);
			byMonth.set(month, endpoints);
		}
		let written = 0;
		for (const [month, endpoints] of byMonth) {
			const docs = [...endpoints].map(([endpointId, cases]) => casesDocument(endpointId, cases));
			for (const [name, part] of groupBy(docs, (d) => this.#casesName(month, d._id)))
				await this.#db().collection<CasesDocument>(name).insertMany(part, { ordered: false });
			const rows = [...endpoints].map(([endpointId, cases]) => encodeRow(monthTotals(endpointId, month, cases)));
			await this.#totals(month).insertOne({ _id: "totals", rows: rows.sort() });
			written += docs.length;
		}
		await this.#built.replaceOne({ _id: this.layout }, { _id: this.layout, at: new Date() }, { upsert: true });
		return written;
	}

	/**
	 * These endpoints' figures in these reporting months (whole months of a period), each decided for
	 * a period that starts on `fromDay` (`YYYY-MM-DD`): an earlier visit in the period makes a visit
	 * no new matter.
	 */
	async read(endpointIds: readonly string[], months: readonly string[], fromDay: string): Promise<MonthTotals[]> {
		const wanted = new Set(endpointIds);
		const docs = await Promise.all(months.map((m) => this.#totals(m).find({}).toArray()));
		const out: MonthTotals[] = [];
		for (const [i, month] of months.entries()) {
			for (const row of docs[i]?.[0]?.rows ?? []) {
				if (!wanted.has(row.slice(0, row.indexOf("|")))) continue;
				const t = decodeRow(row, month);
				for (const e of t.earlier)
					if (e.day >= fromDay) for (const [c, n] of e.values.entries()) t.values[c] = (t.values[c] ?? 0) - n;
				out.push(t);
			}
		}
		return out;
	}

	/** These endpoints' cases of one reporting month, in time order. */
	async cases(endpointIds: readonly string[], month: string): Promise<MonthCase[]> {
		if (endpointIds.length === 0) return [];
		const how =
			this.caseReads === "auto"
				? endpointIds.length <= BY_ENDPOINT_MAX
					? "by-endpoint"
					: "collection"
				: this.caseReads;
		const docs: CasesDocument[] = [];
		if (how === "collection") {
			const wanted = new Set(endpointIds);
			const parts = [...groupBy(endpointIds, (id) => this.#casesName(month, id)).keys()];
			const found = await Promise.all(
				parts.map((name) => this.#db().collection<CasesDocument>(name).find({}).toArray()),
			);
			for (const d of found.flat()) if (wanted.has(d._id)) docs.push(d);
		} else {
			for (let i = 0; i < endpointIds.length; i += READS_IN_FLIGHT) {
				const found = await Promise.all(
					endpointIds.slice(i, i + READS_IN_FLIGHT).map((_id) => this.#cases(month, _id).findOne({ _id })),
				);
				for (const d of found) if (d) docs.push(d);
			}
		}
		return docs.flatMap(casesOf).sort(byReceipt);
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

	/** An endpoint-month's cases document lives in one of the month's `CASE_PARTS` collections, by the endpoint. */
	#casesName(month: string, endpointId: string): string {
		const part = createHash("sha256").update(endpointId).digest().readUInt16BE(0) % CASE_PARTS;
		return `${this.#name(CASES, month)}_${part}`;
	}

	#cases(month: string, endpointId: string) {
		return this.#db().collection<CasesDocument>(this.#casesName(month, endpointId));
	}

	async #collections(match: (name: string) => boolean): Promise<string[]> {
		const all = await this.#db().listCollections({}, { nameOnly: true }).toArray();
		return all.map((c) => c.name).filter(match);
	}
}

/**
 * Collections per month for its cases: a `{ _id }` read is SQLite scanning one collection's JSON
 * (no index is used), so it costs what a part holds, not what the whole month holds.
 */
const CASE_PARTS = 32;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = out.get(k);
		if (list) list.push(item);
		else out.set(k, [item]);
	}
	return out;
}

/** At most this many `{ _id }` reads in flight at once. */
const READS_IN_FLIGHT = 16;
/**
 * Up to this many endpoints, one `{ _id }` read each; more: the month's parts read whole. Measured
 * (docs/performance.md): SQLite's scan of a part for `{ _id }` costs about a hundredth of what
 * FerretDB's decoding of the same bytes does, so reads by endpoint win until thousands of them.
 */
const BY_ENDPOINT_MAX = 1024;

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** A reporting month's instants [from, to), as `resolvePeriod` cuts a month (any year). */
function monthSpan(month: string, cutoffDay: number): { from: number; to: number } {
	const [y = 0, m = 0] = month.split("-").map(Number);
	const shift = cutoffDay === 1 ? 0 : 1;
	return {
		from: Date.UTC(y, m - 1 - shift, cutoffDay) - VN_OFFSET_MS,
		to: Date.UTC(y, m - shift, cutoffDay) - VN_OFFSET_MS,
	};
}

function nextMonth(month: string): string {
	const [y = 0, m = 0] = month.split("-").map(Number);
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** An endpoint-month's document: its cases in time order, as chunks of lines. */
function casesDocument(endpointId: string, cases: MonthCase[]): CasesDocument {
	const lines = [...cases].sort(byReceipt).map(encodeCase);
	const chunks: string[] = [];
	for (let i = 0; i < lines.length; i += CASES_PER_CHUNK) chunks.push(lines.slice(i, i + CASES_PER_CHUNK).join("\n"));
	return { _id: endpointId, cases: chunks };
}

function casesOf(doc: CasesDocument): MonthCase[] {
	return doc.cases.flatMap((chunk) => chunk.split("\n").map((text) => decodeCase(text, doc._id)));
}
