import { dayOf } from "../../domain/duty.js";
import type { Records } from "../records/Records.js";
import { RevisionStore } from "../records/RevisionStore.js";
import { ancestryOf } from "./ancestry.js";
import type { PeakPeriodRecord } from "./models.js";

/**
 * The peak periods a record made at `at` for these endpoints belongs to: those whose days include
 * that day (Vietnam's calendar) and whose subtree holds one of the endpoints. Sessions and cases are
 * tagged with them when written (`peakPeriodIds`), so the work of a Tết can be listed by its period.
 */
export async function peakPeriodIdsAt(records: Records, endpointIds: readonly string[], at: Date): Promise<string[]> {
	const chain = new Set<string>();
	for (const id of new Set(endpointIds)) {
		const endpoint = await records.endpoints.current(id).catch(() => null);
		for (const unit of endpoint ? ancestryOf(endpoint) : []) chain.add(unit);
	}
	if (chain.size === 0 || Number.isNaN(at.getTime())) return [];
	const day = dayOf(at);
	const periods = new RevisionStore<PeakPeriodRecord>(records.models, "PeakPeriod", records.writer);
	const covering = await periods.find({ endpointId: { $in: [...chain] }, from: { $lte: day }, to: { $gte: day } });
	return covering.map((p) => p.entityId).sort();
}
