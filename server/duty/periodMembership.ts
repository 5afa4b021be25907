import { addDays, dayOf } from "../../domain/duty.js";
import { NotFoundError } from "../../domain/errors.js";
import type { RequestContext } from "../http/RequestContext.js";
import type { Records } from "../records/Records.js";
import { RevisionStore } from "../records/RevisionStore.js";
import { ancestryOf } from "./ancestry.js";
import type { PeakPeriodRecord } from "./models.js";

/*
 * Which peak period a session, case or report belongs to is derived when it is read, from the period
 * as it stands (its days × its subtree), never stored on the record: a period declared after the work,
 * or whose dates are corrected, is right at once, and no official record is rewritten (docs/duty.md).
 */

const periodsOf = (records: Records) =>
	new RevisionStore<PeakPeriodRecord>(records.models, "PeakPeriod", records.writer);

/** From the first day's start to the day after the last (Vietnam's calendar), half-open. */
export function periodWindow(period: Pick<PeakPeriodRecord, "from" | "to">): { $gte: Date; $lt: Date } {
	return { $gte: new Date(`${period.from}T00:00:00+07:00`), $lt: new Date(`${addDays(period.to, 1)}T00:00:00+07:00`) };
}

/**
 * The query condition "made in this period": `dateField` within its days and `endpointField` in its
 * subtree. A period the caller cannot see is answered as absent, naming the query's field.
 */
export async function inPeakPeriod(
	ctx: RequestContext,
	periodId: string,
	dateField: string,
	endpointField: string,
): Promise<Record<string, unknown>> {
	const period = await periodsOf(ctx.records)
		.current(periodId)
		.catch(() => null);
	const subtree = period ? await ctx.tree.subtree(period.endpointId) : [];
	if (!period || !ctx.scope.covers(subtree)) throw new NotFoundError(`query.peakPeriod: peak period ${periodId}`);
	return { [dateField]: periodWindow(period), [endpointField]: { $in: subtree } };
}

/**
 * Each record with the peak periods it belongs to (`peakPeriodIds`), derived now: every period whose
 * days include the record's day and whose subtree holds one of its endpoints.
 */
export async function withPeakPeriods<T extends Record<string, unknown>>(
	records: Records,
	items: readonly T[],
	of: (item: T) => { at: Date; endpointIds: readonly string[] },
): Promise<(T & { peakPeriodIds: string[] })[]> {
	if (items.length === 0) return [];
	const periods = await periodsOf(records).find({});
	const chains = new Map<string, readonly string[]>();
	const chainOf = async (id: string) => {
		let chain = chains.get(id);
		if (!chain) {
			const endpoint = await records.endpoints.current(id).catch(() => null);
			chain = endpoint ? ancestryOf(endpoint) : [];
			chains.set(id, chain);
		}
		return chain;
	};
	const tagged = [];
	for (const item of items) {
		const { at, endpointIds } = of(item);
		const units = new Set((await Promise.all(endpointIds.map(chainOf))).flat());
		const day = Number.isNaN(at.getTime()) ? "" : dayOf(at);
		const peakPeriodIds = periods
			.filter((p) => p.from <= day && day <= p.to && units.has(p.endpointId))
			.map((p) => p.entityId)
			.sort();
		tagged.push({ ...item, peakPeriodIds });
	}
	return tagged;
}
