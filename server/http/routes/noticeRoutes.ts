import { type Request, type Response, Router } from "express";
import { buildConclusionNotice } from "../../records/ConclusionNotice.js";
import { renderNoticeHtml } from "../../records/NoticeHtml.js";
import { renderNoticePdf } from "../../records/NoticePdf.js";
import type { ApiServices } from "../RequestContext.js";
import { sessionInScope } from "./sessionAccess.js";

/** `/sessions/:id/notice` (JSON), `.html` and `.pdf`: the conclusion notice drafted from the record. */
export function noticeRoutes(services: ApiServices): Router {
	const router = Router({ mergeParams: true });
	const notice = async (req: Request, res: Response) => {
		const { session } = await sessionInScope(services, req, res, "outcomes", "read");
		return buildConclusionNotice(services.records, session.entityId);
	};
	router.get("/notice", async (req, res) => {
		res.json(await notice(req, res));
	});
	router.get("/notice.html", async (req, res) => {
		const html = renderNoticeHtml(await notice(req, res));
		res.type("html").send(html);
	});
	router.get("/notice.pdf", async (req, res) => {
		const pdf = await renderNoticePdf(await notice(req, res), services.documentFonts);
		res
			.type("pdf")
			.set(
				"content-disposition",
				`inline; filename="thong-bao-ket-luan-${String((req.params as { id?: string }).id)}.pdf"`,
			)
			.send(pdf);
	});
	return router;
}
