import { createHash } from "node:crypto";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ATTACHMENT_MAX_BYTES, MAX_OCCURRENCES } from "../../domain/sessions.js";
import { pdfFonts } from "../support/pdfLayout.js";
import { type ApiClient, call, type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

const day = 24 * 3_600_000;
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A periodic session of the KH chair, `offsetDays` from now at 08:00 in Vietnam. */
function periodic(offsetDays: number, extra: Record<string, unknown> = {}) {
	const ids = fx.seed;
	const start = new Date(Date.now() + offsetDays * day);
	start.setUTCHours(1, 0, 0, 0);
	return {
		kind: "periodic",
		origin: { type: "scheduled" },
		title: "Tiếp công dân định kỳ của Chủ tịch UBND tỉnh",
		plannedStart: start.toISOString(),
		plannedEnd: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
		hostEndpointId: ids.endpoints.KH,
		chairUserId: ids.users["chutich.kh"],
		participantEndpointIds: [ids.endpoints["KH-NHATRANG"], ids.endpoints["KH-PHANRANG"]],
		invitedAgencies: [{ name: "Sở Tài chính" }, { name: "Thanh tra tỉnh Khánh Hòa", inspectorate: true }],
		...extra,
	};
}

/** Uploads raw bytes as an attachment, as the app's file picker does. */
async function upload(client: ApiClient, sessionId: string, name: string, bytes: Buffer) {
	const res = await fetch(`${fx.base}/sessions/${sessionId}/attachments?name=${encodeURIComponent(name)}`, {
		method: "POST",
		headers: { authorization: `Bearer ${client.accessToken}`, "content-type": "application/octet-stream" },
		body: new Uint8Array(bytes),
	});
	return {
		status: res.status,
		body: (await res.json()) as { id?: string; sha256?: string; error?: { code: string; message: string } },
	};
}

it("attaches case documents only as PDF or images by their bytes, within the size limit, served only in scope", async () => {
	const ids = fx.seed;
	const secretariat = await fx.as("vanphong.kh");
	const created = await secretariat.request<{ id: string }>(
		"POST",
		"/sessions",
		periodic(3, { caseIds: [ids.caseId] }),
	);
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const sessionId = created.body.id;
	const stored = () => fx.platform.records.models.SessionAttachment.countDocuments({ sessionId });

	const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
	const ok = await upload(secretariat, sessionId, "Đơn khiếu nại.pdf", pdf);
	expect(ok.status, JSON.stringify(ok.body)).toBe(201);
	expect(ok.body.sha256).toBe(sha256(pdf));
	expect((await upload(secretariat, sessionId, "Sơ đồ thửa đất.png", png)).status).toBe(201);

	// Not a PDF or an image by its content, whatever its name: refused, nothing written.
	const fake = await upload(secretariat, sessionId, "giả.pdf", Buffer.from("MZ\x90\x00 not a pdf at all"));
	expect(fake).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_ERROR" } } });
	expect(fake.body.error?.message).toContain("not a PDF, PNG or JPEG");
	// Over the limit: refused with the limit named, nothing written.
	const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x20);
	big.write("%PDF-1.4");
	const tooBig = await upload(secretariat, sessionId, "lớn.pdf", big);
	expect(tooBig).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
	expect(tooBig.body.error?.message).toContain("10 MB");
	expect(await stored()).toBe(2);

	// Served with its hash to readers of cases in scope; refused outside the scope and to observers.
	const chair = await fx.as("chutich.kh");
	const list = await chair.request<{ items: { id: string; name: string; mediaType: string }[] }>(
		"GET",
		`/sessions/${sessionId}/attachments`,
	);
	expect(list.body.items.map((a) => [a.name, a.mediaType])).toEqual([
		["Đơn khiếu nại.pdf", "application/pdf"],
		["Sơ đồ thửa đất.png", "image/png"],
	]);
	const file = await chair.request<Buffer>("GET", `/sessions/${sessionId}/attachments/${ok.body.id}`);
	expect(file.status).toBe(200);
	expect(file.headers.get("content-type")).toBe("application/pdf");
	expect(file.headers.get("x-content-sha256")).toBe(sha256(pdf));
	expect(Buffer.compare(file.body, pdf)).toBe(0);
	// Roles that do not read cases are refused; another province is answered as if it did not exist.
	for (const [who, status] of [
		["quansat.kh", 403],
		["cntt.kh", 403],
		["chutich.ld", 404],
	] as const) {
		const refused = await (await fx.as(who)).request("GET", `/sessions/${sessionId}/attachments/${ok.body.id}`);
		expect(refused.status, who).toBe(status);
	}
	expect((await upload(await fx.as("vanphong.ld"), sessionId, "x.pdf", pdf)).status).toBe(404);
	expect(await stored()).toBe(2);
});

it("plans a leader's monthly receptions with a bounded recurrence, and publishes the calendar (page, PDF, iCal)", async () => {
	const secretariat = await fx.as("vanphong.kh");
	const sessions = () => fx.platform.records.models.ReceptionSession.countDocuments({});
	const before = await sessions();

	// No end: refused, naming the field, and nothing written. Too many: the same.
	const endless = await secretariat.request("POST", "/sessions/series", {
		session: periodic(10),
		recurrence: { frequency: "weekly", weekday: "TU" },
	});
	expect(endless).toMatchObject({
		status: 400,
		body: { error: { code: "VALIDATION_ERROR", issues: [{ path: "body.recurrence.until" }] } },
	});
	expect((endless.body as { error: { message: string } }).error.message).toContain("without limit");
	const thousands = await secretariat.request("POST", "/sessions/series", {
		session: periodic(10),
		recurrence: { frequency: "weekly", weekday: "TU", until: "2046-12-31T00:00:00Z" },
	});
	expect(thousands).toMatchObject({ status: 400, body: { error: { issues: [{ path: "body.recurrence" }] } } });
	expect((thousands.body as { error: { message: string } }).error.message).toContain(`more than ${MAX_OCCURRENCES}`);
	const badCoChair = await secretariat.request("POST", "/sessions/series", {
		session: periodic(10, { coChairUserIds: [fx.seed.users["cntt.kh"]] }),
		recurrence: { frequency: "monthly", count: 3 },
	});
	expect(badCoChair).toMatchObject({ status: 400, body: { error: { issues: [{ path: "body.coChairUserIds.0" }] } } });
	expect(await sessions()).toBe(before);
	expect(await fx.platform.records.models.SessionSeries.countDocuments({})).toBe(0);

	// An agency from the register is invited by its id and named as the register names it.
	const agency = await secretariat.request<{ id: string }>("POST", "/agencies", {
		name: "Sở Tài chính tỉnh Khánh Hòa",
		kind: "department",
		provinceId: fx.seed.endpoints.KH,
	});
	expect(agency.status, JSON.stringify(agency.body)).toBe(201);
	const unknownAgency = await secretariat.request("POST", "/sessions/series", {
		session: periodic(10, { invitedAgencies: [{ name: "?", agencyId: "000000000000000000000000" }] }),
		recurrence: { frequency: "monthly", count: 3 },
	});
	expect(unknownAgency).toMatchObject({
		status: 400,
		body: { error: { issues: [{ path: "body.invitedAgencies.0.agencyId" }] } },
	});
	expect(await sessions()).toBe(before);

	const first = periodic(10, {
		invitedAgencies: [
			{ name: "Sở Tài chính", agencyId: agency.body.id },
			{ name: "Thanh tra tỉnh", inspectorate: true },
		],
	});
	const series = await secretariat.request<{ id: string; rule: string; sessionIds: string[] }>(
		"POST",
		"/sessions/series",
		{ session: first, recurrence: { frequency: "monthly", count: 6 } },
	);
	expect(series.status, JSON.stringify(series.body)).toBe(201);
	expect(series.body.rule).toContain("FREQ=MONTHLY");
	expect(series.body.sessionIds).toHaveLength(6);
	expect(await sessions()).toBe(before + 6);
	const planned = await secretariat.request<{ invitedAgencies: unknown[]; seriesId: string }>(
		"GET",
		`/sessions/${series.body.sessionIds[0]}`,
	);
	expect(planned.body).toMatchObject({
		seriesId: series.body.id,
		invitedAgencies: [
			{ name: "Sở Tài chính tỉnh Khánh Hòa", agencyId: agency.body.id },
			{ name: "Thanh tra tỉnh", inspectorate: true },
		],
	});

	// The published calendar, without signing in: the next three, a month apart, at 08:00 Vietnam time.
	const cal = await call<{ entries: { id: string; start: string; chair: { name: string } }[] }>(
		fx.base,
		"GET",
		"/calendar/KH?months=4",
	);
	expect(cal.status).toBe(200);
	const ofSeries = new Set(series.body.sessionIds);
	const next = cal.body.entries.filter((e) => ofSeries.has(e.id)).slice(0, 3);
	expect(next.map((e) => e.id)).toEqual(series.body.sessionIds.slice(0, 3));
	const starts = next.map((e) => new Date(e.start));
	for (const [i, start] of starts.entries()) {
		expect(start.getUTCHours()).toBe(1);
		if (i > 0) expect((start.getTime() - (starts[i - 1]?.getTime() ?? 0)) / day).toBeGreaterThanOrEqual(28);
	}
	expect(next.every((e) => e.chair.name === "Lê Văn Cường")).toBe(true);

	const ics = await fetch(`${fx.base}/calendar/KH.ics`);
	expect(ics.headers.get("content-type")).toContain("text/calendar");
	const feed = await ics.text();
	expect(feed).toContain("BEGIN:VCALENDAR");
	expect(feed.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(3);
	expect(feed).toContain(`UID:${series.body.sessionIds[0]}@reception-bridge`);

	const pdf = await call<Buffer>(fx.base, "GET", "/calendar/KH.pdf");
	expect(pdf.headers.get("content-type")).toBe("application/pdf");
	const parser = new PDFParse({ data: new Uint8Array(pdf.body) });
	const text = (await parser.getText()).text.replace(/\s+/g, " ");
	await parser.destroy();
	expect(text).toContain("Lịch tiếp công dân định kỳ của lãnh đạo Khánh Hòa");
	expect(text).toContain("đồng chí Lê Văn Cường, Chủ tịch UBND tỉnh Khánh Hòa chủ trì tiếp công dân định kỳ");
	expect(text).toContain("- Lưu: VT.");
	for (const font of pdfFonts(pdf.body)) expect(font.name).toMatch(/LiberationSerif/);
	expect((await call(fx.base, "GET", "/calendar/NOWHERE")).status).toBe(404);
});

it("shows the inspectorate which heads held their monthly reception and which did not", async () => {
	const ids = fx.seed;
	const { sessions } = fx.platform.records;
	const actor = { userId: "test", origin: "test" };
	// Last month (Vietnam time): the KH chair held one; the LD chair held none.
	const now = new Date();
	const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 12, 1));
	const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 7 * 3_600_000);
	const monthBefore = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1) - 7 * 3_600_000);
	await sessions.create(
		{
			...periodic(0),
			plannedStart: lastMonth,
			plannedEnd: new Date(lastMonth.getTime() + 3 * 3_600_000),
			status: "ended",
			liveAt: lastMonth,
			endedAt: new Date(lastMonth.getTime() + 3 * 3_600_000),
			scopeEndpointIds: [ids.endpoints.KH],
		},
		actor,
	);
	const query = `/compliance?from=${monthBefore.toISOString()}&to=${thisMonth.toISOString()}`;
	const report = await (await fx.as("thanhtra.cp")).request<{
		items: {
			leader: { name: string };
			endpointName: string;
			period: { label: string };
			status: string;
			held: number;
		}[];
	}>("GET", query);
	expect(report.status, JSON.stringify(report.body)).toBe(200);
	const row = (name: string) => report.body.items.find((r) => r.leader.name === name);
	expect(row("Ngô Văn Long")).toMatchObject({
		endpointName: "Ban Tiếp công dân tỉnh Lâm Đồng",
		status: "missed",
		held: 0,
	});
	expect(row("Lê Văn Cường")).toMatchObject({ status: "held", held: 1 });
	const missed = await (await fx.as("thanhtra.cp")).request<{ items: { leader: { name: string } }[] }>(
		"GET",
		`${query}&status=missed`,
	);
	expect(missed.body.items.map((r) => r.leader.name)).toEqual(["Ngô Văn Long"]);
	// The provincial inspectorate sees its own province only; the chairs and operators not at all.
	const kh = await (await fx.as("thanhtra.kh")).request<{ items: { leader: { name: string } }[] }>("GET", query);
	expect(kh.body.items.map((r) => r.leader.name)).toEqual(["Lê Văn Cường"]);
	for (const who of ["chutich.kh", "canbo.nhatrang"]) {
		expect((await (await fx.as(who)).request("GET", query)).status, who).toBe(403);
	}
});
