import { type Response, Router } from "express";
import { dutySlotInput, rangeGapsQuery, rangePublishInput, rangeRosterQuery } from "../../domain/api/duty.js";
import { daysBetween, SHIFTS } from "../../domain/duty.js";
import { renderOfficialPdf } from "../documents/renderOfficialPdf.js";
import { type ApiServices, authorised, type RequestContext } from "../http/RequestContext.js";
import { ref, requireReferencesInScope } from "../http/references.js";
import { revisionView, sendWritten } from "../http/routes/revisionRoutes.js";
import { validate } from "../http/validate.js";
import type { DutyRoster } from "./DutyRoster.js";
import type { DutyServices } from "./DutyServices.js";
import { gapUnits, inScope, requireAgencyOf } from "./dutyScope.js";
import { type RosterSpan, rosterDocument } from "./rosterDocument.js";

/** The roster of some days: the days, the shifts, every slot of the endpoints in scope, its agencies' names. */
export async function rosterAnswer(
	ctx: RequestContext,
	roster: DutyRoster,
	units: readonly string[],
	span: RosterSpan,
) {
	const visible = units.filter((u) => ctx.scope.covers([u]));
	const slots = await roster.slotsOf(visible, span.from, span.to);
	const agencyName = await roster.agencyNames(slots);
	const agencyIds = [...new Set(slots.flatMap((s) => (s.agencyId ? [s.agencyId] : [])))];
	return {
		days: daysBetween(span.from, span.to),
		shifts: SHIFTS,
		items: slots.map((s) => revisionView(s as unknown as Record<string, unknown>)),
		agencies: agencyIds.map((id) => ({ id, name: agencyName(id) })),
		publishedEndpointIds: await roster.publishedIn(visible, span.from, span.to),
	};
}

/** One endpoint's roster of a span (a peak period, or ordinary days) sent as the printed document. */
export async function sendRosterPdf(
	res: Response,
	services: ApiServices,
	ctx: RequestContext,
	duty: DutyServices,
	span: RosterSpan,
	endpointId: string,
): Promise<void> {
	await inScope(ctx, "query.endpoint", endpointId);
	const endpoint = await ctx.records.endpoints.current(endpointId);
	const slots = await duty.roster.slotsOf([endpointId], span.from, span.to);
	const { settings } = await duty.roster.settingsFor(endpointId);
	const agencyName = await duty.roster.agencyNames(slots);
	const printed = { by: ctx.identity.name, at: duty.now() };
	const spec = rosterDocument(span, endpoint, slots, settings, agencyName, printed);
	const pdf = await renderOfficialPdf(spec, services.documentFonts, {
		title: `Lịch trực — ${span.name ?? endpoint.name}`,
		author: endpoint.name,
	});
	res.type("pdf").set("content-disposition", 'inline; filename="lich-truc.pdf"').send(pdf);
}

/** A new slot's references: its endpoint, its agency (one of the endpoint's own) and its user, all in scope. */
export async function requireSlotReferences(
	ctx: RequestContext,
	input: { endpointId: string; agencyId?: string; person: { userId?: string } },
): Promise<void> {
	await inScope(ctx, "body.endpointId", input.endpointId);
	await requireAgencyOf(ctx, "body.agencyId", input);
	await requireReferencesInScope([ref("users", "body.person.userId", input.person.userId)], ctx);
}

/**
 * `/api/duty` outside a peak period: the roster of any days (ordinary after-hours duty), its gaps by
 * each day's requirements, new slots on any day, publishing an ordinary roster (docs/duty.md).
 */
export function rosterRoutes(services: ApiServices, duty: DutyServices): Router {
	const router = Router();
	const { roster } = duty;

	router.get("/roster", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { endpoint, ...span } = validate(rangeRosterQuery, req.query, "query");
		if (endpoint) await inScope(ctx, "query.endpoint", endpoint);
		const units = endpoint ? [endpoint] : await ctx.tree.subtree(ctx.identity.endpointId);
		res.json(await rosterAnswer(ctx, roster, units, { name: null, ...span }));
	});

	router.get("/roster.pdf", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { endpoint, ...span } = validate(rangeRosterQuery, req.query, "query");
		await sendRosterPdf(res, services, ctx, duty, { name: null, ...span }, endpoint ?? ctx.identity.endpointId);
	});

	router.get("/gaps", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { under = ctx.identity.endpointId, from, to } = validate(rangeGapsQuery, req.query, "query");
		await inScope(ctx, "query.under", under);
		res.json({ items: await roster.gaps(await gapUnits(ctx, roster, under, from, to), from, to) });
	});

	router.post("/slots", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "write");
		const { correction, ...input } = validate(dutySlotInput, req.body, "body");
		await requireSlotReferences(ctx, input);
		sendWritten(res, await roster.addSlot(null, input, correction, ctx.actor));
	});

	router.post("/publish", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "write");
		const { endpointId, from, to } = validate(rangePublishInput, req.body, "body");
		await inScope(ctx, "body.endpointId", endpointId);
		const endpoint = await ctx.records.endpoints.current(endpointId);
		sendWritten(res, await roster.publish(endpoint, from, to, ctx.actor));
	});

	return router;
}
