import type { z } from "zod";
import type { rangeAndEndpointQuery } from "../../../domain/api/common.js";
import type { RequestContext } from "../RequestContext.js";

/** Half-open date range on `field`: from ≤ value < to. */
export function dateRange(field: string, from?: Date, to?: Date): Record<string, unknown> {
	if (!from && !to) return {};
	return { [field]: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } };
}

/**
 * The caller's scope and, when asked, an endpoint subtree, both on `field`: combined with $and
 * because each is an `$in` on the same array field.
 */
export async function scopedFilter(
	ctx: RequestContext,
	field: string,
	endpoint: string | undefined,
	rest: Record<string, unknown>,
): Promise<Record<string, unknown>> {
	const clauses: Record<string, unknown>[] = [ctx.scope.filter(field)];
	if (endpoint) clauses.push({ [field]: { $in: await ctx.tree.subtree(endpoint) } });
	const conditions = [...clauses, rest].filter((c) => Object.keys(c).length > 0);
	return conditions.length === 0 ? {} : { $and: conditions };
}

/** The scope, an optional endpoint subtree and a `from`/`to` range on `dateField`, plus exact-match filters. */
export function scopedRangeFilter(
	ctx: RequestContext,
	dateField: string,
	query: z.infer<typeof rangeAndEndpointQuery>,
	exact: Record<string, unknown>,
): Promise<Record<string, unknown>> {
	return scopedFilter(ctx, "scopeEndpointIds", query.endpoint, {
		...dateRange(dateField, query.from, query.to),
		...defined(exact),
	});
}

/** Drops unset optional filters so they do not reach the query as `undefined`. */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
