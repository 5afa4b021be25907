import { Router } from "express";
import { type CaseQuery, caseChangeInput, caseCreateInput, caseQuery } from "../../domain/api/register.js";
import { ValidationError } from "../../domain/errors.js";
import { type ApiServices, authorised } from "../http/RequestContext.js";
import { dateRange, defined } from "../http/routes/filters.js";
import { revisionRoutes } from "../http/routes/revisionRoutes.js";
import type { CaseRecord } from "../records/models/Case.js";
import { prepareCase } from "./caseRules.js";

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
			return { $and: clauses.filter((c) => Object.keys(c).length > 0) };
		},
		readableBy: (c) => c.scopeEndpointIds,
		// A new case belongs to the endpoint entering it; an entered one also to the citizens' home province.
		ownedBy: async (record) => (record.entityId ? (record.scopeEndpointIds as string[]) : [String(record.endpointId)]),
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

/** Voiding a case is a correction: it needs the reason a correction carries. */
function requireReasonToVoid(body: unknown): void {
	const b = body as { changes?: { voided?: unknown }; correction?: unknown } | undefined;
	if (b?.changes?.voided !== undefined && !b.correction) {
		throw new ValidationError("invalid body: correction: voiding a case is a correction with a reason", [
			{ path: "body.correction", message: "voiding a case is a correction with a reason" },
		]);
	}
}
