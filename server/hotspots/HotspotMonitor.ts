import type { Logger } from "pino";
import type { AlertFacts } from "../../domain/alerts.js";
import {
	criticalUnprepared,
	groupPastDeadline,
	HOTSPOT_ALERT_KINDS,
	type HotspotAlertFacts,
	type HotspotAlertKind,
	notReturned,
	reviewOverdue,
} from "../../domain/hotspots.js";
import { UPCOMING_STATUSES } from "../../domain/sessionLifecycle.js";
import type { Alerts } from "../alerts/Alerts.js";
import { InFlight } from "../InFlight.js";
import type { Records } from "../records/Records.js";
import type { DialogueRequests } from "./DialogueRequests.js";
import type { HotspotNews } from "./HotspotNews.js";
import { returnedCount } from "./rules.js";
import { OPEN_WATCH_STATUSES, type Watches } from "./Watches.js";
import type { WorkingGroups } from "./WorkingGroups.js";

export interface HotspotMonitorOptions {
	records: Records;
	watches: Watches;
	groups: WorkingGroups;
	dialogues: DialogueRequests;
	alerts: Alerts;
	news: HotspotNews;
	now: () => Date;
	checkEveryMs: number;
	logger: Logger;
}

type Items<K extends HotspotAlertKind> = HotspotAlertFacts[K]["items"];

/**
 * The clock's side of the watch: every `checkEveryMs` it raises, per province, a review date that
 * passed, a critical case expected within three days with neither a working group nor a dialogue,
 * and a working group past its return deadline with citizens not home; each clears when its
 * condition ends. It also brings dialogue outcomes onto their watch entries.
 */
export class HotspotMonitor {
	readonly #options: HotspotMonitorOptions;
	readonly #timer: NodeJS.Timeout;
	/** What each (kind, province) alert was last raised with, so an unchanged condition is not raised again. */
	readonly #raised = new Map<string, string>();
	#seeded = false;
	#running: Promise<void> | null = null;
	readonly #inFlight = new InFlight();

	constructor(options: HotspotMonitorOptions) {
		this.#options = options;
		this.#timer = setInterval(() => {
			if (this.#inFlight.closed) return;
			this.#inFlight.track(this.check()).catch((err: unknown) => options.logger.warn({ err }, "hot-spot check failed"));
		}, options.checkEveryMs);
		this.#timer.unref();
	}

	/** One pass; a pass still running is awaited rather than doubled. */
	check(): Promise<void> {
		this.#running ??= this.#check().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	/** Stops checking and waits for a pass under way (before the database closes). */
	async close(): Promise<void> {
		clearInterval(this.#timer);
		await this.#inFlight.close();
		await this.#running;
	}

	async #check(): Promise<void> {
		const { records, watches, groups, dialogues, now: clock } = this.#options;
		if (!this.#seeded) await this.#seed();
		await dialogues.applyOutcomes();
		const now = clock();
		const open = await watches.store.find({ status: { $in: OPEN_WATCH_STATUSES } });
		const caseIds = [...new Set(open.map((w) => w.caseId))];
		const cases = new Map((await records.cases.find({ entityId: { $in: caseIds } })).map((c) => [c.entityId, c]));
		const deployed = await groups.store.find({ status: "deployed" });
		const upcoming = await records.sessions.find({ caseIds: { $in: caseIds }, status: { $in: UPCOMING_STATUSES } });
		const prepared = (caseId: string) =>
			deployed.some((g) => g.caseIds.includes(caseId)) || upcoming.some((s) => s.caseIds.includes(caseId));

		const found: { [K in HotspotAlertKind]: Map<string, Items<K>> } = {
			"watch-review-overdue": new Map(),
			"critical-unprepared": new Map(),
			"group-past-deadline": new Map(),
		};
		const add = <K extends HotspotAlertKind>(kind: K, provinceId: string, item: Items<K>[number]) => {
			const list = (found[kind] as Map<string, Items<K>>).get(provinceId) ?? [];
			(found[kind] as Map<string, Items<K>>).set(provinceId, [...list, item] as Items<K>);
		};
		for (const w of open) {
			const registerNumber = cases.get(w.caseId)?.registerNumber ?? w.caseId;
			if (reviewOverdue(w, now)) {
				add("watch-review-overdue", w.provinceId, {
					watchId: w.entityId,
					caseId: w.caseId,
					registerNumber,
					nextReviewAt: w.nextReviewAt.toISOString(),
				});
			}
			if (criticalUnprepared({ ...w, level: w.risk.level, prepared: prepared(w.caseId) }, now)) {
				add("critical-unprepared", w.provinceId, {
					watchId: w.entityId,
					caseId: w.caseId,
					registerNumber,
					expectedFrom: w.expectedFrom.toISOString(),
					city: w.destination.city,
				});
			}
		}
		for (const g of deployed) {
			const returned = returnedCount(g);
			if (groupPastDeadline({ ...g, returned }, now)) {
				add("group-past-deadline", g.provinceId, {
					groupId: g.entityId,
					decisionNumber: g.decision.number,
					returnDeadline: g.returnDeadline.toISOString(),
					notReturned: notReturned({ received: g.received, returned }),
				});
			}
		}
		for (const kind of HOTSPOT_ALERT_KINDS) await this.#settle(kind, found[kind] as Map<string, Items<typeof kind>>);
	}

	/** Alerts left open by an earlier process: settled (kept, updated or cleared) by this one's first pass. */
	async #seed(): Promise<void> {
		const open = await this.#options.alerts.list({ endpointIds: null, open: true, limit: 10_000 });
		for (const alert of open) {
			if ((HOTSPOT_ALERT_KINDS as readonly string[]).includes(alert.kind)) {
				this.#raised.set(
					`${alert.kind}\n${alert.endpointId}`,
					JSON.stringify((alert.facts as { items: unknown }).items),
				);
			}
		}
		this.#seeded = true;
	}

	/** Raises what is new or changed, clears what ended, leaves the rest alone. */
	async #settle<K extends HotspotAlertKind>(kind: K, byProvince: Map<string, Items<K>>): Promise<void> {
		const { alerts, news } = this.#options;
		for (const [provinceId, items] of byProvince) {
			const key = `${kind}\n${provinceId}`;
			const signature = JSON.stringify(items);
			if (this.#raised.get(key) === signature) continue;
			await alerts.raise(kind, provinceId, null, { items } as AlertFacts[K]);
			this.#raised.set(key, signature);
			news.publish("alert", [provinceId], { provinceId });
		}
		for (const key of [...this.#raised.keys()]) {
			const [k, provinceId = ""] = key.split("\n");
			if (k !== kind || byProvince.has(provinceId)) continue;
			await alerts.clear(kind, provinceId, null);
			this.#raised.delete(key);
			news.publish("alert", [provinceId], { provinceId });
		}
	}
}
