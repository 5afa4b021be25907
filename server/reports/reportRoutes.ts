import { Router } from "express";
import { reportCellQuery, reportQuery } from "../../domain/api/reports.js";
import { type ApiServices, authorised } from "../http/RequestContext.js";
import { validate } from "../http/validate.js";

/** /api/reports: the citizen-reception form as JSON, the cases behind each figure, and as documents. */
export function reportRoutes(services: ApiServices): Router {
	const router = Router();
	const reports = services.reports;

	router.get("/form", async (req, res) => {
		const ctx = await authorised(services, req, res, "reports", "read");
		res.json(await reports.form(ctx, validate(reportQuery, req.query, "query")));
	});

	router.get("/form/cases", async (req, res) => {
		const ctx = await authorised(services, req, res, "reports", "read");
		const { column, total, items } = await reports.cell(ctx, validate(reportCellQuery, req.query, "query"));
		res.json({ cell: column.id, number: column.number, vi: column.vi, en: column.en, total, items });
	});

	return router;
}
