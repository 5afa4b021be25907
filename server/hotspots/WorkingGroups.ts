import type { GroupCreateBody, WorkingGroupView } from "../../domain/api/hotspots.js";
import { ConflictError, ValidationError } from "../../domain/errors.js";
import { groupPastDeadline, notReturned } from "../../domain/hotspots.js";
import type { RevisionFields } from "../records/models/revision.js";
import type { WriteOutcome } from "../records/RecordWriter.js";
import { type ChangeRequest, changeOf, RevisionStore } from "../records/RevisionStore.js";
import { type Caller, requireHeld } from "./Caller.js";
import type { HotspotDeps } from "./HotspotDeps.js";
import type { WorkingGroupRecord } from "./models/WorkingGroup.js";
import { checkGroup, returnedCount } from "./rules.js";
import type { Watches } from "./Watches.js";

type GroupChanges = Partial<Omit<WorkingGroupRecord, keyof RevisionFields>>;

/**
 * Working groups (tổ công tác) a province sends under its deciding document: who, where, for which
 * cases, with which police liaison, how many people received, persuaded and brought home by when.
 * Sending one steps the cases' watches to "group sent"; completing it, to "citizens returned".
 */
export class WorkingGroups {
	readonly store: RevisionStore<WorkingGroupRecord>;
	readonly #watches: Watches;

	readonly #deps: HotspotDeps;

	constructor(deps: HotspotDeps, watches: Watches) {
		this.#deps = deps;
		this.#watches = watches;
		this.store = new RevisionStore<WorkingGroupRecord>(deps.records.models, "WorkingGroup", deps.records.writer);
	}

	/** Endpoints that hold a group: its province and every endpoint holding one of its cases. */
	async reachOf(group: Pick<WorkingGroupRecord, "provinceId" | "caseIds">): Promise<string[]> {
		const reach = new Set([group.provinceId]);
		for (const caseId of group.caseIds) {
			for (const id of (await this.#watches.caseReach(caseId)).reach) reach.add(id);
		}
		return [...reach];
	}

	async held(groupId: string, caller: Caller): Promise<{ group: WorkingGroupRecord; reach: string[] }> {
		const group = await this.store.current(groupId);
		const reach = await this.reachOf(group);
		requireHeld(caller, reach, `working group ${groupId}`);
		return { group, reach };
	}

	async create(body: GroupCreateBody, caller: Caller, revisionId?: string): Promise<WriteOutcome> {
		requireHeld(caller, [body.provinceId], `body.provinceId: ${body.provinceId} in your endpoint scope`);
		const province = await this.#deps.records.endpoints.current(body.provinceId);
		if (province.level !== "province") {
			throw new ValidationError("invalid working group: body.provinceId: not a province", [
				{ path: "body.provinceId", message: "not a province" },
			]);
		}
		for (const caseId of body.caseIds) await this.#watches.heldCase(caseId, caller);
		checkGroup(body, "body");
		const written = await this.store.create({ ...body, caseIds: [...new Set(body.caseIds)] }, caller.actor, revisionId);
		const reason = `Cử tổ công tác theo ${body.decision.number}`;
		for (const caseId of body.caseIds) {
			await this.#watches.stepOpenWatch(caseId, ["watching", "citizens-returned"], "group-sent", reason, caller);
		}
		this.#published(String(written.document.entityId), body, await this.reachOf(body));
		return written;
	}

	async change(
		groupId: string,
		request: ChangeRequest<GroupChanges>,
		caller: Caller,
		revisionId?: string,
	): Promise<WriteOutcome> {
		const { group, reach } = await this.held(groupId, caller);
		if (group.status !== "deployed" && !request.correction) {
			throw new ConflictError(`working group ${groupId} is ${group.status}: only corrections remain possible`);
		}
		if (request.changes.caseIds) {
			for (const caseId of request.changes.caseIds) await this.#watches.heldCase(caseId, caller);
		}
		const merged = { ...group, ...request.changes };
		checkGroup(merged, "body.changes");
		const written = await this.store.revise(groupId, request.changes, changeOf(request), caller.actor, revisionId);
		if (group.status === "deployed" && merged.status === "completed") {
			const reason = `Tổ công tác theo ${merged.decision.number} đã đưa ${returnedCount(merged)} công dân về địa phương`;
			for (const caseId of merged.caseIds) {
				await this.#watches.stepOpenWatch(caseId, ["watching", "group-sent"], "citizens-returned", reason, caller);
			}
		}
		this.#published(groupId, merged, reach);
		return written;
	}

	/** Groups the caller holds, newest deadline last. */
	async list(
		filter: { status?: string; province?: string; caseId?: string },
		caller: Caller,
	): Promise<WorkingGroupRecord[]> {
		const groups = await this.store.find(
			{
				...(filter.status ? { status: filter.status } : {}),
				...(filter.province ? { provinceId: filter.province } : {}),
				...(filter.caseId ? { caseIds: filter.caseId } : {}),
			},
			{ returnDeadline: 1 },
		);
		const held: WorkingGroupRecord[] = [];
		for (const group of groups) if (caller.scope.covers(await this.reachOf(group))) held.push(group);
		return held;
	}

	view(group: WorkingGroupRecord): WorkingGroupView {
		const { _id, entityId, supersedes: _s, change: _c, recordedBy: _b, ...rest } = group;
		const returned = returnedCount(group);
		return {
			...(JSON.parse(JSON.stringify(rest)) as Omit<
				WorkingGroupView,
				"id" | "revisionId" | "returned" | "notReturned" | "pastDeadline"
			>),
			id: entityId,
			revisionId: String(_id),
			returned,
			notReturned: notReturned({ received: group.received, returned }),
			pastDeadline: groupPastDeadline({ ...group, returned }, this.#deps.now()),
		};
	}

	#published(groupId: string, group: Pick<WorkingGroupRecord, "provinceId" | "caseIds">, reach: string[]): void {
		this.#deps.news.publish("group", reach, {
			groupId,
			provinceId: group.provinceId,
			caseId: group.caseIds[0] ?? null,
		});
	}
}
