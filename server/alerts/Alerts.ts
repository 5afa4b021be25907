import type { Connection } from "mongoose";
import type { Logger } from "pino";
import {
	ALERT_KINDS,
	type Alert,
	type AlertClearReason,
	type AlertFacts,
	type AlertKind,
} from "../../domain/alerts.js";
import { NotFoundError } from "../../domain/errors.js";
import { SafeEmitter } from "../../domain/SafeEmitter.js";
import { InFlight } from "../InFlight.js";
import { type AlertDocument, alertModel } from "./AlertModel.js";

type AlertModel = ReturnType<typeof alertModel>;

export interface AlertsOptions {
	/** A group cleared by its condition this recently is reopened by the next raise (a flapping link). */
	regroupMs: number;
	/** Cleared alerts are deleted this long after clearing (operational data; FerretDB v1 has no TTL). */
	retentionMs: number;
	pruneEveryMs: number;
	logger: Logger;
	now?: () => Date;
}

export interface AlertsEvents {
	/** A group was opened, raised again, acknowledged or cleared: its state now. */
	changed: [alert: Alert];
}

export interface AlertFilter {
	/** Only alerts about these endpoints (a caller's scope); null for every endpoint. */
	endpointIds: readonly string[] | null;
	open?: boolean;
	endpointId?: string;
	sessionId?: string;
	/** Only alerts of these kinds. */
	kinds?: readonly AlertKind[];
	/** Also these alerts, wherever they were raised (those delivered to the caller on duty). */
	alsoIds?: readonly string[];
	limit: number;
}

/**
 * The one alert model (docs/operations.md, "Alerts"): raises are grouped per kind, endpoint and
 * session, so a repeated raise bumps the group's count instead of adding a row; a named person
 * acknowledges a group; it clears when its condition ends or its session ends. Stored in the
 * database as operational data and pruned here.
 */
export class Alerts extends SafeEmitter<AlertsEvents> {
	readonly model: AlertModel;
	readonly #options: AlertsOptions;
	readonly #now: () => Date;
	/** Raises and clears of one group run one after another, so concurrent raises never open two rows. */
	readonly #queues = new Map<string, Promise<unknown>>();
	readonly #pruning: NodeJS.Timeout;
	readonly #inFlight = new InFlight();

	constructor(connection: Connection, options: AlertsOptions) {
		super(options.logger);
		this.model = alertModel(connection);
		this.#options = options;
		this.#now = options.now ?? (() => new Date());
		this.#pruning = setInterval(() => {
			this.#inFlight
				.track(this.prune())
				.then((deleted) => deleted > 0 && options.logger.info({ deleted }, "cleared alerts pruned"))
				.catch((err: unknown) => options.logger.warn({ err }, "alerts not pruned"));
		}, options.pruneEveryMs);
		this.#pruning.unref();
	}

	/** Raises an alert: opens its group, or counts one more raise in the open (or just cleared) one. */
	raise<K extends AlertKind>(
		kind: K,
		endpointId: string,
		sessionId: string | null,
		facts: AlertFacts[K],
	): Promise<Alert> {
		return this.#serial(groupKey(kind, endpointId, sessionId), async () => {
			const now = this.#now();
			const group = { kind, endpointId, sessionId };
			const reopenable = await this.model
				.findOne({ ...group, $or: [{ open: true }, { "cleared.reason": "condition-ended" }] })
				.sort({ lastAt: -1 })
				.lean<AlertDocument>();
			const current =
				reopenable &&
				(reopenable.open || now.getTime() - (reopenable.cleared?.at?.getTime() ?? 0) <= this.#options.regroupMs)
					? reopenable
					: null;
			let doc: AlertDocument | null;
			if (current) {
				doc = await this.model
					.findOneAndUpdate(
						{ _id: current._id },
						{ $set: { facts, lastAt: now, open: true, cleared: null }, $inc: { count: 1 } },
						{ new: true },
					)
					.lean<AlertDocument>();
			} else {
				const created = await this.model.create({
					...group,
					severity: ALERT_KINDS[kind],
					facts,
					count: 1,
					firstAt: now,
					lastAt: now,
					open: true,
				});
				doc = created.toObject() as AlertDocument;
			}
			if (!doc) throw new NotFoundError(`alert ${String(current?._id)}`);
			const alert = toAlert(doc);
			if (!current) this.#options.logger.warn({ alert }, "alert raised");
			this.safeEmit("changed", alert);
			return alert;
		});
	}

	/**
	 * The condition ended: clears the open group of this kind for the endpoint and session, or with
	 * `sessionId` undefined, every open group of this kind for the endpoint.
	 */
	clear(kind: AlertKind, endpointId: string, sessionId?: string | null): Promise<Alert[]> {
		const filter = { kind, endpointId, ...(sessionId === undefined ? {} : { sessionId }) };
		return this.#serial(groupKey(kind, endpointId, sessionId ?? null), () =>
			this.#clearWhere(filter, "condition-ended"),
		);
	}

	/** The session ended (or was cancelled): every open alert of it clears. */
	clearSession(sessionId: string): Promise<Alert[]> {
		return this.#clearWhere({ sessionId }, "session-ended");
	}

	/** A named person takes the alert in hand; the first acknowledgement stands. */
	async acknowledge(id: string, by: { userId: string; name: string }): Promise<Alert> {
		const acknowledged = { ...by, at: this.#now() };
		const doc =
			(await this.model
				.findOneAndUpdate({ _id: id, acknowledged: null }, { $set: { acknowledged } }, { new: true })
				.lean<AlertDocument>()) ?? (await this.model.findById(id).lean<AlertDocument>());
		if (!doc) throw new NotFoundError(`alert ${id}`);
		const alert = toAlert(doc);
		if (alert.acknowledged?.userId === by.userId) this.safeEmit("changed", alert);
		return alert;
	}

	async get(id: string): Promise<Alert> {
		const doc = await this.model.findById(id).lean<AlertDocument>();
		if (!doc) throw new NotFoundError(`alert ${id}`);
		return toAlert(doc);
	}

	/** Newest first. */
	async list(filter: AlertFilter): Promise<Alert[]> {
		const query: Record<string, unknown> = {};
		const also = filter.alsoIds?.length ? { _id: { $in: [...filter.alsoIds] } } : null;
		if (filter.endpointIds) {
			const inScope = { endpointId: { $in: [...filter.endpointIds] } };
			if (also) query.$or = [inScope, also];
			else Object.assign(query, inScope);
		}
		if (filter.endpointId) {
			const reachable = !filter.endpointIds || filter.endpointIds.includes(filter.endpointId) || also;
			query.endpointId = reachable ? filter.endpointId : { $in: [] };
		}
		if (filter.open !== undefined) query.open = filter.open;
		if (filter.sessionId) query.sessionId = filter.sessionId;
		if (filter.kinds) query.kind = { $in: [...filter.kinds] };
		const docs = await this.model.find(query).sort({ lastAt: -1 }).limit(filter.limit).lean<AlertDocument[]>();
		return docs.map(toAlert);
	}

	/** Every open alert, page after page in the order they were opened (a sweep over all of them). */
	async *open(pageSize: number): AsyncGenerator<Alert> {
		let after: unknown = null;
		for (;;) {
			const page = await this.model
				.find({ open: true, ...(after === null ? {} : { _id: { $gt: after } }) })
				.sort({ _id: 1 })
				.limit(pageSize)
				.lean<AlertDocument[]>();
			for (const doc of page) yield toAlert(doc);
			if (page.length < pageSize) return;
			after = page.at(-1)?._id ?? null;
		}
	}

	/** Deletes alerts cleared longer ago than the retention period. */
	async prune(now = this.#now()): Promise<number> {
		const cutoff = new Date(now.getTime() - this.#options.retentionMs);
		return (await this.model.deleteMany({ open: false, "cleared.at": { $lt: cutoff } })).deletedCount;
	}

	/** Stops pruning and waits for a pass under way (before the database closes). */
	async close(): Promise<void> {
		clearInterval(this.#pruning);
		await this.#inFlight.close();
	}

	async #clearWhere(filter: Record<string, unknown>, reason: AlertClearReason): Promise<Alert[]> {
		const open = await this.model.find({ ...filter, open: true }, { _id: 1 }).lean<{ _id: unknown }[]>();
		if (open.length === 0) return [];
		const cleared = { reason, at: this.#now() };
		const ids = open.map((d) => d._id);
		await this.model.updateMany({ _id: { $in: ids }, open: true }, { $set: { open: false, cleared } });
		const docs = await this.model.find({ _id: { $in: ids } }).lean<AlertDocument[]>();
		const alerts = docs.map(toAlert);
		for (const alert of alerts) this.safeEmit("changed", alert);
		return alerts;
	}

	#serial<T>(key: string, task: () => Promise<T>): Promise<T> {
		const previous = this.#queues.get(key) ?? Promise.resolve();
		const next = previous.then(task, task);
		const settled = next.catch(() => undefined);
		this.#queues.set(key, settled);
		void settled.then(() => {
			if (this.#queues.get(key) === settled) this.#queues.delete(key);
		});
		return next;
	}
}

function groupKey(kind: AlertKind, endpointId: string, sessionId: string | null): string {
	return `${kind}\u0000${endpointId}\u0000${sessionId ?? ""}`;
}

function toAlert(doc: AlertDocument): Alert {
	return {
		id: String(doc._id),
		kind: doc.kind as AlertKind,
		severity: doc.severity,
		endpointId: doc.endpointId,
		sessionId: doc.sessionId ?? null,
		facts: doc.facts as AlertFacts[AlertKind],
		count: doc.count,
		firstAt: doc.firstAt.toISOString(),
		lastAt: doc.lastAt.toISOString(),
		acknowledged: doc.acknowledged?.at
			? {
					userId: doc.acknowledged.userId ?? "",
					name: doc.acknowledged.name ?? "",
					at: doc.acknowledged.at.toISOString(),
				}
			: null,
		cleared: doc.cleared?.at
			? { reason: doc.cleared.reason as AlertClearReason, at: doc.cleared.at.toISOString() }
			: null,
	} as Alert;
}
