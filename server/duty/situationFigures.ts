import type { Day } from "../../domain/duty.js";
import type { ApiServices, RequestContext } from "../http/RequestContext.js";
import type { SituationFigures } from "./models.js";

const RECEPTION_KINDS = ["regular", "leaders"] as const;

/**
 * A day's figures for an endpoint's subtree, from the reports' statistics (the same form the periodic
 * report counts): visits, people, matters, delegations.
 */
export async function situationFigures(
	services: ApiServices,
	ctx: RequestContext,
	endpointId: string,
	day: Day,
): Promise<SituationFigures> {
	const form = await services.reports.form(ctx, {
		kind: "custom",
		from: day,
		to: day,
		under: endpointId,
		report: "ad-hoc",
	});
	const cell = (id: string) => form.total[form.columns.findIndex((c) => c.id === id)] ?? 0;
	const sum = (measure: string) => RECEPTION_KINDS.reduce((n, kind) => n + cell(`${kind}.${measure}`), 0);
	return {
		visits: sum("visits"),
		people: sum("people"),
		cases: sum("matters-repeat") + sum("matters-new"),
		delegations: sum("delegations"),
	};
}
