import type { DialogueRequestBody } from "../../domain/api/hotspots.js";
import { ConflictError, ValidationError } from "../../domain/errors.js";
import { isWatchOpen } from "../../domain/hotspots.js";
import { requireCan } from "../../domain/permissions.js";
import { Scope } from "../../domain/Scope.js";
import type { RequestContext } from "../http/RequestContext.js";
import type { OutcomeRecord } from "../records/models/Outcome.js";
import type { Records } from "../records/Records.js";
import type { WriteOutcome } from "../records/RecordWriter.js";
import { createSession } from "../sessions/createSession.js";
import type { Caller } from "./Caller.js";
import type { WatchEntryRecord } from "./models/WatchEntry.js";
import { vnDate } from "./rules.js";
import { OPEN_WATCH_STATUSES, type Watches } from "./Watches.js";

/**
 * From the board to a dialogue: the central office asks, in one step, for an online dialogue on a
 * watched case. It lands on the home province's schedule as an on-demand session on the case, and
 * its outcome comes back onto the watch entry.
 */
export class DialogueRequests {
	readonly #records: Records;
	readonly #watches: Watches;
	#applying: Promise<void> = Promise.resolve();

	constructor(records: Records, watches: Watches) {
		this.#records = records;
		this.#watches = watches;
	}

	async request(
		watchId: string,
		body: DialogueRequestBody,
		caller: RequestContext,
	): Promise<{ session: WriteOutcome; watch: WriteOutcome }> {
		requireCan(caller.identity, "request", { type: "sessions" });
		const { watch, caseRecord } = await this.#watches.held(watchId, caller);
		if (!isWatchOpen(watch.status)) throw new ConflictError(`watch entry ${watchId} is ${watch.status}`);
		const chairUserId = body.chairUserId ?? (await this.#chairOf(watch.provinceId));
		if (!chairUserId) {
			throw new ValidationError("invalid dialogue request: body.chairUserId: the province has no chair", [
				{ path: "body.chairUserId", message: "the province has no chair to preside: name one" },
			]);
		}
		const participants = body.participantEndpointIds ?? [caller.identity.endpointId, ...watch.communeIds];
		// Created by the sessions module, checked exactly as its scheduling screens' sessions are.
		const session = await createSession(caller, {
			kind: "unscheduled",
			origin: { type: "on-demand", reason: body.reason },
			title: body.title ?? `Đối thoại trực tuyến vụ việc số ${caseRecord.registerNumber}`,
			plannedStart: body.plannedStart,
			plannedEnd: new Date(body.plannedStart.getTime() + body.durationMinutes * 60_000),
			hostEndpointId: watch.provinceId,
			chairUserId,
			participantEndpointIds: [...new Set(participants.filter((id) => id !== watch.provinceId))],
			caseIds: [caseRecord.entityId],
			invitedAgencies: [
				{
					name: watch.responsible.agency,
					...(watch.responsible.agencyId ? { agencyId: watch.responsible.agencyId } : {}),
				},
			],
			agenda: [
				`Vụ việc số ${caseRecord.registerNumber}: ${caseRecord.summary.slice(0, 300)}`,
				`Cơ quan chịu trách nhiệm: ${watch.responsible.agency}`,
			],
		});
		const sessionId = String(session.document.entityId);
		const updated = await this.#watches.annotate(
			watch,
			{ dialogueSessionIds: [...watch.dialogueSessionIds, sessionId] },
			`Trung ương đề nghị đối thoại trực tuyến: ${body.reason}`,
			caller,
		);
		return { session, watch: updated };
	}

	/**
	 * Brings each dialogue's latest outcome on its case onto the watch entry; citizens who agreed to
	 * go home step the watch to "citizens returned", by whoever recorded the outcome.
	 */
	applyOutcomes(): Promise<void> {
		// One pass at a time (a written outcome and the clock may both ask): an outcome lands once.
		const pass = this.#applying.then(() => this.#applyOutcomes());
		this.#applying = pass.catch(() => undefined);
		return pass;
	}

	async #applyOutcomes(): Promise<void> {
		const watches = await this.#watches.store.find({ status: { $in: OPEN_WATCH_STATUSES } });
		for (const watch of watches.filter((w) => w.dialogueSessionIds.length > 0)) {
			const outcomes = await this.#records.outcomes.find(
				{ caseId: watch.caseId, sessionId: { $in: watch.dialogueSessionIds } },
				{ recordedAt: -1 },
			);
			const latest = outcomes[0];
			if (!latest || watch.lastDialogue?.at?.getTime() === latest.recordedAt.getTime()) continue;
			await this.#apply(watch, latest);
		}
	}

	async #apply(watch: WatchEntryRecord, outcome: OutcomeRecord): Promise<void> {
		const recorder = await this.#records.users.current(outcome.recordedBy).catch(() => null);
		const caller: Caller = {
			identity: {
				sub: outcome.recordedBy,
				name: recorder?.name ?? outcome.recordedBy,
				role: recorder?.role ?? "secretariat",
				endpointId: recorder?.endpointIds[0] ?? watch.provinceId,
				endpointLevel: "province",
			},
			actor: { userId: outcome.recordedBy, role: recorder?.role, origin: "hotspots" },
			scope: new Scope(null),
		};
		const session = await this.#records.sessions.current(outcome.sessionId);
		const lastDialogue = {
			sessionId: outcome.sessionId,
			direction: outcome.direction,
			conclusion: outcome.conclusion,
			at: outcome.recordedAt,
		};
		await this.#watches.annotate(
			watch,
			{ lastDialogue },
			`Kết quả phiên đối thoại "${session.title}" (${vnDate(session.plannedStart)})`,
			caller,
		);
		if (outcome.direction === "returned-to-locality") {
			await this.#watches.stepOpenWatch(
				watch.caseId,
				["watching", "group-sent"],
				"citizens-returned",
				`Đối thoại ngày ${vnDate(session.plannedStart)}: công dân đồng ý trở về địa phương`,
				caller,
			);
		}
	}

	async #chairOf(provinceId: string): Promise<string | undefined> {
		const [chair] = await this.#records.users.find({ role: "chair", endpointIds: provinceId, disabled: { $ne: true } });
		return chair?.entityId;
	}
}
