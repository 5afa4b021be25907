import type { DutyUnit } from "../../domain/duty.js";
import { NotFoundError } from "../../domain/errors.js";
import type { RequestContext } from "../http/RequestContext.js";
import { ref, requireReferencesInScope } from "../http/references.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import { DutyRoster } from "./DutyRoster.js";

/** An endpoint a request names, answered as absent when outside the caller's scope. */
export const inScope = (ctx: RequestContext, field: string, endpointId: string) =>
	requireReferencesInScope([ref("endpoints", field, endpointId)], ctx);

/** The provinces (and the central office) of a subtree within the caller's scope: the offices that keep a roster. */
export async function rosterOffices(ctx: RequestContext, rootId: string): Promise<EndpointRecord[]> {
	const subtree = await ctx.tree.subtree(rootId);
	const endpoints = await ctx.records.endpoints.find({ entityId: { $in: subtree }, active: { $ne: false } });
	return endpoints.filter((e) => (e.level === "central" || e.level === "province") && ctx.scope.covers([e.entityId]));
}

/**
 * A slot's agency must be one of its endpoint's own (a province's agencies, or a commune's committee at
 * that commune). An unknown agency, one outside the caller's scope, or one of another endpoint is
 * answered as absent (404 naming the field), so the answer tells nothing about other provinces.
 */
export async function requireAgencyOf(ctx: RequestContext, field: string, unit: DutyUnit): Promise<void> {
	if (!unit.agencyId) return;
	await requireReferencesInScope([ref("agencies", field, unit.agencyId)], ctx);
	const agency = await ctx.records.agencies.current(unit.agencyId);
	if ((agency.communeId ?? agency.provinceId) !== unit.endpointId || agency.active === false) {
		throw new NotFoundError(`${field}: ${unit.agencyId} at endpoint ${unit.endpointId}`);
	}
}

/**
 * The units whose roster the gap check reads over some days of a subtree: the offices' own reception
 * points, and every other endpoint or agency of the subtree that has a roster then.
 */
export async function gapUnits(
	ctx: RequestContext,
	roster: DutyRoster,
	rootId: string,
	from: string,
	to: string,
): Promise<DutyUnit[]> {
	const subtree = (await ctx.tree.subtree(rootId)).filter((u) => ctx.scope.covers([u]));
	const offices = (await rosterOffices(ctx, rootId)).map((e) => ({ endpointId: e.entityId }));
	return DutyRoster.unitsOf([...offices, ...(await roster.slotsOf(subtree, from, to))]);
}
