import type { Connection, Model } from "mongoose";
import type { BoardAnswer, BoardQuery, ProvinceCount, WatchView } from "../../domain/api/hotspots.js";
import { isDuplicateKey } from "../records/AuditLog.js";
import type { Records } from "../records/Records.js";
import type { Caller } from "./Caller.js";
import { type BoardViewRecord, boardViewModel } from "./models/BoardView.js";
import type { DevelopmentRecord } from "./models/Development.js";
import type { Watches } from "./Watches.js";

/**
 * The boards: a province's watchlist and the central office's national board are one list of the
 * watch entries the caller holds, filtered and sorted (overdue reviews, risk, expected date), with
 * counts per province and what changed since the viewer last marked the board seen.
 */
export class HotspotBoard {
	readonly #views: Model<BoardViewRecord>;
	readonly #records: Records;
	readonly #watches: Watches;
	readonly #now: () => Date;

	constructor(connection: Connection, records: Records, watches: Watches, now: () => Date) {
		this.#views = boardViewModel(connection);
		this.#records = records;
		this.#watches = watches;
		this.#now = now;
	}

	async watchlist(query: BoardQuery, caller: Caller): Promise<WatchView[]> {
		return (await this.#watches.list(query, caller)).map((h) => this.#watches.view(h));
	}

	async board(query: BoardQuery, caller: Caller): Promise<BoardAnswer> {
		const held = await this.#watches.list(query, caller);
		const items = held.map((h) => this.#watches.view(h));
		const seen = await this.#views.findById(caller.identity.sub).lean<BoardViewRecord>();
		let changedSince: string[] = [];
		if (seen) {
			const developed = new Set(
				(
					await this.#records.models.HotspotDevelopment.find(
						{ recordedAt: { $gt: seen.seenAt }, caseId: { $in: held.map((h) => h.watch.caseId) } },
						{ caseId: 1 },
					).lean<Pick<DevelopmentRecord, "caseId">[]>()
				).map((d) => d.caseId),
			);
			changedSince = held
				.filter((h) => h.watch.recordedAt > seen.seenAt || developed.has(h.watch.caseId))
				.map((h) => h.watch.entityId);
		}
		return { items, counts: countByProvince(items), lastSeenAt: seen?.seenAt.toISOString() ?? null, changedSince };
	}

	async markSeen(caller: Caller): Promise<{ seenAt: string }> {
		const seenAt = this.#now();
		const mark = () => this.#views.updateOne({ _id: caller.identity.sub }, { $set: { seenAt } }, { upsert: true });
		// Two concurrent upserts of a new user's mark: one inserts, the other collides and updates.
		await mark().catch((err: unknown) => {
			if (!isDuplicateKey(err)) throw err;
			return mark();
		});
		return { seenAt: seenAt.toISOString() };
	}
}

function countByProvince(items: WatchView[]): ProvinceCount[] {
	const counts = new Map<string, ProvinceCount>();
	for (const w of items) {
		const c = counts.get(w.provinceId) ?? { provinceId: w.provinceId, total: 0, critical: 0, high: 0, watch: 0 };
		c.total++;
		c[w.risk.level]++;
		counts.set(w.provinceId, c);
	}
	return [...counts.values()].sort((a, b) => b.critical - a.critical || b.total - a.total);
}
