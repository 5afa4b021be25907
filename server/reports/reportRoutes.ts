import { type Request, type Response, Router } from "express";
import { REPORT_SECTIONS, type ReportQuery, reportCellQuery, reportQuery } from "../../domain/api/reports.js";
import { type ApiServices, authorised } from "../http/RequestContext.js";
import { validate } from "../http/validate.js";
import type { FormResult } from "./FormStatistics.js";
import { formCsv } from "./formCsv.js";
import { reportFileName } from "./formLayout.js";
import { formPdf } from "./formPdf.js";
import { formXlsx } from "./formXlsx.js";

/** The periodic report has every section; an ad-hoc one those asked for (the form by default). */
function sectionsOf(query: ReportQuery) {
	return query.report === "periodic" ? REPORT_SECTIONS : (query.sections ?? ["form" as const]);
}

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

	const documentRoute = (
		ext: string,
		type: string,
		render: (form: FormResult, query: ReportQuery) => Promise<Buffer> | Buffer,
	) =>
		router.get(`/form.${ext}`, async (req: Request, res: Response) => {
			const ctx = await authorised(services, req, res, "reports", "read");
			const query = validate(reportQuery, req.query, "query");
			const form = await reports.form(ctx, query);
			res
				.type(type)
				.attachment(reportFileName(form, ext, query.report))
				.send(await render(form, query));
		});
	documentRoute("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (form, q) =>
		formXlsx(form, sectionsOf(q), q.report),
	);
	documentRoute("pdf", "application/pdf", (form, q) => formPdf(form, sectionsOf(q), services.documentFonts, q.report));
	documentRoute("csv", "text/csv; charset=utf-8", (form, q) => formCsv(form, sectionsOf(q), q.report));

	return router;
}
