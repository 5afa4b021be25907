import { createHash, randomUUID } from "node:crypto";
import type { DevelopmentBody, DevelopmentView } from "../../domain/api/hotspots.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import { developmentSource } from "../../domain/hotspots.js";
import type { Caller } from "./Caller.js";
import { reachOf } from "./caseLocality.js";
import type { HotspotDeps } from "./HotspotDeps.js";
import type { DevelopmentRecord } from "./models/Development.js";
import type { Watches } from "./Watches.js";

/**
 * The developments log (diễn biến) of a case: dated entries that never change, written through the
 * journal and the audit log; a correction is a new entry naming the one it corrects.
 */
export class Developments {
	readonly #watches: Watches;

	readonly #deps: HotspotDeps;

	constructor(deps: HotspotDeps, watches: Watches) {
		this.#deps = deps;
		this.#watches = watches;
	}

	get #model() {
		return this.#deps.records.models.HotspotDevelopment;
	}

	async add(
		caseId: string,
		body: DevelopmentBody,
		caller: Caller,
		idempotencyKey?: string,
	): Promise<{ view: DevelopmentView; pending: boolean; replayed: boolean }> {
		const { caseRecord, provinceId } = await this.#watches.heldCase(caseId, caller);
		const id = idempotencyKey
			? createHash("sha256").update(`${caller.identity.sub}\n${idempotencyKey}`).digest("hex").slice(0, 24)
			: `${this.#deps.now().getTime().toString(36)}-${randomUUID().slice(0, 12)}`;
		const replay = await this.#model.findById(id).lean<DevelopmentRecord>();
		if (replay) return { view: toView(replay), pending: false, replayed: true };
		if (body.corrects) {
			const target = await this.#model.findOne({ _id: body.corrects, caseId }).lean<DevelopmentRecord>();
			if (!target) throw new NotFoundError(`development ${body.corrects} of case ${caseId}`);
			if (await this.#model.exists({ corrects: body.corrects })) {
				throw new ConflictError(`development ${body.corrects} is already corrected: correct the correction`);
			}
		}
		const open = await this.#watches.openWatchOf(caseId);
		const { viaPolice, ...facts } = body;
		const written = await this.#deps.records.writer.write(
			"HotspotDevelopment",
			{
				...facts,
				_id: id,
				caseId,
				watchId: open?.entityId ?? null,
				source: developmentSource(caller.identity.endpointLevel, viaPolice),
				endpointId: caller.identity.endpointId,
				authorUserId: caller.identity.sub,
				authorName: caller.identity.name,
				recordedAt: this.#deps.now(),
			},
			caller.actor,
			body.corrects ? "correction" : "insert",
		);
		this.#deps.news.publish("development", reachOf(caseRecord, open?.provinceId ?? provinceId), {
			caseId,
			watchId: open?.entityId ?? null,
			provinceId: open?.provinceId ?? provinceId,
		});
		return {
			view: toView(written.document as unknown as DevelopmentRecord),
			pending: written.pending,
			replayed: false,
		};
	}

	/** The whole log of a case, oldest first, each entry marked with the entry that corrects it. */
	async ofCase(caseId: string, caller: Caller): Promise<DevelopmentView[]> {
		await this.#watches.heldCase(caseId, caller);
		const entries = await this.#model.find({ caseId }).sort({ occurredAt: 1, _id: 1 }).lean<DevelopmentRecord[]>();
		const correctedBy = new Map(entries.filter((e) => e.corrects).map((e) => [e.corrects, e._id]));
		return entries.map((e) => ({
			...toView(e),
			...(correctedBy.has(e._id) ? { correctedBy: correctedBy.get(e._id) } : {}),
		}));
	}

	/** Entries recorded since a time, for the feed and "what changed" (scope is the caller's to apply). */
	since(from: Date): Promise<DevelopmentRecord[]> {
		return this.#model
			.find({ recordedAt: { $gte: from } })
			.sort({ recordedAt: -1 })
			.lean<DevelopmentRecord[]>();
	}
}

export function toView(record: DevelopmentRecord): DevelopmentView {
	const { _id, ...rest } = JSON.parse(JSON.stringify(record)) as DevelopmentRecord & { _id: string };
	return { ...(rest as unknown as Omit<DevelopmentView, "id">), id: _id };
}
