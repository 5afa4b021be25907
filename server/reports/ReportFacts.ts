import { type Connection, type Model, Schema } from "mongoose";
import type { RegisterField } from "../../domain/register.js";
import type { CaseFact } from "../../domain/reportForm.js";
import type { Exclusive } from "../cluster/ClusterLocks.js";
import { AuditSweeper, sweepCursorModel } from "../records/AuditSweeper.js";
import type { JsonValue } from "../records/canonicalJson.js";
import type { AuditEntryRecord } from "../records/models/AuditEntry.js";
import type { Records } from "../records/Records.js";
import { byIds } from "./byIds.js";
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

const reportCaseSchema = new Schema(
	{
		_id: { type: String, required: true },
		entityId: { type: String, required: true },
		rev: { type: Number, required: true },
		receivedAt: { type: Date, required: true },
		endpointId: { type: String, required: true },
		sessionId: { type: String, default: null },
		receptionKind: { type: String, required: true },
		peopleCount: { type: Number, required: true },
		manyPeople: { type: Boolean, required: true },
		lastPreviousVisitAt: { type: Date, default: null },
		contentType: { type: String, required: true },
		field: { type: String, required: true },
		fieldGroup: { type: String, required: true },
		resolutionStage: { type: String, required: true },
		voided: { type: Boolean, required: true },
		registerNumber: { type: String, default: "" },
		endpointName: { type: String, default: "" },
		citizenName: { type: String, default: "" },
		summary: { type: String, default: "" },
	},
	{ versionKey: false, collection: "reportcases" },
);
reportCaseSchema.index({ endpointId: 1, receivedAt: 1 });
reportCaseSchema.index({ receivedAt: 1 });
reportCaseSchema.index({ sessionId: 1 });

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

export class ReportFacts {
	readonly model: Model<ReportCase>;
	/** The form pre-aggregated by endpoint and reporting month, kept by the same sweep. */
	readonly months: ReportMonths;
	readonly #records: Records;
	readonly #fields: readonly RegisterField[];
	readonly #sweeper: AuditSweeper;
	readonly #connection: Connection;
	#monthsReady: Promise<void> | null = null;
	readonly #exclusive: Exclusive;
	/** The catch-up started last, and one queued behind it that callers arriving meanwhile share. */
	#latest: Promise<number> | null = null;
	#queued: Promise<number> | null = null;

	/**
	 * `soleWriter`: this process is the database's only writer (the embedded database), so a
	 * catch-up with no record written since the last one reads nothing (`AuditSweeperOptions.localAppends`).
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
		this.model = (connection.models.ReportCase ??
			connection.model("ReportCase", reportCaseSchema)) as Model<ReportCase>;
		this.#records = records;
		this.#fields = fields;
		this.#sweeper = new AuditSweeper({
			auditLog: records.models.AuditEntry,
			cursors: sweepCursorModel(connection),
			name: "report-facts",
			collections: ["cases", "receptionsessions"],
			handle: (entries) => this.#handle(entries),
			...(soleWriter ? { localAppends: () => records.audit.appends } : {}),
		});
	}

	async init(): Promise<void> {
		await this.model.init();
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
		this.#monthsReady ??= this.#buildMonths().catch((err: unknown) => {
			this.#monthsReady = null;
			throw err;
		});
		await this.#monthsReady;
		return this.#sweeper.sweep();
	}

	/**
	 * The month documents of this layout (cut-off day, columns), built once from `reportcases` when
	 * missing: a new database, an existing one from before them, a changed REPORT_CUTOFF_DAY.
	 */
	async #buildMonths(): Promise<void> {
		if (await this.months.built()) return;
		await this.rebuildMonths();
	}

	/** Every month document again from `reportcases` (one scan): the bench's load, or a repair. */
	async rebuildMonths(): Promise<number> {
		const all = await this.model.find({ voided: false }, { ...COUNTED_FIELDS, ...LISTED_FIELDS }).lean<ReportCase[]>();
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
		const stored = new Map((await byIds(this.model, [...cases.keys()])).map((d) => [d._id, d]));
		const fresh = [...cases.values()].filter((c) => (stored.get(String(c.entityId))?.rev ?? 0) < Number(c.rev));
		if (fresh.length === 0) return;
		const visits = await this.#visitDates(fresh.flatMap((c) => (c.previousCaseIds as string[] | undefined) ?? []));
		const kinds = new Map<string, ReportCase["receptionKind"]>();
		const facts: ReportCase[] = [];
		for (const c of fresh) {
			const sessionId = c.sessionId ? String(c.sessionId) : null;
			if (sessionId && !kinds.has(sessionId)) {
				const session = await this.#records.sessions.current(sessionId).catch(() => null);
				kinds.set(sessionId, session ? kindOf(session as unknown as Record<string, JsonValue>) : "regular");
			}
			facts.push(this.#fact(c, sessionId ? (kinds.get(sessionId) ?? "regular") : "regular", visits));
		}
		// The months first: a crash before the facts are written replays both (the facts decide what is fresh).
		await this.months.apply(
			facts.map((f) => f._id),
			facts.filter((f) => !f.voided).map(monthCase),
			facts.flatMap((f) => {
				const before = stored.get(f._id);
				return before ? [this.months.keyOfCase(before)] : [];
			}),
		);
		await this.model.bulkWrite(
			facts.map((f) => ({ replaceOne: { filter: { _id: f._id }, replacement: f, upsert: true } })),
			{ ordered: false },
		);
	}

	/** A session's kind decides its cases' column: those counted under another kind move, months and facts. */
	async #sessionKind(sessionId: string, kind: ReportCase["receptionKind"]): Promise<void> {
		const moved = await this.model.find({ sessionId, receptionKind: { $ne: kind } }).lean<ReportCase[]>();
		if (moved.length === 0) return;
		const current = moved.filter((f) => !f.voided).map((f) => monthCase({ ...f, receptionKind: kind }));
		await this.months.apply(
			moved.map((f) => f._id),
			current,
			moved.map((f) => this.months.keyOfCase(f)),
		);
		await this.model.updateMany({ sessionId }, { $set: { receptionKind: kind } });
	}

	/** When each earlier visit happened: from the facts, else from the record. */
	async #visitDates(ids: string[]): Promise<Map<string, Date>> {
		const unique = [...new Set(ids)];
		const dates = new Map<string, Date>();
		if (unique.length === 0) return dates;
		for (const f of await byIds(this.model, unique, { receivedAt: 1 })) {
			dates.set(f._id, f.receivedAt);
		}
		for (const id of unique.filter((i) => !dates.has(i))) {
			const c = await this.#records.cases.current(id).catch(() => null);
			if (c) dates.set(id, c.receivedAt);
		}
		return dates;
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
