import { type Request, type Response, Router } from "express";
import { idParams } from "../../domain/api/common.js";
import {
	communeReportRequestInput,
	dutyIcalParams,
	dutySlotChange,
	dutySlotInput,
	onDutyQuery,
	peakPeriodCorrection,
	peakPeriodInput,
	periodIdParams,
	prefillQuery,
	publishInput,
	reportsQuery,
	rosterQuery,
	settingsParams,
	shiftSettingsInput,
	situationReportInput,
	slotIdParams,
	summaryQuery,
} from "../../domain/api/duty.js";
import { addDays, dayOf, type ShiftSettings } from "../../domain/duty.js";
import { NotFoundError, ValidationError } from "../../domain/errors.js";
import { AlertAccess } from "../alerts/alertAccess.js";
import { renderOfficialPdf } from "../documents/renderOfficialPdf.js";
import { type ApiServices, authorised, type RequestContext } from "../http/RequestContext.js";
import { ref, requireReferencesInScope, visible as visibleRecord } from "../http/references.js";
import { revisionView, sendWritten } from "../http/routes/revisionRoutes.js";
import { validate } from "../http/validate.js";
import { CommuneReports, isCommune } from "./communeReports.js";
import type { DutyServices } from "./DutyServices.js";
import { dutyIcs } from "./dutyCalendar.js";
import { gapUnits, inScope, rosterOffices } from "./dutyScope.js";
import type { PeakPeriodRecord } from "./models.js";
import { type PeriodSummary, summaryDocument, summaryXlsx } from "./periodSummary.js";
import { requireSlotReferences, rosterAnswer, rosterRoutes, sendRosterPdf } from "./rosterRoutes.js";
import { formOver, situationFigures } from "./situationFigures.js";

export type { DutyServices };

/** `/api/duty`: peak periods, rosters, who is on duty, daily situation reports, alert deliveries. */
export function dutyRoutes(services: ApiServices, duty: DutyServices): Router {
	const router = Router();
	const { roster } = duty;
	const communes = new CommuneReports(services.records);
	const alertAccess = new AlertAccess(services.records);
	// A period concerns every user whose scope reaches into its subtree (a nationwide one, everybody).
	const visible = async (ctx: RequestContext, period: PeakPeriodRecord) =>
		ctx.scope.covers(await ctx.tree.subtree(period.endpointId));
	const periodInScope = async (ctx: RequestContext, id: string): Promise<PeakPeriodRecord> => {
		const period = await roster.periods.current(id);
		if (!(await visible(ctx, period))) throw new NotFoundError(`peak period ${id}`);
		return period;
	};

	router.get("/periods", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const periods = await roster.periods.find({}, { from: -1 });
		const items = [];
		for (const p of periods)
			if (await visible(ctx, p)) items.push(revisionView(p as unknown as Record<string, unknown>));
		res.json({ items });
	});

	router.post("/periods", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "declare");
		const input = validate(peakPeriodInput, req.body, "body");
		await inScope(ctx, "body.endpointId", input.endpointId);
		const endpoint = await ctx.records.endpoints.current(input.endpointId);
		if (endpoint.level !== "central" && endpoint.level !== "province") {
			throw new ValidationError("a peak period is declared nationwide or for a province", [
				{ path: "body.endpointId", message: "not the central office or a province" },
			]);
		}
		const written = await roster.periods.create(
			{ ...input, publishedEndpointIds: [], scopeEndpointIds: [endpoint.entityId, ...endpoint.ancestors] },
			ctx.actor,
		);
		sendWritten(res, written);
	});

	router.get("/periods/:id", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { id } = validate(periodIdParams, req.params, "params");
		res.json(revisionView((await periodInScope(ctx, id)) as unknown as Record<string, unknown>));
	});

	// A correction of the name, kind or days: a revision naming who and why; the subtree stays.
	router.patch("/periods/:id", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "declare");
		const { id } = validate(periodIdParams, req.params, "params");
		const { correction, ...changes } = validate(peakPeriodCorrection, req.body, "body");
		const period = await periodInScope(ctx, id);
		// A province reads the nationwide period but corrects only its own.
		await inScope(ctx, "params.id", period.endpointId);
		const { name, kind, from, to, endpointId } = { ...period, ...changes };
		validate(peakPeriodInput, { name, kind, from, to, endpointId }, "body");
		const stranded = await roster.reports.find({ periodId: id, $or: [{ day: { $lt: from } }, { day: { $gt: to } }] });
		if (stranded.length > 0) {
			const days = [...new Set(stranded.map((r) => r.day))].sort().join(", ");
			throw new ValidationError(`situation reports of ${days} would fall outside the period`, [
				{
					path: stranded.some((r) => r.day < from) ? "body.from" : "body.to",
					message: `reports of ${days} lie outside`,
				},
			]);
		}
		sendWritten(res, await roster.periods.revise(id, changes, { kind: "correction", ...correction }, ctx.actor));
	});

	router.get("/periods/:id/history", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { id } = validate(periodIdParams, req.params, "params");
		await periodInScope(ctx, id);
		const history = await roster.periods.history(id);
		res.json({ items: history.map((r) => revisionView(r as unknown as Record<string, unknown>)) });
	});

	router.get("/periods/:id/roster", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { id } = validate(periodIdParams, req.params, "params");
		const q = validate(rosterQuery, req.query, "query");
		const period = await periodInScope(ctx, id);
		const units = q.endpoint ? [q.endpoint] : await ctx.tree.subtree(period.endpointId);
		res.json(await rosterAnswer(ctx, roster, units, period));
	});

	// One endpoint's roster as the printed document (PDF).
	router.get("/periods/:id/roster.pdf", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { id } = validate(periodIdParams, req.params, "params");
		const q = validate(rosterQuery, req.query, "query");
		const period = await periodInScope(ctx, id);
		await sendRosterPdf(res, services, ctx, duty, period, q.endpoint ?? ctx.identity.endpointId);
	});

	router.get("/periods/:id/gaps", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { id } = validate(periodIdParams, req.params, "params");
		const period = await periodInScope(ctx, id);
		// The offices in the period's subtree, and every other endpoint or agency of it that has a roster.
		const units = await gapUnits(ctx, roster, period.endpointId, period.from, period.to);
		res.json({ items: await roster.gaps(units, period.from, period.to) });
	});

	router.post("/periods/:id/slots", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "write");
		const { id } = validate(periodIdParams, req.params, "params");
		const { correction, ...input } = validate(dutySlotInput, req.body, "body");
		await requireSlotReferences(ctx, input);
		const period = await periodInScope(ctx, id);
		sendWritten(res, await roster.addSlot(period, input, correction, ctx.actor));
	});

	router.patch("/slots/:id", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "write");
		const { id } = validate(slotIdParams, req.params, "params");
		const { correction, ...change } = validate(dutySlotChange, req.body, "body");
		const slot = await visibleRecord(roster.slots.current(id), (s) => [s.endpointId], ctx, `duty slot ${id}`);
		await requireReferencesInScope([ref("users", "body.person.userId", change.person?.userId)], ctx);
		sendWritten(res, await roster.changeSlot(slot, change, correction, ctx.actor));
	});

	router.get("/slots/:id/history", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { id } = validate(slotIdParams, req.params, "params");
		await visibleRecord(roster.slots.current(id), (s) => [s.endpointId], ctx, `duty slot ${id}`);
		const history = await roster.slots.history(id);
		// Who changed it, by name: the grid's history shows who, why and when.
		const writers = await ctx.records.users.find({ entityId: { $in: [...new Set(history.map((r) => r.recordedBy))] } });
		const names = new Map(writers.map((u) => [u.entityId, u.name]));
		res.json({
			items: history.map((r) => ({
				...revisionView(r as unknown as Record<string, unknown>),
				recordedByName: names.get(r.recordedBy) ?? r.recordedBy,
			})),
		});
	});

	router.post("/periods/:id/publish", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "write");
		const { id } = validate(periodIdParams, req.params, "params");
		const { endpointId } = validate(publishInput, req.body, "body");
		await inScope(ctx, "body.endpointId", endpointId);
		const period = await periodInScope(ctx, id);
		const published = [...new Set([...period.publishedEndpointIds, endpointId])];
		sendWritten(
			res,
			await roster.periods.revise(id, { publishedEndpointIds: published }, { kind: "update" }, ctx.actor),
		);
	});

	router.get("/now", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const q = validate(onDutyQuery, req.query, "query");
		const root = q.under ?? ctx.identity.endpointId;
		await inScope(ctx, "query.under", root);
		const at = duty.now();
		const units = (await ctx.tree.subtree(root)).filter((u) => ctx.scope.covers([u]));
		res.json({ at: at.toISOString(), items: await Promise.all(units.map((u) => roster.onDuty(u, at))) });
	});

	router.get("/periods/:id/prefill", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "report");
		const { id } = validate(periodIdParams, req.params, "params");
		const q = validate(prefillQuery, req.query, "query");
		await inScope(ctx, "query.endpoint", q.endpoint);
		await periodInScope(ctx, id);
		res.json(await situationFigures(services, ctx, q.endpoint, q.day));
	});

	router.post("/periods/:id/reports", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "report");
		const { id } = validate(periodIdParams, req.params, "params");
		const input = validate(situationReportInput, req.body, "body");
		await inScope(ctx, "body.endpointId", input.endpointId);
		const period = await periodInScope(ctx, id);
		if (input.day < period.from || input.day > period.to) {
			throw new ValidationError("the report's day is outside the peak period", [
				{ path: "body.day", message: "outside the peak period" },
			]);
		}
		const endpoint = await ctx.records.endpoints.current(input.endpointId);
		// A commune reports daily only when its province asked it to, on the days it asked for.
		if (input.kind === "daily" && isCommune(endpoint)) await communes.requireAsked(id, endpoint, input.day);
		const figures = input.figures ?? (await situationFigures(services, ctx, input.endpointId, input.day));
		const written = await roster.reports.create(
			{
				...input,
				figures,
				periodId: id,
				submittedByName: ctx.identity.name,
				scopeEndpointIds: [endpoint.entityId, ...endpoint.ancestors],
			},
			ctx.actor,
		);
		sendWritten(res, written);
	});

	router.get("/periods/:id/reports", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { id } = validate(periodIdParams, req.params, "params");
		const q = validate(reportsQuery, req.query, "query");
		const period = await periodInScope(ctx, id);
		const reports = (await roster.reports.find({ periodId: id, day: q.day }, { recordedAt: 1 })).filter((r) =>
			ctx.scope.covers(r.scopeEndpointIds),
		);
		const provinces = (await rosterOffices(ctx, period.endpointId))
			.filter((e) => e.level === "province")
			.map((e) => e.entityId);
		const submitted = new Set(reports.filter((r) => r.kind === "daily").map((r) => r.endpointId));
		const due = new Date(`${q.day}T${duty.dailyReportDue}:00+07:00`);
		const isDue = duty.now() >= due;
		res.json({
			due: due.toISOString(),
			items: reports.map((r) => revisionView(r as unknown as Record<string, unknown>)),
			missing: isDue ? provinces.filter((u) => !submitted.has(u)) : [],
			missingCommunes: isDue ? await communes.missing(ctx, id, q.day, submitted) : [],
			today: dayOf(duty.now()),
		});
	});

	// A province asks its communes (all, or chosen ones) for daily reports during the period.
	router.post("/periods/:id/commune-requests", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "request");
		const { id } = validate(periodIdParams, req.params, "params");
		const input = validate(communeReportRequestInput, req.body, "body");
		sendWritten(res, await communes.ask(ctx, await periodInScope(ctx, id), input));
	});

	router.get("/periods/:id/commune-requests", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { id } = validate(periodIdParams, req.params, "params");
		await periodInScope(ctx, id);
		const items = await communes.of(ctx, id);
		res.json({ items: items.map((r) => revisionView(r as unknown as Record<string, unknown>)) });
	});

	// The end-of-period summary, from the daily reports and the record (the reports' statistics).
	const summaryOf = async (
		req: Request,
		res: Response,
	): Promise<{ summary: PeriodSummary; nameOf: (id: string) => string }> => {
		const ctx = await authorised(services, req, res, "reports", "read");
		const { id } = validate(periodIdParams, req.params, "params");
		const q = validate(summaryQuery, req.query, "query");
		const period = await periodInScope(ctx, id);
		const under = q.under ?? (ctx.scope.covers([period.endpointId]) ? period.endpointId : ctx.identity.endpointId);
		await inScope(ctx, "query.under", under);
		const units = await ctx.tree.subtree(under);
		if (!(await ctx.tree.subtree(period.endpointId)).includes(under)) {
			throw new ValidationError("the unit is outside the peak period's units", [
				{ path: "query.under", message: "outside the peak period's units" },
			]);
		}
		const endpoints = await ctx.records.endpoints.find({ entityId: { $in: units } });
		const names = new Map(endpoints.map((e) => [e.entityId, e.name]));
		const now = duty.now();
		const dueToday = now >= new Date(`${dayOf(now)}T${duty.dailyReportDue}:00+07:00`);
		const summary: PeriodSummary = {
			period,
			unit: await ctx.records.endpoints.current(under),
			form: await formOver(services, ctx, under, period.from, period.to),
			reports: await roster.reports.find({ periodId: id, endpointId: { $in: units } }, { day: 1, recordedAt: 1 }),
			provinces: (await rosterOffices(ctx, under)).filter((e) => e.level === "province"),
			// The communes of the unit's subtree their province asked, on the days asked.
			communesAsked: (await communes.of(ctx, id)).flatMap((r) =>
				r.communeIds.flatMap((c) => {
					const unit = endpoints.find((e) => e.entityId === c);
					return unit && ctx.scope.covers([c]) ? [{ unit, from: r.from, to: r.to }] : [];
				}),
			),
			lastDueDay: dueToday ? dayOf(now) : addDays(dayOf(now), -1),
			generatedAt: now,
			generatedBy: ctx.identity.name,
		};
		return { summary, nameOf: (endpointId) => names.get(endpointId) ?? endpointId };
	};

	router.get("/periods/:id/summary.xlsx", async (req, res) => {
		const { summary, nameOf } = await summaryOf(req, res);
		res
			.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			.set("content-disposition", 'attachment; filename="bao-cao-tong-hop-dot-cao-diem.xlsx"')
			.send(await summaryXlsx(summary, nameOf));
	});

	router.get("/periods/:id/summary.pdf", async (req, res) => {
		const { summary, nameOf } = await summaryOf(req, res);
		const pdf = await renderOfficialPdf(summaryDocument(summary, nameOf), services.documentFonts, {
			title: `Báo cáo tổng hợp — ${summary.period.name}`,
			author: summary.unit.name,
		});
		res.type("pdf").set("content-disposition", 'inline; filename="bao-cao-tong-hop-dot-cao-diem.pdf"').send(pdf);
	});

	// The caller's own duty slots as a feed a calendar application subscribes to: its address is the secret.
	router.get("/feed", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const key = services.tokens.feedKey(DUTY_FEED, ctx.identity.sub);
		res.json({ path: `/api/duty/ical/${ctx.identity.sub}/${key}.ics` });
	});

	// A province's shifts (hours, roles required); a commune keeps its province's.
	router.get("/settings/:endpointId", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "read");
		const { endpointId } = validate(settingsParams, req.params, "params");
		await inScope(ctx, "params.endpointId", endpointId);
		const { source, settings } = await roster.settingsFor(endpointId);
		res.json({ endpointId, source, ...settings });
	});

	router.put("/settings/:endpointId", async (req, res) => {
		const ctx = await authorised(services, req, res, "duty", "declare");
		const { endpointId } = validate(settingsParams, req.params, "params");
		const settings = validate(shiftSettingsInput, req.body, "body");
		await inScope(ctx, "params.endpointId", endpointId);
		const endpoint = await ctx.records.endpoints.current(endpointId);
		if (endpoint.level !== "central" && endpoint.level !== "province") {
			throw new ValidationError("shifts are set by a province or the central office", [
				{ path: "params.endpointId", message: "not the central office or a province" },
			]);
		}
		await roster.setSettings(endpoint, settings, ctx.actor);
		res.json({ endpointId, source: endpointId, ...settings });
	});

	router.get("/alerts/:id/deliveries", async (req, res) => {
		const ctx = await authorised(services, req, res, "alerts", "read");
		const { id } = validate(idParams, req.params, "params");
		const deliveries = await duty.dispatcher.of(id);
		const alert = deliveries[0] ? [{ id, endpointId: deliveries[0].endpointId }] : [];
		const readable = await alertAccess.filter(ctx.identity, "read", alert, await duty.dispatcher.addresseesOf([id]));
		res.json({ items: readable.length > 0 ? deliveries : [] });
	});

	router.use(rosterRoutes(services, duty));
	return router;
}

const DUTY_FEED = "duty-ical";
/** How far back a personal feed reaches (calendar applications keep what they already have). */
const FEED_PAST_DAYS = 31;

/**
 * `/api/duty/ical`: personal duty feeds, answered without a token (calendar applications have none);
 * a wrong key is answered as an absent feed. They state shifts, hours and endpoints — never a case.
 */
export function dutyFeedRoutes(services: ApiServices, duty: DutyServices): Router {
	const { roster } = duty;
	const router = Router();
	router.get("/:userId/:key.ics", async (req, res) => {
		const { userId, key } = validate(dutyIcalParams, req.params, "params");
		if (!services.tokens.isFeedKey(DUTY_FEED, userId, key)) throw new NotFoundError("duty feed");
		const user = await services.records.users.current(userId).catch(() => null);
		if (!user || user.disabled) throw new NotFoundError("duty feed");
		const slots = await roster.slots.find(
			{ "person.userId": userId, voided: false, day: { $gte: addDays(dayOf(duty.now()), -FEED_PAST_DAYS) } },
			{ day: 1 },
		);
		const ids = [...new Set(slots.map((s) => s.endpointId))];
		const agencyName = await roster.agencyNames(slots);
		const settings = new Map<string, ShiftSettings>();
		const names = new Map<string, string>();
		for (const id of ids) {
			settings.set(id, (await roster.settingsFor(id)).settings);
			names.set(id, (await services.records.endpoints.current(id)).name);
		}
		res
			.type("text/calendar; charset=utf-8")
			.set("content-disposition", 'inline; filename="lich-truc.ics"')
			.send(
				dutyIcs(
					user.name,
					slots,
					(id) => settings.get(id) ?? roster.defaults,
					(id) => names.get(id) ?? id,
					agencyName,
				),
			);
	});
	return router;
}
