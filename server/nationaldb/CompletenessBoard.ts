import type { CompletenessBoard, CompletenessRow, RejectedRecord } from "../../domain/api/nationalDb.js";
import { fixPathOf } from "../../domain/nationalDb.js";
import type { Records } from "../records/Records.js";
import { presentPlaces } from "../records/successorPaths.js";
import type { OutboxItem, OutboxModels } from "./OutboxModels.js";

type Placed = Pick<OutboxItem, "endpointId" | "provinceId" | "communeId">;

interface GroupRow {
	_id: Placed & { status: string };
	n: number;
}

const UNSYNCHRONISED = ["pending", "sent"];

/** At most this many rejected records are listed (the counts cover them all). */
const REJECTED_LISTED = 200;

/**
 * The directive's "check data entry": per province and commune, what reached the national database,
 * what has not yet, what it rejected and why. A rejected record fixed by a later revision that went
 * through is no longer counted as rejected. Records count where their endpoint stands today: a unit
 * merged in the 2025 reform counts under its successor (as the reports do, `UnitMap`); an endpoint
 * no longer known, under the place stored with the record.
 */
export async function completenessBoard(
	models: OutboxModels,
	records: Records,
	endpointIds: string[] | null,
	mode: string,
	now = new Date(),
): Promise<CompletenessBoard> {
	const match = endpointIds === null ? {} : { endpointId: { $in: endpointIds } };
	const groups = await models.Item.aggregate<GroupRow>([
		{ $match: match },
		{
			$group: {
				_id: { endpointId: "$endpointId", provinceId: "$provinceId", communeId: "$communeId", status: "$status" },
				// FerretDB v1 has $sum but not $min: the oldest pending record is one indexed query per place.
				n: { $sum: 1 },
			},
		},
	]);
	const rejectedItems = await models.Item.find({ ...match, status: "rejected" })
		.sort({ settledAt: -1 })
		.lean<OutboxItem[]>();
	const stillRejected = await withoutFixed(models, rejectedItems);
	const placeNow = presentPlaces(await records.endpoints.find({}));
	const placeOf = (item: Placed) => {
		const now = placeNow(item.endpointId);
		if (!now) return { provinceId: item.provinceId, communeId: item.communeId, provinceName: null, communeName: null };
		const { province, commune } = now;
		const names = { provinceName: province?.name ?? null, communeName: commune?.name ?? null };
		return { provinceId: province?.entityId ?? null, communeId: commune?.entityId ?? null, ...names };
	};
	const fixedPerPlace = new Map<string, number>();
	for (const item of rejectedItems) {
		if (stillRejected.includes(item)) continue;
		const { provinceId, communeId } = placeOf(item);
		const place = placeKey(provinceId, communeId);
		fixedPerPlace.set(place, (fixedPerPlace.get(place) ?? 0) + 1);
	}
	const rows = new Map<string, CompletenessRow>();
	/** The endpoints whose records each row counts (for its oldest pending record). */
	const endpointsOf = new Map<string, Set<string>>();
	for (const g of groups) {
		const { provinceId, communeId, provinceName, communeName } = placeOf(g._id);
		const key = placeKey(provinceId, communeId);
		let row = rows.get(key);
		if (!row) {
			row = {
				provinceId,
				provinceName: provinceName ?? provinceId ?? "—",
				communeId,
				communeName: communeName ?? communeId,
				acknowledged: 0,
				unsynchronised: 0,
				rejected: -(fixedPerPlace.get(key) ?? 0),
				oldestPendingSeconds: null,
			};
			rows.set(key, row);
		}
		endpointsOf.set(key, (endpointsOf.get(key) ?? new Set()).add(g._id.endpointId));
		const { status } = g._id;
		if (status === "acknowledged") row.acknowledged += g.n;
		else if (status === "rejected") row.rejected += g.n;
		else row.unsynchronised += g.n;
	}
	for (const [key, row] of rows) {
		if (row.unsynchronised === 0) continue;
		const oldest = await models.Item.findOne(
			{ ...match, endpointId: { $in: [...(endpointsOf.get(key) ?? [])] }, status: { $in: UNSYNCHRONISED } },
			{ enqueuedAt: 1 },
		)
			.sort({ enqueuedAt: 1 })
			.lean<Pick<OutboxItem, "enqueuedAt">>();
		if (oldest)
			row.oldestPendingSeconds = Math.max(0, Math.round((now.getTime() - oldest.enqueuedAt.getTime()) / 1000));
	}
	const sorted = [...rows.values()].sort(
		(a, b) =>
			a.provinceName.localeCompare(b.provinceName, "vi") ||
			(a.communeName ?? "").localeCompare(b.communeName ?? "", "vi"),
	);
	const totals = {
		acknowledged: sum(sorted, "acknowledged"),
		unsynchronised: sum(sorted, "unsynchronised"),
		rejected: sum(sorted, "rejected"),
		oldestPendingSeconds: sorted.reduce<number | null>(
			(max, r) =>
				r.oldestPendingSeconds !== null && (max === null || r.oldestPendingSeconds > max)
					? r.oldestPendingSeconds
					: max,
			null,
		),
	};
	const rejected: RejectedRecord[] = [];
	for (const item of stillRejected.slice(0, REJECTED_LISTED)) {
		rejected.push({
			key: item._id,
			kind: item.kind,
			entityId: item.entityId,
			rev: item.rev,
			provinceName: item.record.province?.name ?? null,
			communeName: item.record.commune?.name ?? null,
			reason: item.rejectReason ?? "",
			rejectedAt: (item.settledAt ?? item.enqueuedAt).toISOString(),
			fixPath: fixPathOf(item.kind, item.entityId, item.record.data),
		});
	}
	return { generatedAt: now.toISOString(), mode, rows: sorted, totals, rejected };
}

/** Rejected items with no later revision of the same record that is acknowledged or on its way. */
async function withoutFixed(models: OutboxModels, rejected: OutboxItem[]): Promise<OutboxItem[]> {
	if (rejected.length === 0) return [];
	const later = await models.Item.find(
		{ entityId: { $in: [...new Set(rejected.map((r) => r.entityId))] }, status: "acknowledged" },
		{ kind: 1, entityId: 1, rev: 1 },
	).lean<Pick<OutboxItem, "kind" | "entityId" | "rev">[]>();
	return rejected.filter((r) => !later.some((l) => l.kind === r.kind && l.entityId === r.entityId && l.rev > r.rev));
}

function placeKey(provinceId: string | null, communeId: string | null): string {
	return `${provinceId ?? ""}/${communeId ?? ""}`;
}

function sum(rows: CompletenessRow[], field: "acknowledged" | "unsynchronised" | "rejected"): number {
	return rows.reduce((n, r) => n + r[field], 0);
}
