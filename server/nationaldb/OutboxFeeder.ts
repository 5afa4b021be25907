import { type ExchangeKind, exchangeKey } from "../../domain/nationalDb.js";
import type { JsonValue } from "../records/canonicalJson.js";
import type { AuditEntryRecord } from "../records/models/AuditEntry.js";
import type { Records } from "../records/Records.js";
import { UnitResolver } from "../records/UnitResolver.js";
import type { ExchangeRecord, OutboxItem, OutboxModels } from "./OutboxModels.js";

type Doc = Record<string, JsonValue>;

/** How the revisions of one audited collection go to the national database. */
interface Exchanged {
	kind: ExchangeKind;
	/** Whether this revision is one the national database takes (default: every revision). */
	carries?: (doc: Doc) => boolean;
}

/**
 * Which audited collections go to the national database, and as what. A task is a follow-up result
 * once it carries its closing result: the revisions before it (given, progress notes) are the
 * platform's own follow-up, not a result.
 */
export const EXCHANGED_COLLECTIONS: Readonly<Record<string, Exchanged>> = {
	cases: { kind: "case" },
	outcomes: { kind: "outcome" },
	tasks: { kind: "follow-up-result", carries: (doc) => hasResult(doc) },
};

const hasResult = (doc: Doc | null): boolean => doc !== null && typeof doc.result === "object" && doc.result !== null;

/** Fields of the stored revision that are the platform's own bookkeeping, not the record's content. */
const INTERNAL_FIELDS = ["_id", "entityId", "rev", "supersedes", "scopeEndpointIds"];

/**
 * Turns audit entries of exchanged collections into outbox items. Idempotent: an item's `_id` is its
 * idempotency key, inserted only when missing, so a replayed sweep changes nothing.
 */
export class OutboxFeeder {
	readonly #records: Records;
	readonly #models: OutboxModels;

	constructor(records: Records, models: OutboxModels) {
		this.#records = records;
		this.#models = models;
	}

	async handle(entries: AuditEntryRecord[]): Promise<void> {
		const units = new UnitResolver(this.#records.endpoints);
		const now = new Date();
		const items: OutboxItem[] = [];
		for (const entry of entries) {
			const exchanged = EXCHANGED_COLLECTIONS[entry.collectionName];
			if (!exchanged || !(exchanged.carries?.(entry.document as Doc) ?? true)) continue;
			items.push(await this.#item(exchanged.kind, entry, units, now));
		}
		if (items.length === 0) return;
		await this.#models.Item.bulkWrite(
			items.map((item) => ({
				updateOne: { filter: { _id: item._id }, update: { $setOnInsert: item }, upsert: true },
			})),
			{ ordered: true },
		);
	}

	async #item(kind: ExchangeKind, entry: AuditEntryRecord, units: UnitResolver, now: Date): Promise<OutboxItem> {
		const doc = entry.document as Doc;
		const entityId = String(doc.entityId);
		const rev = Number(doc.rev);
		const key = exchangeKey(kind, entityId, rev);
		const place = await units.place(await this.#owner(kind, doc));
		const data = Object.fromEntries(Object.entries(doc).filter(([k]) => !INTERNAL_FIELDS.includes(k)));
		const record: ExchangeRecord = {
			key,
			kind,
			entityId,
			rev,
			supersedesKey: (await this.#supersedes(kind, doc)) ? exchangeKey(kind, entityId, rev - 1) : null,
			recordedAt: String(doc.recordedAt),
			province: place.province && { code: place.province.code, name: place.province.name },
			commune: place.commune && { code: place.commune.code, name: place.commune.name },
			data: { ...data, endpointCode: place.endpoint.code },
		};
		return {
			_id: key,
			kind,
			entityId,
			rev,
			seq: entry._id,
			endpointId: place.endpoint.id,
			provinceId: place.province?.id ?? null,
			communeId: place.commune?.id ?? null,
			recordedAt: new Date(String(doc.recordedAt)),
			record,
			status: "pending",
			attempts: 0,
			nextAttemptAt: now,
			lastError: null,
			rejectReason: null,
			batchId: null,
			via: null,
			claim: null,
			enqueuedAt: now,
			sentAt: null,
			settledAt: null,
		};
	}

	/**
	 * Whether the previous revision was sent too, so this one replaces it: always for a case or an
	 * outcome; for a follow-up result only when the task already had its result (else it is the first).
	 */
	async #supersedes(kind: ExchangeKind, doc: Doc): Promise<boolean> {
		if (Number(doc.rev) <= 1) return false;
		if (kind !== "follow-up-result") return true;
		const previous = doc.supersedes ? await this.#records.tasks.revision(String(doc.supersedes)) : null;
		return hasResult(previous as unknown as Doc | null);
	}

	/** The endpoint a record belongs to: a case's receiving endpoint; an outcome's or a task's, its case's. */
	async #owner(kind: ExchangeKind, doc: Doc): Promise<string> {
		if (kind === "case") return String(doc.endpointId);
		const caseId = doc.caseId ? String(doc.caseId) : null;
		if (caseId) {
			const c = await this.#records.cases.current(caseId).catch(() => null);
			if (c) return c.endpointId;
		}
		const scope = doc.scopeEndpointIds as JsonValue[] | undefined;
		return String(scope?.[0] ?? "");
	}
}
