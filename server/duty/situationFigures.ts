import type { FormResult } from "../../domain/api/reports.js";
import type { Day } from "../../domain/duty.js";
import type { ApiServices, RequestContext } from "../http/RequestContext.js";
import type { SituationFigures } from "./models.js";

const RECEPTION_KINDS = ["regular", "leaders"] as const;

/** Visits, people, matters and delegations of a form's regular and leaders' reception columns (its total, or a row's values). */
export function figuresOf(form: FormResult, values: readonly number[] = form.total): SituationFigures {
	const cell = (id: string) => values[form.columns.findIndex((c) => c.id === id)] ?? 0;
	const sum = (measure: string) => RECEPTION_KINDS.reduce((n, kind) => n + cell(`${kind}.${measure}`), 0);
	return {
		visits: sum("visits"),
		people: sum("people"),
		cases: sum("matters-repeat") + sum("matters-new"),
		delegations: sum("delegations"),
	};
}

/** The reports' form over an endpoint's subtree for some days (Vietnam's calendar). */
export function formOver(services: ApiServices, ctx: RequestContext, endpointId: string, from: Day, to: Day) {
	return services.reports.form(ctx, { kind: "custom", from, to, under: endpointId, report: "ad-hoc" });
}

/**
 * A day's figures for an endpoint's subtree, from the reports' statistics (the same form the periodic
 * report counts): visits, people, matters, delegations.
 */
export async function situationFigures(
	services: ApiServices,
	ctx: RequestContext,
	endpointId: string,
	day: Day,
): Promise<Required<SituationFigures>> {
	const figures = figuresOf(await formOver(services, ctx, endpointId, day, day));
	return { ...figures, developments: await developmentsOn(ctx, endpointId, day) };
}

/** Hot-spot developments entered on a day (Vietnam's) on cases held in an endpoint's subtree; corrections are not new ones. */
async function developmentsOn(ctx: RequestContext, endpointId: string, day: Day): Promise<number> {
	const units = new Set(await ctx.tree.subtree(endpointId));
	const from = new Date(`${day}T00:00:00+07:00`);
	const entries = await ctx.records.models.HotspotDevelopment.find(
		{ occurredAt: { $gte: from, $lt: new Date(from.getTime() + 86_400_000) }, corrects: null },
		{ caseId: 1 },
	).lean<{ caseId: string }[]>();
	const held = new Map<string, boolean>();
	let count = 0;
	for (const { caseId } of entries) {
		if (!held.has(caseId)) {
			const c = await ctx.records.cases.current(caseId).catch(() => null);
			held.set(caseId, c?.scopeEndpointIds.some((id) => units.has(id)) ?? false);
		}
		if (held.get(caseId)) count++;
	}
	return count;
}
