import { createHash } from "node:crypto";
import type { WatchCreateBody, WatchView } from "../../domain/api/hotspots.js";
import { ConflictError, ValidationError } from "../../domain/errors.js";
import {
	CLOSED_WATCH_STATUSES,
	canWatchTransition,
	isWatchOpen,
	RISK_RANK,
	reviewOverdue,
	WATCH_STATUSES,
	type WatchStatus,
} from "../../domain/hotspots.js";
import type { CaseRecord } from "../records/models/Case.js";
import type { WriteOutcome } from "../records/RecordWriter.js";
import { type ChangeRequest, changeOf, RevisionStore } from "../records/RevisionStore.js";
import { type Caller, requireHeld } from "./Caller.js";
import { localityOf, reachOf } from "./caseLocality.js";
import type { HotspotDeps } from "./HotspotDeps.js";
import type { StatusChangeRecord, WatchEntryRecord } from "./models/WatchEntry.js";
import { checkWatch, Problems } from "./rules.js";

export const OPEN_WATCH_STATUSES = WATCH_STATUSES.filter((s) => !CLOSED_WATCH_STATUSES.includes(s));

/** A watch entry with its case and the endpoints that hold it. */
export interface HeldWatch {
	watch: WatchEntryRecord;
	caseRecord: CaseRecord;
	reach: string[];
}

export interface WatchFilter {
	status: "open" | "all";
	city?: string;
	kind?: string;
	level?: string;
	province?: string;
	caseId?: string;
	from?: Date;
	to?: Date;
}

type WatchChanges = Partial<
	Pick<
		WatchEntryRecord,
		"risk" | "destination" | "expectedFrom" | "expectedTo" | "expectedPeople" | "responsible" | "nextReviewAt"
	>
>;

/** Watch entries of cases at risk of becoming hot spots: opened, changed, stepped, read within scope. */
export class Watches {
	readonly store: RevisionStore<WatchEntryRecord>;

	readonly #deps: HotspotDeps;

	constructor(deps: HotspotDeps) {
		this.#deps = deps;
		this.store = new RevisionStore<WatchEntryRecord>(deps.records.models, "WatchEntry", deps.records.writer);
	}

	/** A case, the province that answers for it, and the endpoints that hold it. */
	async caseReach(caseId: string): Promise<{ caseRecord: CaseRecord; provinceId: string | null; reach: string[] }> {
		const caseRecord = await this.#deps.records.cases.current(caseId);
		const { provinceId } = await localityOf(caseRecord, this.#deps.records);
		return { caseRecord, provinceId, reach: reachOf(caseRecord, provinceId) };
	}

	/** The case named by a request, once the caller holds it (refused before anything else is told). */
	async heldCase(
		caseId: string,
		caller: Caller,
	): Promise<{ caseRecord: CaseRecord; provinceId: string | null; reach: string[] }> {
		const held = await this.caseReach(caseId);
		requireHeld(caller, held.reach, `case ${caseId}`);
		return held;
	}

	/** The watch entry named by a request, with its case, once the caller holds it. */
	async held(watchId: string, caller: Caller): Promise<HeldWatch> {
		const watch = await this.store.current(watchId);
		const caseRecord = await this.#deps.records.cases.current(watch.caseId);
		const reach = reachOf(caseRecord, watch.provinceId);
		requireHeld(caller, reach, `watch entry ${watchId}`);
		return { watch, caseRecord, reach };
	}

	async openWatchOf(caseId: string): Promise<WatchEntryRecord | undefined> {
		const [open] = await this.store.find({ caseId, status: { $in: OPEN_WATCH_STATUSES } });
		return open;
	}

	async open(body: WatchCreateBody, caller: Caller, revisionId?: string): Promise<WriteOutcome> {
		const { caseRecord } = await this.heldCase(body.caseId, caller);
		const locality = await localityOf(caseRecord, this.#deps.records);
		if (body.provinceId) {
			requireHeld(caller, [body.provinceId], `body.provinceId: ${body.provinceId} in your endpoint scope`);
			const province = await this.#deps.records.endpoints.current(body.provinceId);
			if (province.level !== "province") {
				throw new ValidationError("invalid watch entry: body.provinceId: not a province", [
					{ path: "body.provinceId", message: "not a province" },
				]);
			}
		}
		const provinceId = body.provinceId ?? locality.provinceId;
		if (!provinceId) {
			throw new ValidationError("invalid watch entry: body.provinceId: the case does not say which province", [
				{ path: "body.provinceId", message: "the case does not say which province its citizens are from: name it" },
			]);
		}
		const now = this.#deps.now();
		checkWatch(body, caseRecord.receivedAt, now, { prefix: "body", reviewSetNow: true });
		await this.#checkAgency(body.responsible.agencyId, provinceId, "body");
		const earlier = await this.store.find({ caseId: caseRecord.entityId });
		const open = earlier.find((w) => isWatchOpen(w.status));
		if (open) throw new ConflictError(`case ${caseRecord.entityId} is already watched (entry ${open.entityId})`);
		// One entity per (case, nth watch): two officers opening the same watch at once collide on it.
		const entityId = createHash("sha256")
			.update(`watch\n${caseRecord.entityId}\n${earlier.length + 1}`)
			.digest("hex")
			.slice(0, 24);
		const { note, provinceId: _given, ...fields } = body;
		const written = await this.store.create(
			{
				...fields,
				provinceId,
				communeIds: provinceId === locality.provinceId ? locality.communeIds : [],
				status: "watching",
				statusLog: [this.#statusChange(null, "watching", note ?? "Bắt đầu theo dõi", caller, now)],
				dialogueSessionIds: [],
			},
			caller.actor,
			revisionId,
			entityId,
		);
		this.#deps.news.publish("watch", reachOf(caseRecord, provinceId), {
			caseId: caseRecord.entityId,
			watchId: entityId,
			provinceId,
		});
		return written;
	}

	async change(
		watchId: string,
		request: ChangeRequest<WatchChanges>,
		caller: Caller,
		revisionId?: string,
	): Promise<WriteOutcome> {
		const { watch, caseRecord, reach } = await this.held(watchId, caller);
		if (!isWatchOpen(watch.status) && !request.correction) {
			throw new ConflictError(`watch entry ${watchId} is ${watch.status}: only corrections remain possible`);
		}
		await this.#checkAgency(request.changes.responsible?.agencyId, watch.provinceId, "body.changes");
		checkWatch({ ...watch, ...request.changes }, caseRecord.receivedAt, this.#deps.now(), {
			prefix: "body.changes",
			reviewSetNow: request.changes.nextReviewAt !== undefined,
		});
		const written = await this.store.revise(watchId, request.changes, changeOf(request), caller.actor, revisionId);
		this.#published(watch, reach);
		return written;
	}

	/** A status step: dated, by the caller, with the reason, in `statusLog` and as a `transition` revision. */
	async transition(
		watchId: string,
		request: { to: WatchStatus; reason: string; expectedRev?: number },
		caller: Caller,
	): Promise<WriteOutcome> {
		const { watch, reach } = await this.held(watchId, caller);
		if (!canWatchTransition(watch.status, request.to)) {
			throw new ConflictError(`a watch entry that is ${watch.status} cannot become ${request.to}`);
		}
		const written = await this.store.revise(
			watchId,
			{
				status: request.to,
				statusLog: [
					...watch.statusLog,
					this.#statusChange(watch.status, request.to, request.reason, caller, this.#deps.now()),
				],
			},
			{ kind: "transition", reason: request.reason, expectedRev: request.expectedRev },
			caller.actor,
		);
		this.#published(watch, reach);
		return written;
	}

	/** Steps the open watch of a case when it is in one of `from` (a working group sent, citizens brought home). */
	async stepOpenWatch(
		caseId: string,
		from: readonly WatchStatus[],
		to: WatchStatus,
		reason: string,
		caller: Caller,
	): Promise<void> {
		const open = await this.openWatchOf(caseId);
		if (open && from.includes(open.status)) await this.transition(open.entityId, { to, reason }, caller);
	}

	/** A further revision by the platform or another module (a dialogue asked for, its outcome). */
	async annotate(
		watch: WatchEntryRecord,
		changes: Partial<WatchEntryRecord>,
		reason: string,
		caller: Caller,
	): Promise<WriteOutcome> {
		const caseRecord = await this.#deps.records.cases.current(watch.caseId);
		const written = await this.store.revise(watch.entityId, changes, { kind: "update", reason }, caller.actor);
		this.#published(watch, reachOf(caseRecord, watch.provinceId));
		return written;
	}

	/** Watch entries the caller holds, with their cases, matching the filters. */
	async list(filter: WatchFilter, caller: Caller): Promise<HeldWatch[]> {
		const query: Record<string, unknown> = {
			...(filter.status === "open" ? { status: { $in: OPEN_WATCH_STATUSES } } : {}),
			...(filter.province ? { provinceId: filter.province } : {}),
			...(filter.city ? { "destination.city": filter.city } : {}),
			...(filter.kind ? { "destination.kind": filter.kind } : {}),
			...(filter.level ? { "risk.level": filter.level } : {}),
			...(filter.caseId ? { caseId: filter.caseId } : {}),
			// The expected window overlaps [from, to).
			...(filter.from ? { expectedTo: { $gte: filter.from } } : {}),
			...(filter.to ? { expectedFrom: { $lt: filter.to } } : {}),
		};
		const watches = await this.store.find(query);
		if (watches.length === 0) return [];
		const cases = new Map(
			(await this.#deps.records.cases.find({ entityId: { $in: [...new Set(watches.map((w) => w.caseId))] } })).map(
				(c) => [c.entityId, c],
			),
		);
		const now = this.#deps.now();
		return watches
			.flatMap((watch) => {
				const caseRecord = cases.get(watch.caseId);
				if (!caseRecord) return [];
				const reach = reachOf(caseRecord, watch.provinceId);
				return caller.scope.covers(reach) ? [{ watch, caseRecord, reach }] : [];
			})
			.sort((a, b) => boardOrder(a.watch, b.watch, now));
	}

	view({ watch, caseRecord }: Pick<HeldWatch, "watch" | "caseRecord">): WatchView {
		const { _id, entityId, supersedes: _s, change: _c, ...rest } = watch;
		return {
			...(JSON.parse(JSON.stringify(rest)) as Omit<WatchView, "id" | "revisionId" | "reviewOverdue" | "case">),
			id: entityId,
			revisionId: String(_id),
			reviewOverdue: reviewOverdue(watch, this.#deps.now()),
			case: {
				registerNumber: caseRecord.registerNumber,
				summary: caseRecord.summary,
				peopleCount: caseRecord.peopleCount,
				receivedAt: caseRecord.receivedAt.toISOString(),
			},
		};
	}

	/** A responsible agency named by its register record must be one of the province's agencies. */
	async #checkAgency(agencyId: string | undefined, provinceId: string, prefix: string): Promise<void> {
		if (!agencyId) return;
		const agency = await this.#deps.records.agencies.current(agencyId).catch(() => null);
		const problems = new Problems(prefix);
		problems.check(agency?.provinceId === provinceId, "responsible.agencyId", "not an agency of the watch's province");
		problems.throwIfAny("watch entry");
	}

	#statusChange(
		from: WatchStatus | null,
		to: WatchStatus,
		reason: string,
		caller: Caller,
		at: Date,
	): StatusChangeRecord {
		return { from, to, at, byUserId: caller.identity.sub, byName: caller.identity.name, reason };
	}

	#published(watch: WatchEntryRecord, reach: string[]): void {
		this.#deps.news.publish("watch", reach, {
			caseId: watch.caseId,
			watchId: watch.entityId,
			provinceId: watch.provinceId,
		});
	}
}

/** Overdue reviews first, then the most urgent risk, then the soonest expected date. */
export function boardOrder(a: WatchEntryRecord, b: WatchEntryRecord, now: Date): number {
	return (
		Number(reviewOverdue(b, now)) - Number(reviewOverdue(a, now)) ||
		RISK_RANK[a.risk.level] - RISK_RANK[b.risk.level] ||
		a.expectedFrom.getTime() - b.expectedFrom.getTime()
	);
}
