import { Router } from "express";
import { type CaseQuery, caseChangeInput, caseCreateInput, caseQuery, printQuery } from "../../domain/api/register.js";
import { ValidationError } from "../../domain/errors.js";
import { renderOfficialPdf } from "../documents/renderOfficialPdf.js";
import { inPeakPeriod, withPeakPeriods } from "../duty/periodMembership.js";
import { type ApiServices, authorised, type RequestContext } from "../http/RequestContext.js";
import { ref } from "../http/references.js";
import { dateRange, defined } from "../http/routes/filters.js";
import { revisionRoutes, revisionView } from "../http/routes/revisionRoutes.js";
import { validate } from "../http/validate.js";
import type { CaseRecord } from "../records/models/Case.js";
import { prepareCase } from "./caseRules.js";
import { registerPage } from "./RegisterPage.js";

function escapeRegex(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The register's search as a query on current revisions, within the caller's scope. */
function caseFilter(q: CaseQuery): Record<string, unknown> {
	return {
		...dateRange("receivedAt", q.from, q.to),
		...defined({
			registerNumber: q.registerNumber,
			idNumbers: q.idNumber,
			contentType: q.contentType,
			field: q.field,
			status: q.status,
			manyPeople: q.manyPeople,
			complex: q.complex,
			hotSpotRisk: q.hotSpotRisk,
			ethnicReligious: q.ethnicReligious,
			repeat: q.repeat,
			legacyId: q.legacyId,
		}),
		voided: q.voided ?? false,
		...(q.name ? { "citizens.fullName": { $regex: escapeRegex(q.name), $options: "i" } } : {}),
	};
}

/** The reception register: `/api/cases` (list and search, one case, history, entry, change, correction). */
export function caseRoutes(services: ApiServices): Router {
	const router = Router();
	// The field catalogue and the delegation rule in force, for the entry form.
	router.get("/fields", async (req, res) => {
		await authorised(services, req, res, "cases", "read");
		res.json({ items: services.register.fields, delegationRule: services.register.delegationRule });
	});
	// The register page for a date range, as the printed register (PDF).
	router.get("/register.pdf", async (req, res) => {
		const ctx = await authorised(services, req, res, "cases", "read");
		const q = validate(printQuery, req.query, "query");
		const endpointId = q.endpoint ?? ctx.identity.endpointId;
		const endpoint = await ctx.records.endpoints.current(endpointId);
		const { voided: _all, ...filter } = caseFilter({ ...q, endpoint: undefined });
		const cases = await ctx.records.cases.find(
			{
				$and: [
					ctx.scope.filter("scopeEndpointIds"),
					{ endpointId: { $in: await ctx.tree.subtree(endpointId) } },
					filter,
					q.peakPeriod ? await inPeakPeriod(ctx, q.peakPeriod, "receivedAt", "endpointId") : {},
				].filter((c) => Object.keys(c).length > 0),
			},
			{ receivedAt: 1, registerSeq: 1 },
		);
		const spec = registerPage({
			endpointName: endpoint.name,
			place: endpoint.address.split(",").pop()?.trim() || endpoint.name,
			from: q.from,
			to: q.to,
			cases: cases.slice(0, PRINT_LIMIT),
			fields: services.register.fields,
			printedBy: ctx.identity.name,
			printedAt: services.register.now(),
		});
		const pdf = await renderOfficialPdf(spec, services.documentFonts, {
			title: "Sổ tiếp công dân",
			author: endpoint.name,
		});
		res.type("pdf").set("content-disposition", 'inline; filename="so-tiep-cong-dan.pdf"').send(pdf);
	});
	// Everything the case went through: sessions it was heard in, their outcomes, and their tasks.
	router.get("/:id/timeline", async (req, res) => {
		const ctx = await authorised(services, req, res, "cases", "read");
		const record = await ctx.records.cases.current(String(req.params.id));
		ctx.scope.require(record.scopeEndpointIds, `cases ${record.entityId}`);
		const [sessions, outcomes] = await Promise.all([
			ctx.records.sessions.find({ caseIds: record.entityId }, { plannedStart: 1 }),
			ctx.records.outcomes.find({ caseId: record.entityId }, { recordedAt: 1 }),
		]);
		res.json({
			sessions: sessions.map((s) => revisionView(s as unknown as Record<string, unknown>)),
			outcomes: outcomes.map((o) => revisionView(o as unknown as Record<string, unknown>)),
		});
	});
	router.patch("/:id", (req, _res, next) => {
		requireReasonToVoid(req.body);
		next();
	});
	const register = revisionRoutes<CaseRecord, CaseQuery>(services, {
		resource: "cases",
		store: (s) => s.records.cases,
		createSchema: caseCreateInput,
		changeSchema: caseChangeInput,
		querySchema: caseQuery,
		sort: { receivedAt: -1 },
		filter: async (q, ctx) => {
			const clauses = [ctx.scope.filter("scopeEndpointIds"), caseFilter(q)];
			if (q.endpoint) clauses.push({ endpointId: { $in: await ctx.tree.subtree(q.endpoint) } });
			// Each is an $in on the same array field as the scope: $and keeps them apart.
			if (q.home) clauses.push({ scopeEndpointIds: { $in: await ctx.tree.subtree(q.home) } });
			if (q.peakPeriod) clauses.push(await inPeakPeriod(ctx, q.peakPeriod, "receivedAt", "endpointId"));
			return { $and: clauses.filter((c) => Object.keys(c).length > 0) };
		},
		readableBy: (c) => c.scopeEndpointIds,
		// The peak periods it was received in, derived as it is read (server/duty/periodMembership.ts).
		present: (cases, s) =>
			withPeakPeriods(s.records, cases, (c) => ({
				at: new Date(c.receivedAt as Date),
				endpointIds: [String(c.endpointId)],
			})),
		references: (input) => [ref("sessions", "sessionId", input.sessionId)],
		// A new case belongs to the endpoint entering it; an entered one also to the citizens' home province.
		ownedBy: async (record) => (record.entityId ? (record.scopeEndpointIds as string[]) : [String(record.endpointId)]),
		afterCreate: async (record, ctx) => {
			if (typeof record.sessionId === "string") await joinAgenda(ctx, record.sessionId, String(record.entityId));
		},
		prepare: (input, ctx) =>
			prepareCase(
				input,
				{ records: ctx.records, officer: { userId: ctx.identity.sub, name: ctx.identity.name } },
				services.register,
			),
	});
	router.use(register);
	return router;
}

/** A case entered during a session joins the session's agenda (a revision of the session). */
async function joinAgenda(ctx: RequestContext, sessionId: string, caseId: string): Promise<void> {
	const session = await ctx.records.sessions.current(sessionId);
	if (session.caseIds.includes(caseId)) return;
	await ctx.records.sessions.revise(
		sessionId,
		{ caseIds: [...session.caseIds, caseId] },
		{ kind: "update", reason: "a case entered during the session" },
		ctx.actor,
	);
}

/** At most this many entries on one printed register. */
const PRINT_LIMIT = 1000;

/** Voiding a case is a correction: it needs the reason a correction carries. */
function requireReasonToVoid(body: unknown): void {
	const b = body as { changes?: { voided?: unknown }; correction?: unknown } | undefined;
	if (b?.changes?.voided !== undefined && !b.correction) {
		throw new ValidationError("invalid body: correction: voiding a case is a correction with a reason", [
			{ path: "body.correction", message: "voiding a case is a correction with a reason" },
		]);
	}
}
