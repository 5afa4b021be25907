import { type ExchangeKind, exchangeKey } from "../../domain/nationalDb.js";
import type { JsonValue } from "../records/canonicalJson.js";
import type { AuditEntryRecord } from "../records/models/AuditEntry.js";
import type { Records } from "../records/Records.js";
import { UnitResolver } from "../records/UnitResolver.js";
import type { ExchangeRecord, OutboxItem, OutboxModels } from "./OutboxModels.js";

/** Which audited collections go to the national database, and as what. */
export const EXCHANGED_COLLECTIONS: Readonly<Record<string, ExchangeKind>> = {
	cases: "case",
	outcomes: "outcome",
};

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
			const kind = EXCHANGED_COLLECTIONS[entry.collectionName];
			if (!kind) continue;
			items.push(await this.#item(kind, entry, units, now));
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
		const doc = entry.document as Record<string, JsonValue>;
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
			supersedesKey: rev > 1 ? exchangeKey(kind, entityId, rev - 1) : null,
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

	/** The endpoint a record belongs to: a case's receiving endpoint; an outcome's case's. */
	async #owner(kind: ExchangeKind, doc: Record<string, JsonValue>): Promise<string> {
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
