import { type Request, Router } from "express";
import { calendarParams, calendarQuery } from "../../../domain/api/sessions.js";
import { renderOfficialPdf } from "../../documents/renderOfficialPdf.js";
import type { ApiServices } from "../../http/RequestContext.js";
import { validate } from "../../http/validate.js";
import { calendarDocument, calendarIcs } from "../calendar/calendarOutputs.js";
import { receptionCalendar } from "../calendar/receptionCalendar.js";

/**
 * The published reception calendar of a province (page data, printable PDF, iCalendar feed). Public
 * on purpose, like sign-in: the law has the schedule published (Luật Tiếp công dân 2013, see
 * docs/sessions.md), and calendar applications fetch feeds without a token. It states when, where,
 * who presides and which endpoints join — never a case or a citizen.
 */
export function calendarRoutes(services: ApiServices): Router {
	const router = Router();
	const load = (req: Request) => {
		const { code } = validate(calendarParams, req.params, "params");
		const q = validate(calendarQuery, req.query, "query");
		const from = q.from ?? new Date();
		const to = new Date(from);
		to.setUTCMonth(to.getUTCMonth() + q.months);
		return receptionCalendar(services.records, code, from, to);
	};

	router.get("/:code.ics", async (req, res) => {
		const cal = await load(req);
		res
			.type("text/calendar; charset=utf-8")
			.set("content-disposition", `inline; filename="lich-tiep-cong-dan-${cal.unit.code}.ics"`)
			.send(calendarIcs(cal, `${req.protocol}://${req.get("host") ?? "localhost"}`));
	});
	router.get("/:code.pdf", async (req, res) => {
		const cal = await load(req);
		const pdf = await renderOfficialPdf(calendarDocument(cal, new Date()), services.documentFonts, {
			title: `Lịch tiếp công dân – ${cal.unit.name}`,
		});
		res.type("pdf").set("content-disposition", `inline; filename="lich-tiep-cong-dan-${cal.unit.code}.pdf"`).send(pdf);
	});
	router.get("/:code", async (req, res) => {
		const cal = await load(req);
		res.json({
			unit: { id: cal.unit.entityId, code: cal.unit.code, name: cal.unit.name },
			from: cal.from,
			to: cal.to,
			entries: cal.entries,
		});
	});
	return router;
}
