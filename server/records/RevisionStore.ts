import { Types } from "mongoose";
import { AlreadyRecordedError, ConflictError, NotFoundError } from "../../domain/errors.js";
import type { AuditActor } from "./AuditLog.js";
import { canonical, type JsonValue } from "./canonicalJson.js";
import type { AuditedModelName, RecordModels } from "./models/index.js";
import type { ChangeKind, RevisionFields } from "./models/revision.js";
import type { RecordWriter, WriteOutcome } from "./RecordWriter.js";

export interface Page {
	offset: number;
	limit: number;
}

export interface ListResult<T> {
	items: T[];
	total: number;
	offset: number;
	limit: number;
}

export interface RevisionChange {
	kind: Exclude<ChangeKind, "create">;
	reason?: string;
	/** The revision the writer saw; a newer one means someone else changed it meanwhile. */
	expectedRev?: number;
}

/** A change as a client asks for it: the fields, the revision it saw, and, for a correction, why. */
export interface ChangeRequest<C> {
	changes: C;
	expectedRev?: number;
	correction?: { reason: string };
}

/** An ordinary change, or a correction with its reason. */
export function changeOf(request: Omit<ChangeRequest<unknown>, "changes">): RevisionChange {
	return {
		kind: request.correction ? "correction" : "update",
		reason: request.correction?.reason,
		expectedRev: request.expectedRev,
	};
}

/** Fields a caller may not set: the store owns identity and history. */
const OWN_FIELDS = ["_id", "entityId", "rev", "supersedes", "change", "recordedAt", "recordedBy"] as const;

/**
 * Current state and history of one kind of revisioned record. Reads pick, among the revisions a
 * query matches, those no later revision supersedes: FerretDB v1 lacks `$first`, so the join is in code.
 */
export class RevisionStore<T extends RevisionFields> {
	readonly #models: RecordModels;
	readonly #name: AuditedModelName;
	readonly #writer: RecordWriter;

	constructor(models: RecordModels, name: AuditedModelName, writer: RecordWriter) {
		this.#models = models;
		this.#name = name;
		this.#writer = writer;
	}

	get #model() {
		return this.#models[this.#name];
	}

	async current(entityId: string): Promise<T> {
		const doc = await this.#model.findOne({ entityId }).sort({ rev: -1 }).lean<T>();
		if (!doc) throw new NotFoundError(`${this.#name} ${entityId}`);
		return doc;
	}

	/** One revision by its own id, or null. */
	revision(revisionId: string): Promise<T | null> {
		return this.#model.findById(revisionId).lean<T>();
	}

	async history(entityId: string): Promise<T[]> {
		const docs = await this.#model.find({ entityId }).sort({ rev: 1 }).lean<T[]>();
		if (docs.length === 0) throw new NotFoundError(`${this.#name} ${entityId}`);
		return docs;
	}

	/** Every revision of each record, oldest first, in one query. */
	async histories(entityIds: readonly string[]): Promise<Map<string, T[]>> {
		const docs = await this.#model
			.find({ entityId: { $in: [...new Set(entityIds)] } })
			.sort({ rev: 1 })
			.lean<T[]>();
		const byId = new Map<string, T[]>();
		for (const doc of docs) byId.set(doc.entityId, [...(byId.get(doc.entityId) ?? []), doc]);
		return byId;
	}

	/** Current revisions matching `filter`, in `sort` order. */
	async find(filter: Record<string, unknown>, sort: Record<string, 1 | -1> = { recordedAt: -1 }): Promise<T[]> {
		const candidates = await this.#model.find(filter).sort(sort).lean<T[]>();
		if (candidates.length === 0) return [];
		const superseded = new Set(
			(
				await this.#model
					.find({ supersedes: { $in: candidates.map((c) => c._id) } }, { supersedes: 1 })
					.lean<{ supersedes: unknown }[]>()
			).map((d) => String(d.supersedes)),
		);
		return candidates.filter((c) => !superseded.has(String(c._id)));
	}

	/** ALREADY_RECORDED if another record's current revision matches (a natural key taken by someone else). */
	async requireUnique(filter: Record<string, unknown>, entityId: unknown, what: string): Promise<void> {
		const taken = await this.find(filter);
		if (taken.some((r) => r.entityId !== entityId)) throw new AlreadyRecordedError(`${what} is already recorded`);
	}

	async list(filter: Record<string, unknown>, sort: Record<string, 1 | -1>, page: Page): Promise<ListResult<T>> {
		const all = await this.find(filter, sort);
		return {
			items: all.slice(page.offset, page.offset + page.limit),
			total: all.length,
			offset: page.offset,
			limit: page.limit,
		};
	}

	/**
	 * The first revision of a new record. `revisionId` makes a retried request land once; a natural
	 * `entityId` (one record per key) makes two concurrent creations collide as CONFLICT.
	 */
	create(
		data: Record<string, unknown>,
		actor: AuditActor,
		revisionId?: string,
		entityId?: string,
	): Promise<WriteOutcome> {
		const id = revisionId ?? new Types.ObjectId().toHexString();
		return this.#writer.write(
			this.#name,
			{
				...withoutOwnFields(data),
				_id: id,
				entityId: entityId ?? id,
				rev: 1,
				supersedes: null,
				change: { kind: "create" },
				recordedAt: new Date(),
				recordedBy: actor.userId,
			},
			actor,
			"create",
		);
	}

	/** A new revision on top of the current one: a change, a correction or a lifecycle step. */
	async revise(
		entityId: string,
		changes: Record<string, unknown>,
		change: RevisionChange,
		actor: AuditActor,
		revisionId?: string,
	): Promise<WriteOutcome> {
		// A retry of a change that landed (same revision id) gets that revision back, not a second one.
		const landed = revisionId ? await this.revision(revisionId) : null;
		if (landed && landed.entityId === entityId) {
			return { document: canonical(landed) as Record<string, JsonValue>, pending: false };
		}
		const head = await this.current(entityId);
		if (change.expectedRev !== undefined && change.expectedRev !== head.rev) {
			throw new ConflictError(`${this.#name} ${entityId} is at revision ${head.rev}, not ${change.expectedRev}`);
		}
		return this.#writer.write(
			this.#name,
			{
				...withoutOwnFields(head as unknown as Record<string, unknown>),
				...withoutOwnFields(changes),
				_id: revisionId ?? new Types.ObjectId().toHexString(),
				entityId,
				rev: head.rev + 1,
				supersedes: head._id,
				change: { kind: change.kind, ...(change.reason ? { reason: change.reason } : {}) },
				recordedAt: new Date(),
				recordedBy: actor.userId,
			},
			actor,
			change.kind,
		);
	}
}

function withoutOwnFields(data: Record<string, unknown>): Record<string, unknown> {
	const copy = { ...data };
	for (const f of OWN_FIELDS) delete copy[f];
	return copy;
}
