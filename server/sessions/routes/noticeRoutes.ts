import { type Request, type Response, Router } from "express";
import { type IssuedNoticeView, noticeCorrectionSchema, noticeVersionParams } from "../../../domain/api/sessions.js";
import { requireCan } from "../../../domain/permissions.js";
import { renderOfficialHtml } from "../../documents/renderOfficialHtml.js";
import type { ApiServices } from "../../http/RequestContext.js";
import { sendWritten } from "../../http/routes/revisionRoutes.js";
import { sessionInScope } from "../../http/routes/sessionAccess.js";
import { validate } from "../../http/validate.js";
import type { IssuedNoticeRecord } from "../models/IssuedNotice.js";
import { NoticeIssuer } from "../notice/NoticeIssuer.js";
import { NOTICE_KIND, noticeDocument } from "../notice/noticeDocument.js";
import type { NoticeContent } from "../notice/noticeShape.js";

function view(n: IssuedNoticeRecord): IssuedNoticeView {
	return {
		version: n.rev,
		number: n.number,
		issuedAt: new Date(n.issuedAt).toISOString(),
		issuedBy: n.recordedBy,
		sha256: n.sha256,
		size: n.size,
		...(n.change.reason ? { reason: n.change.reason } : {}),
		...(n.replaces?.version ? { replaces: n.replaces } : {}),
	};
}

function sendPdf(res: Response, pdf: Buffer, name: string, sha256?: string): void {
	res.type("pdf").set("content-disposition", `inline; filename="${name}.pdf"`);
	// An issued version never changes: its hash is its validator, and caches may keep it.
	if (sha256)
		res.set({
			etag: `"${sha256}"`,
			"x-content-sha256": sha256,
			"cache-control": "private, max-age=31536000, immutable",
		});
	res.send(pdf);
}

/**
 * `/sessions/:id/notice` (JSON), `.html`, `.pdf`: the issued notice in force (its stored bytes), or
 * a draft from the record before issue; `/notices`: every issued version, each downloadable;
 * `/notices/corrections`: a correction, which issues the next version.
 */
export function noticeRoutes(services: ApiServices): Router {
	const router = Router({ mergeParams: true });
	const issuer = new NoticeIssuer(services.records, services.documentFonts);
	const current = async (req: Request, res: Response) => {
		const { ctx, session } = await sessionInScope(services, req, res, "outcomes", "read");
		const issued = (await issuer.versions(session.entityId)).at(-1);
		if (issued) return { session, issued, content: issued.content as NoticeContent };
		// Until it is issued, a draft shows each reader only the cases within their own scope.
		const cases = await services.records.cases.find({ entityId: { $in: session.caseIds } });
		const visible = new Set(cases.filter((c) => ctx.scope.covers(c.scopeEndpointIds)).map((c) => c.entityId));
		const draft = await issuer.draft({ ...session, caseIds: session.caseIds.filter((id) => visible.has(id)) });
		return { session, issued, content: draft };
	};

	router.get("/notice", async (req, res) => {
		const { issued, content } = await current(req, res);
		res.json({ issued: issued ? view(issued) : null, content });
	});
	router.get("/notice.html", async (req, res) => {
		const { content } = await current(req, res);
		res.type("html").send(renderOfficialHtml(noticeDocument(content), NOTICE_KIND));
	});
	router.get("/notice.pdf", async (req, res) => {
		const { session, issued, content } = await current(req, res);
		const name = `thong-bao-ket-luan-${session.entityId}`;
		if (!issued) return sendPdf(res, await issuer.render(content), `${name}-du-thao`);
		const { data } = await issuer.pdf(session.entityId, issued.rev);
		sendPdf(res, data, `${name}-v${issued.rev}`, issued.sha256);
	});

	router.get("/notices", async (req, res) => {
		const { session } = await sessionInScope(services, req, res, "outcomes", "read");
		res.json({ items: (await issuer.versions(session.entityId)).map(view) });
	});
	router.get("/notices/:version.pdf", async (req, res) => {
		const { session } = await sessionInScope(services, req, res, "outcomes", "read");
		const { version } = validate(noticeVersionParams, req.params, "params");
		const { data, notice } = await issuer.pdf(session.entityId, version);
		sendPdf(res, data, `thong-bao-ket-luan-${session.entityId}-v${version}`, notice.sha256);
	});
	router.post("/notices/corrections", async (req, res) => {
		const { ctx, session } = await sessionInScope(services, req, res, "sessions", "conclude");
		ctx.scope.require([session.hostEndpointId], `session ${session.entityId}`);
		requireCan(ctx.identity, "conclude", { type: "sessions", session });
		const correction = validate(noticeCorrectionSchema, req.body, "body");
		sendWritten(res, await issuer.correct(session, correction, ctx.actor));
	});
	return router;
}
