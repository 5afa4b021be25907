import type { Connection } from "mongoose";
import type { RegisterField } from "../../domain/register.js";
import type { CaseFact } from "../../domain/reportForm.js";
import type { Exclusive } from "../cluster/ClusterLocks.js";
import { AuditSweeper, appendedHere, sweepCursorModel } from "../records/AuditSweeper.js";
import type { JsonValue } from "../records/canonicalJson.js";
import type { AuditEntryRecord } from "../records/models/AuditEntry.js";
import type { Records } from "../records/Records.js";
import { Partitions } from "./Partitions.js";
import { monthCase, ReportMonths } from "./ReportMonths.js";

/**
 * One document per case: the current revision's counted fields (docs/reports.md). A projection of
 * the record kept by an audit sweeper, so a statistic reads one small document per visit with one
 * indexed range query instead of every revision of every case and the superseded check.
 */
export interface ReportCase extends CaseFact {
	_id: string;
	rev: number;
	sessionId: string | null;
	voided: boolean;
	registerNumber: string;
	endpointName: string;
	citizenName: string;
	summary: string;
}

/** The fields of a fact the statistics count (a month document keeps these of each case). */
export const COUNTED_FIELDS = {
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

/** What a list of cases behind a figure shows of each (a month document keeps these too). */
export const LISTED_FIELDS = { registerNumber: 1, endpointName: 1, citizenName: 1, summary: 1 } as const;

/** Counted as reception by the head: a session of these kinds (Luật Tiếp công dân 2013, Điều 2). */
const LEADERS_KINDS = new Set(["periodic", "unscheduled"]);
const SUMMARY_CHARS = 300;

/** Written once the facts are in their partitions (a database from before moved in, or a new one). */
const PARTITIONED = { collection: "reportfactsparts", _id: "facts" } as const;
/** The one collection of facts before the partitions (migrated on start, then dropped). */
const UNPARTITIONED = "reportcases";

/**
 * The cases counted under a session (a superset: a case moved to another session stays listed,
 * its fact says where it is) and the column they are counted in, so a session's revision reads one
 * small document and moves its cases only when its kind changed.
 */
interface SessionCases {
	_id: string;
	kind: string;
	caseIds: string[];
}

/** The facts over their partitions, read as a mongoose model is (FormStatistics, the bench, tests). */
export class FactsView {
	readonly #partitions: Partitions<ReportCase>;

	constructor(partitions: Partitions<ReportCase>) {
		this.#partitions = partitions;
	}

	/** A filter over every partition: the cost of every fact (custom ranges; the cases behind a figure). */
	find(filter: Record<string, unknown>, projection?: Record<string, number>) {
		return { lean: <T = ReportCase[]>() => this.#partitions.find(filter, projection) as Promise<T> };
	}

	findById(id: string | undefined, projection?: Record<string, number>) {
		return { lean: <T = ReportCase>() => this.#partitions.get(String(id), projection) as Promise<T | null> };
	}

	/** New facts straight in (the bench's load); nothing else writes facts but the sweep. */
	insertMany(facts: readonly ReportCase[], _options?: unknown): Promise<void> {
		return this.#partitions.insertMany(facts);
	}
}

export class ReportFacts {
	readonly model: FactsView;
	/** The form pre-aggregated by endpoint and reporting month, kept by the same sweep. */
	readonly months: ReportMonths;
	readonly #facts: Partitions<ReportCase>;
	readonly #sessionCases: Partitions<SessionCases>;
	readonly #records: Records;
	readonly #fields: readonly RegisterField[];
	readonly #sweeper: AuditSweeper;
	readonly #connection: Connection;
	#ready: Promise<void> | null = null;
	readonly #exclusive: Exclusive;
	/** The catch-up started last, and one queued behind it that callers arriving meanwhile share. */
	#latest: Promise<number> | null = null;
	#queued: Promise<number> | null = null;

	/**
	 * `soleWriter`: this process is the database's only writer (the embedded database), so a
	 * catch-up with no record written since the last one reads nothing, and one after this process's
	 * writes takes their audit entries from memory (`AuditSweeperOptions.localAppends`, `appended`).
	 * `exclusive`: in a cluster, runs each catch-up while no other node runs one (`ClusterLocks`): two
	 * nodes rewriting a month's rows from different batches at once would lose one's change.
	 */
	constructor(
		connection: Connection,
		records: Records,
		fields: readonly RegisterField[],
		cutoffDay: number,
		soleWriter = false,
		exclusive: Exclusive = (task) => task(),
	) {
		this.#exclusive = exclusive;
		this.#connection = connection;
		this.months = new ReportMonths(connection, cutoffDay);
		this.#facts = new Partitions<ReportCase>(connection, "reportfacts_");
		this.#sessionCases = new Partitions<SessionCases>(connection, "reportsessioncases_");
		this.model = new FactsView(this.#facts);
		this.#records = records;
		this.#fields = fields;
		this.#sweeper = new AuditSweeper({
			auditLog: records.models.AuditEntry,
			cursors: sweepCursorModel(connection),
			name: "report-facts",
			collections: ["cases", "receptionsessions"],
			handle: (entries) => this.#handle(entries),
			...(soleWriter ? appendedHere(records.audit) : {}),
		});
	}

	async init(): Promise<void> {
		await this.months.init();
		await sweepCursorModel(this.#connection).init();
	}

	/**
	 * Brings the facts up to date with every record written so far (on every node of a cluster: a
	 * node that waited for another's catch-up then reads only what came after it). Callers arriving
	 * while one runs share the next, which starts after it and so sees their writes.
	 */
	catchUp(): Promise<number> {
		if (this.#queued) return this.#queued;
		const before = this.#latest;
		const run: Promise<number> = (before ?? Promise.resolve(0))
			.catch(() => 0)
			.then(() => {
				if (this.#queued === run) this.#queued = null;
				return this.#exclusive(() => this.#catchUpNow());
			});
		this.#latest = run;
		if (before) this.#queued = run;
		return run;
	}

	async #catchUpNow(): Promise<number> {
		this.#ready ??= this.#prepare().catch((err: unknown) => {
			this.#ready = null;
			throw err;
		});
		await this.#ready;
		// Another node may have split the partitions since this one last swept.
		await this.#facts.load();
		await this.#sessionCases.load();
		return this.#sweeper.sweep();
	}

	/** Once per process: the facts in their partitions, then the month documents of this layout. */
	async #prepare(): Promise<void> {
		await this.#partition();
		// A new database, one from before the months, a changed REPORT_CUTOFF_DAY: built once from the facts.
		if (!(await this.months.built())) await this.rebuildMonths();
	}

	/**
	 * A database from before the partitions has every fact in `reportcases`: they move into the
	 * partitions (one read of it), their sessions' lists are made, then it is dropped. A crash midway
	 * starts the move again from nothing; the marker is written last.
	 */
	async #partition(): Promise<void> {
		const db = this.#db();
		const marker = db.collection<{ _id: string; at: Date }>(PARTITIONED.collection);
		if (await marker.findOne({ _id: PARTITIONED._id })) return;
		const names = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
		await this.#facts.drop();
		await this.#sessionCases.drop();
		if (names.has(UNPARTITIONED)) {
			const all = (await db.collection(UNPARTITIONED).find({}).toArray()) as unknown as ReportCase[];
			await this.#facts.insertMany(all);
			const sessions = new Map<string, SessionCases>();
			for (const f of all) {
				if (!f.sessionId) continue;
				const s = sessions.get(f.sessionId) ?? { _id: f.sessionId, kind: f.receptionKind, caseIds: [] };
				// Cases counted under different kinds: any revision of the session sets them all again.
				if (s.kind !== f.receptionKind) s.kind = "mixed";
				s.caseIds.push(f._id);
				sessions.set(f.sessionId, s);
			}
			await this.#sessionCases.insertMany([...sessions.values()]);
		}
		await marker.replaceOne({ _id: PARTITIONED._id }, { at: new Date() }, { upsert: true });
		if (names.has(UNPARTITIONED)) await db.dropCollection(UNPARTITIONED);
	}

	/** Every month document again from the facts (one read of them all): the bench's load, or a repair. */
	async rebuildMonths(): Promise<number> {
		const all = await this.#facts.find({ voided: false }, { ...COUNTED_FIELDS, ...LISTED_FIELDS });
		return this.months.rebuild(all.map(monthCase));
	}

	async #handle(entries: AuditEntryRecord[]): Promise<void> {
		// The newest revision of each case in this batch; a session's kind decides its cases' column.
		const cases = new Map<string, Record<string, JsonValue>>();
		const sessions = new Map<string, Record<string, JsonValue>>();
		for (const e of entries) {
			const doc = e.document as Record<string, JsonValue>;
			const target = e.collectionName === "cases" ? cases : sessions;
			const seen = target.get(String(doc.entityId));
			if (!seen || Number(seen.rev) < Number(doc.rev)) target.set(String(doc.entityId), doc);
		}
		for (const s of sessions.values()) await this.#sessionKind(String(s.entityId), kindOf(s));
		if (cases.size === 0) return;
		const stored = new Map((await this.#facts.getMany(cases.keys())).map((d) => [d._id, d]));
		const fresh = [...cases.values()].filter((c) => (stored.get(String(c.entityId))?.rev ?? 0) < Number(c.rev));
		if (fresh.length === 0) return;
		const visits = await this.#visitDates(
			fresh.flatMap((c) => (c.previousCaseIds as string[] | undefined) ?? []),
			cases,
		);
		const listed = await this.#sessionsOf(fresh);
		const facts = fresh.map((c) => {
			const session = c.sessionId ? listed.get(String(c.sessionId)) : undefined;
			return this.#fact(c, (session?.kind ?? "regular") as ReportCase["receptionKind"], visits);
		});
		// The months, then the sessions' lists, then the facts: the facts decide what is fresh, so a
		// crash before they are written replays all three (each write is idempotent).
		await this.months.apply(
			facts.map((f) => f._id),
			facts.filter((f) => !f.voided).map(monthCase),
			facts.flatMap((f) => {
				const before = stored.get(f._id);
				return before ? [this.months.keyOfCase(before)] : [];
			}),
		);
		const grown = [...listed.values()].filter((s) => {
			const added = facts.filter((f) => f.sessionId === s._id && !s.caseIds.includes(f._id)).map((f) => f._id);
			s.caseIds.push(...added);
			return added.length > 0;
		});
		await this.#sessionCases.put(grown);
		await this.#facts.put(facts);
	}

	/** The lists of these cases' sessions, a session's kind read from the record when it has none yet. */
	async #sessionsOf(fresh: Record<string, JsonValue>[]): Promise<Map<string, SessionCases>> {
		const ids = new Set(fresh.flatMap((c) => (c.sessionId ? [String(c.sessionId)] : [])));
		const listed = new Map((await this.#sessionCases.getMany(ids)).map((s) => [s._id, s]));
		for (const id of ids) {
			if (listed.has(id)) continue;
			const session = await this.#records.sessions.current(id).catch(() => null);
			const kind = session ? kindOf(session as unknown as Record<string, JsonValue>) : "regular";
			listed.set(id, { _id: id, kind, caseIds: [] });
		}
		return listed;
	}

	/**
	 * A session's kind decides its cases' column: when it changed, those counted under another kind
	 * move, months and facts. Its list is written last, so a crash before replays the move.
	 */
	async #sessionKind(sessionId: string, kind: ReportCase["receptionKind"]): Promise<void> {
		const listed = await this.#sessionCases.get(sessionId);
		if (listed?.kind === kind) return;
		const counted = (await this.#facts.getMany(listed?.caseIds ?? [])).filter((f) => f.sessionId === sessionId);
		const moved = counted.filter((f) => f.receptionKind !== kind);
		if (moved.length > 0) {
			const current = moved.filter((f) => !f.voided).map((f) => monthCase({ ...f, receptionKind: kind }));
			await this.months.apply(
				moved.map((f) => f._id),
				current,
				moved.map((f) => this.months.keyOfCase(f)),
			);
			await this.#facts.put(moved.map((f) => ({ ...f, receptionKind: kind })));
		}
		await this.#sessionCases.put([{ _id: sessionId, kind, caseIds: counted.map((f) => f._id) }]);
	}

	/** When each earlier visit happened: from this batch, else the facts, else the record. */
	async #visitDates(ids: string[], batch: Map<string, Record<string, JsonValue>>): Promise<Map<string, Date>> {
		const dates = new Map<string, Date>();
		for (const id of new Set(ids)) {
			const inBatch = batch.get(id);
			if (inBatch) dates.set(id, new Date(String(inBatch.receivedAt)));
		}
		const unknown = [...new Set(ids)].filter((id) => !dates.has(id));
		for (const f of await this.#facts.getMany(unknown, { receivedAt: 1 })) dates.set(f._id, new Date(f.receivedAt));
		for (const id of unknown.filter((i) => !dates.has(i))) {
			const c = await this.#records.cases.current(id).catch(() => null);
			if (c) dates.set(id, c.receivedAt);
		}
		return dates;
	}

	#db() {
		const db = this.#connection.db;
		if (!db) throw new Error("the database is not connected");
		return db;
	}

	#fact(
		c: Record<string, JsonValue>,
		receptionKind: ReportCase["receptionKind"],
		visits: Map<string, Date>,
	): ReportCase {
		const previous = ((c.previousCaseIds as string[] | undefined) ?? [])
			.map((id) => visits.get(id)?.getTime())
			.filter((t): t is number => t !== undefined);
		const citizens = (c.citizens as { fullName?: string }[] | undefined) ?? [];
		const resolution = (c.resolution as { stage?: string } | undefined) ?? {};
		const field = String(c.field ?? "other");
		return {
			_id: String(c.entityId),
			entityId: String(c.entityId),
			rev: Number(c.rev),
			receivedAt: new Date(String(c.receivedAt)),
			endpointId: String(c.endpointId),
			sessionId: c.sessionId ? String(c.sessionId) : null,
			receptionKind,
			peopleCount: Number(c.peopleCount ?? 1),
			manyPeople: Boolean(c.manyPeople),
			lastPreviousVisitAt: previous.length > 0 ? new Date(Math.max(...previous)) : null,
			contentType: String(c.contentType) as ReportCase["contentType"],
			field,
			fieldGroup: this.#fields.find((f) => f.code === field)?.group ?? "other",
			resolutionStage: (resolution.stage ?? "not-handled") as ReportCase["resolutionStage"],
			voided: Boolean(c.voided),
			registerNumber: String(c.registerNumber ?? ""),
			endpointName: String(c.endpointName ?? ""),
			citizenName: String(citizens[0]?.fullName ?? ""),
			summary: String(c.summary ?? "").slice(0, SUMMARY_CHARS),
		};
	}
}

function kindOf(session: Record<string, JsonValue>): ReportCase["receptionKind"] {
	return LEADERS_KINDS.has(String(session.kind)) ? "leaders" : "regular";
}
