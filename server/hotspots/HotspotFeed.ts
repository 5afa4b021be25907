import type { FeedItem, FeedQuery } from "../../domain/api/hotspots.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import { FEED_KINDS, type FeedKind } from "../../domain/hotspots.js";
import type { CaseRecord } from "../records/models/Case.js";
import type { ReceptionSessionRecord } from "../records/models/ReceptionSession.js";
import { type Caller, requireHeld } from "./Caller.js";
import type { HotspotDeps } from "./HotspotDeps.js";
import type { DevelopmentRecord } from "./models/Development.js";
import { acknowledgementIdOf, type FeedAcknowledgementRecord } from "./models/FeedAcknowledgement.js";
import type { WatchEntryRecord } from "./models/WatchEntry.js";
import type { Watches } from "./Watches.js";

/** How far back the feed reads by default. */
const DEFAULT_DAYS = 30;
const SUMMARY_MAX = 300;

type Draft = { item: Omit<FeedItem, "acknowledged">; reach: string[] };
type CaseReach = Awaited<ReturnType<Watches["caseReach"]>>;

/**
 * What the central office (and a province's inspectorate) is kept informed of, read from the record
 * itself: second-instance complaint decisions entered in the register, conclusion notices issued,
 * watch status changes and new developments. A named central officer acknowledges each item; the
 * acknowledgement is a fact of the record the province sees.
 */
export class HotspotFeed {
	readonly #watches: Watches;

	readonly #deps: HotspotDeps;

	constructor(deps: HotspotDeps, watches: Watches) {
		this.#deps = deps;
		this.#watches = watches;
	}

	async items(query: FeedQuery, caller: Caller): Promise<FeedItem[]> {
		const since = query.since ?? new Date(this.#deps.now().getTime() - DEFAULT_DAYS * 24 * 60 * 60 * 1000);
		const kinds = query.kind ? [query.kind] : FEED_KINDS;
		const cases = new Map<string, Promise<CaseReach | null>>();
		const drafts: Draft[] = [];
		for (const kind of kinds) drafts.push(...(await this.#draftsSince(kind, since, cases)));
		const visible = drafts
			.filter((d) => caller.scope.covers(d.reach) && (!query.province || d.item.provinceId === query.province))
			.sort((a, b) => b.item.at.localeCompare(a.item.at));
		const items = await this.#withAcknowledgements(visible.map((d) => d.item));
		return items.filter((i) => query.unacknowledged !== true || i.acknowledged === null).slice(0, query.limit);
	}

	/** A named central officer takes the item in hand; the first acknowledgement stands. */
	async acknowledge(itemId: string, caller: Caller): Promise<{ item: FeedItem; pending: boolean }> {
		const draft = await this.#resolve(itemId);
		requireHeld(caller, draft.reach, `feed item ${itemId}`);
		const Acks = this.#deps.records.models.FeedAcknowledgement;
		const earlier = await Acks.findById(acknowledgementIdOf(itemId)).lean<FeedAcknowledgementRecord>();
		if (earlier) throw new ConflictError(`feed item ${itemId} was already acknowledged by ${earlier.name}`);
		const written = await this.#deps.records.writer.write(
			"FeedAcknowledgement",
			{
				_id: acknowledgementIdOf(itemId),
				itemId,
				kind: draft.item.kind,
				userId: caller.identity.sub,
				name: caller.identity.name,
				endpointId: caller.identity.endpointId,
				at: this.#deps.now(),
			},
			caller.actor,
			"insert",
		);
		this.#deps.news.publish("feed", draft.reach, { caseId: draft.item.caseId, provinceId: draft.item.provinceId });
		const [item] = await this.#withAcknowledgements([draft.item]);
		return { item: item as FeedItem, pending: written.pending };
	}

	async #draftsSince(kind: FeedKind, since: Date, cases: Map<string, Promise<CaseReach | null>>): Promise<Draft[]> {
		const { models } = this.#deps.records;
		const recent = { recordedAt: { $gte: since } };
		const docs = await (() => {
			switch (kind) {
				case "development":
					return models.HotspotDevelopment.find(recent).lean();
				case "watch-status":
					return models.WatchEntry.find({ ...recent, $or: [{ rev: 1 }, { "change.kind": "transition" }] }).lean();
				case "conclusion-notice":
					return models.ReceptionSession.find({ ...recent, status: "concluded", "change.kind": "transition" }).lean();
				case "second-instance-decision":
					return models.Case.find({ ...recent, "resolution.stage": "second-instance" }).lean();
			}
		})();
		const drafts: Draft[] = [];
		for (const doc of docs) {
			const draft = await this.#draft(kind, doc as Record<string, unknown>, cases);
			if (draft) drafts.push(draft);
		}
		return drafts;
	}

	async #resolve(itemId: string): Promise<Draft> {
		const colon = itemId.indexOf(":");
		const kind = itemId.slice(0, colon) as FeedKind;
		const ref = itemId.slice(colon + 1);
		const { models } = this.#deps.records;
		const model = {
			development: models.HotspotDevelopment,
			"watch-status": models.WatchEntry,
			"conclusion-notice": models.ReceptionSession,
			"second-instance-decision": models.Case,
		}[kind];
		const doc = colon > 0 && model ? await model.findById(ref).lean() : null;
		const draft = doc ? await this.#draft(kind, doc as Record<string, unknown>, new Map()) : null;
		if (!draft || draft.item.id !== itemId) throw new NotFoundError(`feed item ${itemId}`);
		return draft;
	}

	/** One record document as a feed item, or null when it is not one (a revision that did not change the stage). */
	async #draft(
		kind: FeedKind,
		doc: Record<string, unknown>,
		cases: Map<string, Promise<CaseReach | null>>,
	): Promise<Draft | null> {
		const caseReach = (caseId: string) => {
			if (!cases.has(caseId))
				cases.set(
					caseId,
					this.#watches.caseReach(caseId).catch(() => null),
				);
			return cases.get(caseId) as Promise<CaseReach | null>;
		};
		const base = (id: string, at: Date) => ({ id: `${kind}:${id}`, kind, at: at.toISOString() });
		switch (kind) {
			case "development": {
				const d = doc as unknown as DevelopmentRecord;
				const held = await caseReach(d.caseId);
				if (!held) return null;
				return {
					item: {
						...base(d._id, d.recordedAt),
						provinceId: held.provinceId,
						caseId: d.caseId,
						sessionId: null,
						facts: {
							registerNumber: held.caseRecord.registerNumber,
							text: d.text.slice(0, SUMMARY_MAX),
							occurredAt: d.occurredAt.toISOString(),
							source: d.source,
							peopleCount: d.peopleCount ?? null,
							place: d.place ?? null,
							author: d.authorName,
							corrects: d.corrects ?? null,
						},
					},
					reach: held.reach,
				};
			}
			case "watch-status": {
				const w = doc as unknown as WatchEntryRecord;
				const held = await caseReach(w.caseId);
				const last = w.statusLog.at(-1);
				if (!held || !last) return null;
				return {
					item: {
						...base(String(w._id), w.recordedAt),
						provinceId: w.provinceId,
						caseId: w.caseId,
						sessionId: null,
						facts: {
							registerNumber: held.caseRecord.registerNumber,
							watchId: w.entityId,
							from: last.from,
							to: last.to,
							reason: last.reason,
							by: last.byName,
							level: w.risk.level,
						},
					},
					reach: [...new Set([...held.reach, w.provinceId])],
				};
			}
			case "conclusion-notice": {
				const s = doc as unknown as ReceptionSessionRecord;
				const host = await this.#deps.records.endpoints.current(s.hostEndpointId).catch(() => null);
				return {
					item: {
						...base(String(s._id), s.recordedAt),
						provinceId: host?.level === "province" ? host.entityId : null,
						caseId: s.caseIds[0] ?? null,
						sessionId: s.entityId,
						facts: {
							title: s.title,
							noticeNumber: s.notice?.number ?? null,
							concludedAt: (s.concludedAt ?? s.recordedAt).toISOString(),
							cases: s.caseIds.length,
						},
					},
					reach: s.scopeEndpointIds,
				};
			}
			case "second-instance-decision": {
				const c = doc as unknown as CaseRecord & {
					resolution?: { stage?: string; documentNumber?: string; date?: Date; issuer?: string };
				};
				const before = c.supersedes
					? await this.#deps.records.models.Case.findById(c.supersedes).lean<typeof c>()
					: null;
				if (before?.resolution?.stage === "second-instance") return null;
				const held = await caseReach(c.entityId);
				if (!held) return null;
				return {
					item: {
						...base(String(c._id), c.recordedAt),
						provinceId: held.provinceId,
						caseId: c.entityId,
						sessionId: null,
						facts: {
							registerNumber: c.registerNumber,
							summary: c.summary.slice(0, SUMMARY_MAX),
							documentNumber: c.resolution?.documentNumber ?? null,
							date: c.resolution?.date?.toISOString() ?? null,
							issuer: c.resolution?.issuer ?? null,
						},
					},
					reach: held.reach,
				};
			}
		}
	}

	async #withAcknowledgements(items: Omit<FeedItem, "acknowledged">[]): Promise<FeedItem[]> {
		if (items.length === 0) return [];
		const acks = await this.#deps.records.models.FeedAcknowledgement.find({
			_id: { $in: items.map((i) => acknowledgementIdOf(i.id)) },
		}).lean<FeedAcknowledgementRecord[]>();
		const byItem = new Map(acks.map((a) => [a.itemId, a]));
		return items.map((i) => {
			const ack = byItem.get(i.id);
			return { ...i, acknowledged: ack ? { userId: ack.userId, name: ack.name, at: ack.at.toISOString() } : null };
		});
	}
}
