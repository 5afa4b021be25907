import { Router } from "express";
import { complianceQuery } from "../../../domain/api/sessions.js";
import { ValidationError } from "../../../domain/errors.js";
import { type ApiServices, authorised } from "../../http/RequestContext.js";
import { validate } from "../../http/validate.js";
import { complianceReport } from "../compliance/complianceReport.js";

const MAX_RANGE_MS = 366 * 24 * 60 * 60_000;

/** `GET /compliance?from&to`: heads whose required periodic receptions did (not) take place, per unit. */
export function complianceRoutes(services: ApiServices): Router {
	const router = Router();
	router.get("/", async (req, res) => {
		const ctx = await authorised(services, req, res, "compliance", "read");
		const q = validate(complianceQuery, req.query, "query");
		if (q.to <= q.from || q.to.getTime() - q.from.getTime() > MAX_RANGE_MS) {
			throw new ValidationError("query.to: after from, and at most a year later", [
				{ path: "query.to", message: "after from, and at most a year later" },
			]);
		}
		const rows = await complianceReport(ctx.records, ctx.scope, services.compliance, q.from, q.to, new Date());
		res.json({
			duties: services.compliance.duties,
			countDelegated: services.compliance.countDelegated,
			items: q.status ? rows.filter((r) => r.status === q.status) : rows,
		});
	});
	return router;
}
