import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayOf } from "../../domain/duty.js";
import { startDutyFixture } from "../support/dutyFixture.js";
import type { MailCatcher } from "../support/MailCatcher.js";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, sampleCase } from "../support/records.js";

let fx: RecordsFixture;
let mail: MailCatcher;
const ep = (code: string) => fx.seed.endpoints[code] ?? "";

beforeAll(async () => {
	({ fx, mail } = await startDutyFixture(1500, { ALERT_OFFLINE_LEAD_MIN: "30", ALERT_CHECK_EVERY_MS: "200" }));
});
afterAll(async () => {
	await fx?.platform.stop();
	await mail?.close();
});

const today = () => dayOf(new Date());
const person = (name: string, phone: string, email?: string) => ({ name, phone, ...(email ? { email } : {}) });

/** A session starting 20 minutes from now on the platform's clock, whose invited endpoint is offline. */
async function sessionSoon(title: string, host: string, chair: string, invited: string) {
	const start = fx.platform.clock.now().getTime() + 20 * 60_000;
	const { document } = await fx.platform.records.sessions.create(
		{
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title,
			plannedStart: new Date(start),
			plannedEnd: new Date(start + 60 * 60_000),
			hostEndpointId: ep(host),
			chairUserId: fx.seed.users[chair],
			participantEndpointIds: [ep(invited)],
			status: "scheduled",
			scopeEndpointIds: [ep(host), ep(invited)],
		},
		{ userId: "u-secretariat", origin: "test" },
	);
	return document;
}

async function declareTet(): Promise<string> {
	const secretariat = await fx.as("vanphong.kh");
	const res = await secretariat.request<{ id: string }>("POST", "/duty/periods", {
		name: "Tết Nguyên đán Bính Ngọ 2026",
		kind: "tet-nguyen-dan",
		from: addDays(today(), -1),
		to: addDays(today(), 5),
		endpointId: ep("KH"),
	});
	expect(res.status).toBe(201);
	return res.body.id;
}

describe("duty rosters and alerts to the person on duty", () => {
	let periodId: string;

	beforeAll(async () => {
		periodId = await declareTet();
	});
	afterEach(() => {
		fx.platform.clock.offsetMs = 0;
	});

	it("e-mails the IT officer on duty when an endpoint is offline 20 minutes before its session at night, then escalates to the leader", async () => {
		const secretariat = await fx.as("vanphong.kh");
		// 23:00 tonight in Vietnam on the platform's clock, whatever the hour the test runs at.
		const night = new Date(`${today()}T23:00:00+07:00`);
		fx.platform.clock.offsetMs = night.getTime() - Date.now();
		const { day, shift } = { day: today(), shift: "night" };
		const slot = (role: string, p: ReturnType<typeof person>) =>
			secretariat.request("POST", `/duty/periods/${periodId}/slots`, {
				endpointId: ep("KH"),
				day,
				shift,
				role,
				person: p,
			});
		expect((await slot("it", person("Hoàng Văn Em", "0905 111 222", "cntt.truc@khanhhoa.example"))).status).toBe(201);
		expect((await slot("leader", person("Lê Văn Cường", "0905 333 444", "lanhdao.truc@khanhhoa.example"))).status).toBe(
			201,
		);

		const now = await secretariat.request<{ items: { endpointId: string; roles: { role: string }[] }[] }>(
			"GET",
			`/duty/now?under=${ep("KH")}`,
		);
		// A commune with no roster of its own is covered by its province's people on duty.
		expect(
			now.body.items
				.find((i) => i.endpointId === ep("KH-NHATRANG"))
				?.roles.map((r) => r.role)
				.sort(),
		).toEqual(["it", "leader"]);

		// An endpoint offline 20 minutes before its session.
		const document = await sessionSoon("Tiếp công dân đột xuất ban đêm", "KH", "chutich.kh", "KH-NHATRANG");

		const itMail = await eventually(async () => mail.to("cntt.truc@khanhhoa.example")[0]);
		expect(itMail.raw).toContain("Subject:");
		expect(mail.to("lanhdao.truc@khanhhoa.example")).toEqual([]);
		// Nobody acknowledges: after the configured time the leader on duty is told.
		const leaderMail = await eventually(async () => mail.to("lanhdao.truc@khanhhoa.example")[0], 20_000);
		expect(leaderMail.raw).toMatch(/CHUY=E1=BB=82N C=E1=BA=A4P|CHUYỂN CẤP|=5BCHUY/);

		const alerts = await fx.platform.alerts.list({
			endpointIds: null,
			open: true,
			sessionId: String(document.entityId),
			limit: 50,
		});
		const alert = alerts.find((a) => a.endpointId === ep("KH-NHATRANG"));
		expect(alert).toBeDefined();
		const it = await fx.as("cntt.kh");
		type Delivery = { level: number; role: string; channel: string; status: string };
		// The leader's mail is recorded once the SMTP server has accepted it.
		const emailed = await eventually(async () => {
			const { body } = await it.request<{ items: Delivery[] }>("GET", `/duty/alerts/${alert?.id}/deliveries`);
			const sent = body.items.filter((d) => d.channel === "email");
			return sent.length === 2 ? sent : undefined;
		});
		expect(emailed).toEqual([
			expect.objectContaining({ level: 0, role: "it", status: "sent" }),
			expect.objectContaining({ level: 1, role: "leader", status: "sent" }),
		]);
		// Lâm Đồng sees none of Khánh Hòa's deliveries.
		const ld = await fx.as("vanphong.ld");
		expect((await ld.request<{ items: unknown[] }>("GET", `/duty/alerts/${alert?.id}/deliveries`)).body.items).toEqual(
			[],
		);

		// Acknowledged: no further escalation, and the acknowledgement is on the alert.
		const ack = await it.request("POST", `/alerts/${alert?.id}/acknowledge`);
		expect(ack.status).toBe(200);
		expect(ack.body).toMatchObject({ acknowledged: { name: expect.any(String) } });
	});

	it("lists gaps before the period and refuses a person on two shifts at once", async () => {
		const secretariat = await fx.as("vanphong.kh");
		const gaps = await secretariat.request<{
			items: { endpointId: string; day: string; shift: string; missing: string[] }[];
		}>("GET", `/duty/periods/${periodId}/gaps`);
		const nightGap = gaps.body.items.find(
			(g) => g.endpointId === ep("KH") && g.day === addDays(today(), 3) && g.shift === "night",
		);
		expect(nightGap?.missing).toEqual(["leader", "reception", "it"]);

		const body = {
			endpointId: ep("KH"),
			day: addDays(today(), 3),
			shift: "night",
			role: "it",
			person: person("Trần Văn Trực", "0912 000 111"),
		};
		expect((await secretariat.request("POST", `/duty/periods/${periodId}/slots`, body)).status).toBe(201);
		const twice = await secretariat.request<{ error: { code: string; issues: { path: string }[] } }>(
			"POST",
			`/duty/periods/${periodId}/slots`,
			{ ...body, endpointId: ep("KH-NHATRANG"), role: "reception" },
		);
		expect(twice.status).toBe(400);
		expect(twice.body.error.issues[0]?.path).toBe("body.person");
	});

	it("refuses bad input and units outside the caller's scope, writing nothing", async () => {
		const secretariat = await fx.as("vanphong.kh");
		const before = (await fx.platform.duty.slots.find({})).length;
		const base = {
			endpointId: ep("KH"),
			day: addDays(today(), 2),
			shift: "office",
			role: "reception",
			person: person("Ngô Thị Lan", "0913 222 333"),
		};
		const outside = await secretariat.request("POST", `/duty/periods/${periodId}/slots`, {
			...base,
			day: addDays(today(), 30),
		});
		expect(outside.status).toBe(400);
		expect(JSON.stringify(outside.body)).toContain("body.day");
		const unknownRole = await secretariat.request("POST", `/duty/periods/${periodId}/slots`, { ...base, role: "cook" });
		expect(unknownRole.status).toBe(400);
		expect(JSON.stringify(unknownRole.body)).toContain("body.role");
		const ld = await fx.as("vanphong.ld");
		const foreign = await ld.request("POST", `/duty/periods/${periodId}/slots`, { ...base, endpointId: ep("LD") });
		expect(foreign.status).toBe(404);
		const otherProvince = await secretariat.request("POST", `/duty/periods/${periodId}/slots`, {
			...base,
			endpointId: ep("LD"),
		});
		expect(otherProvince.status).toBe(404);
		const observer = await fx.as("quansat.kh");
		expect((await observer.request("GET", `/duty/periods/${periodId}`)).status).toBe(403);
		const operator = await fx.as("canbo.nhatrang");
		expect((await operator.request("POST", `/duty/periods/${periodId}/slots`, base)).status).toBe(403);
		expect((await ld.request("GET", `/duty/periods/${periodId}`)).status).toBe(404);
		expect((await fx.platform.duty.slots.find({})).length).toBe(before);
	});

	it("keeps a published roster read-only except by a correction that records who and why", async () => {
		const secretariat = await fx.as("vanphong.kh");
		const day = addDays(today(), 4);
		const created = await secretariat.request<{ id: string }>("POST", `/duty/periods/${periodId}/slots`, {
			endpointId: ep("KH"),
			day,
			shift: "after-hours",
			role: "reception",
			person: person("Phạm Thị Dung", "0914 555 666"),
		});
		expect(created.status).toBe(201);
		expect(
			(await secretariat.request("POST", `/duty/periods/${periodId}/publish`, { endpointId: ep("KH") })).status,
		).toBe(201);
		const swap = { person: person("Vũ Thị Giang", "0915 777 888") };
		expect((await secretariat.request("PATCH", `/duty/slots/${created.body.id}`, swap)).status).toBe(409);
		const corrected = await secretariat.request("PATCH", `/duty/slots/${created.body.id}`, {
			...swap,
			correction: { reason: "Đổi ca do ốm" },
		});
		expect(corrected.status).toBe(201);
		// The printed roster names the person now on that shift.
		const pdf = await secretariat.request<Buffer>("GET", `/duty/periods/${periodId}/roster.pdf?endpoint=${ep("KH")}`);
		expect(pdf.headers.get("content-type")).toContain("application/pdf");
		const text = (await new PDFParse({ data: new Uint8Array(pdf.body) }).getText()).text;
		expect(text).toContain("LỊCH TRỰC");
		expect(text).toContain("Cán bộ tiếp dân: Vũ Thị Giang");
		expect(text).not.toContain("Cán bộ tiếp dân: Phạm Thị Dung");
		const history = await secretariat.request<{
			items: { change: { kind: string; reason?: string }; recordedBy: string }[];
		}>("GET", `/duty/slots/${created.body.id}/history`);
		expect(history.body.items.at(-1)).toMatchObject({ change: { kind: "correction", reason: "Đổi ca do ốm" } });
	});

	it("pre-fills a daily report from the register, and lists the provinces that have not submitted", async () => {
		const central = await fx.as("trunguong");
		const tw = await central.request<{ id: string }>("POST", "/duty/periods", {
			name: "Kỳ họp bất thường Quốc hội",
			kind: "extraordinary-session",
			from: addDays(today(), -2),
			to: addDays(today(), 2),
			endpointId: ep("TW"),
		});
		expect(tw.status).toBe(201);
		const secretariat = await fx.as("vanphong.kh");
		const yesterday = addDays(today(), -1);
		type Figures = { visits: number; people: number; cases: number; delegations: number; developments: number };
		const prefill = async () =>
			(
				await secretariat.request<Figures>(
					"GET",
					`/duty/periods/${tw.body.id}/prefill?endpoint=${ep("KH")}&day=${yesterday}`,
				)
			).body;
		const before = await prefill();
		// A group of seven received at a commune yesterday evening (Vietnam's day) counts in the province's figures.
		const entered = await (await fx.as("canbo.nhatrang")).request("POST", "/cases", {
			receivedAt: new Date(`${yesterday}T19:30:00+07:00`).toISOString(),
			endpointId: ep("KH-NHATRANG"),
			citizens: [
				{
					fullName: "Trần Văn Hùng",
					address: "Xã Cam Lâm, Khánh Hòa",
					idNumber: "056075001234",
					isRepresentative: true,
				},
				{
					fullName: "Nguyễn Thị Mai",
					address: "Xã Cam Lâm, Khánh Hòa",
					idNumber: "056180004321",
					isRepresentative: true,
				},
			],
			peopleCount: 7,
			summary: "Đoàn đông người khiếu nại việc bồi thường giải phóng mặt bằng.",
			contentType: "complaint",
			field: "admin.compensation",
			request: "Đề nghị xem xét lại phương án bồi thường.",
		});
		expect(entered.status, JSON.stringify(entered.body)).toBe(201);
		// Received in the nationwide period and in Khánh Hòa's Tết: read with both, and listed by either.
		const caseId = (entered.body as { id: string }).id;
		const tagged = (await secretariat.request<{ peakPeriodIds: string[] }>("GET", `/cases/${caseId}`)).body
			.peakPeriodIds;
		expect(tagged).toEqual(expect.arrayContaining([tw.body.id, periodId]));
		const listed = await secretariat.request<{ items: { id: string }[] }>("GET", `/cases?peakPeriod=${tw.body.id}`);
		expect(listed.body.items.map((c) => c.id)).toContain((entered.body as { id: string }).id);
		const session = await secretariat.request<{ id: string }>("POST", "/sessions", {
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title: "Tiếp công dân trong kỳ họp bất thường",
			plannedStart: new Date(Date.now() + 86_400_000).toISOString(),
			plannedEnd: new Date(Date.now() + 86_400_000 + 3_600_000).toISOString(),
			hostEndpointId: ep("KH"),
			chairUserId: fx.seed.users["chutich.kh"],
			participantEndpointIds: [ep("KH-NHATRANG")],
		});
		expect(session.status, JSON.stringify(session.body)).toBe(201);
		const read = await secretariat.request<{ peakPeriodIds: string[] }>("GET", `/sessions/${session.body.id}`);
		expect(read.body.peakPeriodIds).toEqual(expect.arrayContaining([tw.body.id, periodId]));
		const sessions = await central.request<{ items: { id: string }[] }>("GET", `/sessions?peakPeriod=${periodId}`);
		expect(sessions.body.items.map((x) => x.id)).toContain(session.body.id);
		// A case outside Khánh Hòa is not in its Tết.
		const xuanHuong = await fx.as("canbo.xuanhuong");
		const ldCase = await xuanHuong.request<{ id: string }>("POST", "/cases", sampleCase(ep("LD-XUANHUONG")));
		const ldRead = await xuanHuong.request<{ peakPeriodIds: string[] }>("GET", `/cases/${ldCase.body.id}`);
		expect(ldRead.body.peakPeriodIds).toEqual([tw.body.id]);
		// The commune enters a hot-spot development on it that evening: a development of the day.
		const development = await (await fx.as("canbo.nhatrang")).request(
			"POST",
			`/hotspots/cases/${(entered.body as { id: string }).id}/developments`,
			{ occurredAt: new Date(`${yesterday}T21:00:00+07:00`).toISOString(), text: "Các hộ dân họp bàn việc đi Hà Nội." },
		);
		expect(development.status).toBe(201);
		expect(await prefill()).toEqual({
			visits: before.visits + 1,
			people: before.people + 7,
			cases: before.cases + 1,
			delegations: before.delegations + 1,
			developments: before.developments + 1,
		});
		const figures = await prefill();
		const submitted = await secretariat.request<{ figures: unknown }>("POST", `/duty/periods/${tw.body.id}/reports`, {
			kind: "daily",
			endpointId: ep("KH"),
			day: yesterday,
			events: "Không phát sinh đoàn đông người.",
		});
		expect(submitted.status).toBe(201);
		expect(submitted.body.figures).toEqual(figures);
		const seen = await central.request<{ items: { endpointId: string }[]; missing: string[] }>(
			"GET",
			`/duty/periods/${tw.body.id}/reports?day=${yesterday}`,
		);
		expect(seen.body.items.map((r) => r.endpointId)).toEqual([ep("KH")]);
		expect(seen.body.missing).toEqual([ep("LD")]);

		// The end-of-period summary, from the daily reports and the record: a workbook and the printed report.
		const xlsx = await central.request<Buffer>("GET", `/duty/periods/${tw.body.id}/summary.xlsx`);
		expect(xlsx.status).toBe(200);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
		expect(book.worksheets.map((w) => w.name)).toEqual(
			expect.arrayContaining(["Biểu tổng hợp", "Báo cáo hằng ngày", "Chưa gửi báo cáo"]),
		);
		const dailyRows = book.getWorksheet("Báo cáo hằng ngày")?.getSheetValues() ?? [];
		expect(JSON.stringify(dailyRows)).toContain("Không phát sinh đoàn đông người.");
		expect(JSON.stringify(book.getWorksheet("Chưa gửi báo cáo")?.getSheetValues())).toContain("Lâm Đồng");
		const summaryPdf = await central.request<Buffer>("GET", `/duty/periods/${tw.body.id}/summary.pdf`);
		expect(summaryPdf.headers.get("content-type")).toContain("application/pdf");
		const printed = (await new PDFParse({ data: new Uint8Array(summaryPdf.body) }).getText()).text.replace(/\s+/g, " ");
		expect(printed).toContain("BÁO CÁO");
		expect(printed).toContain("Không phát sinh đoàn đông người.");
		expect(printed).toContain("1 diễn biến điểm nóng");
		expect(printed).toMatch(/Toàn kỳ: \d+ lượt tiếp/);
		// Khánh Hòa sums up its own part; Lâm Đồng may not read Khánh Hòa's, an operator no summary at all.
		const own = await secretariat.request<Buffer>("GET", `/duty/periods/${tw.body.id}/summary.pdf`);
		expect(own.status).toBe(200);
		expect((await new PDFParse({ data: new Uint8Array(own.body) }).getText()).text).not.toContain("Lâm Đồng");
		const ld = await fx.as("vanphong.ld");
		expect((await ld.request("GET", `/duty/periods/${tw.body.id}/summary.pdf?under=${ep("KH")}`)).status).toBe(404);
		const operator = await fx.as("canbo.nhatrang");
		expect((await operator.request("GET", `/duty/periods/${tw.body.id}/summary.xlsx`)).status).toBe(403);
	});
});

describe("a province's own shifts and a personal duty feed", () => {
	const nightAtNine = {
		hours: {
			office: { start: "07:00", end: "17:00" },
			"after-hours": { start: "17:00", end: "21:00" },
			night: { start: "21:00", end: "07:00" },
		},
		required: { office: ["leader", "reception"], "after-hours": ["leader", "reception"], night: ["leader"] },
		requiredInPeak: {
			office: ["leader", "reception"],
			"after-hours": ["leader", "reception", "it"],
			night: ["leader", "reception", "it", "security"],
		},
	};

	it("sets Khánh Hòa's shifts, which its communes keep and its gap check and overlaps follow; refuses bad hours and other provinces", async () => {
		const secretariat = await fx.as("vanphong.kh");
		const before = await secretariat.request<{ source: string | null; hours: { night: { start: string } } }>(
			"GET",
			`/duty/settings/${ep("KH-NHATRANG")}`,
		);
		expect(before.body).toMatchObject({ source: null, hours: { night: { start: "22:00" } } });

		const broken = await secretariat.request<{ error: { issues: { path: string }[] } }>(
			"PUT",
			`/duty/settings/${ep("KH")}`,
			{ ...nightAtNine, hours: { ...nightAtNine.hours, night: { start: "22:00", end: "07:00" } } },
		);
		expect(broken.status).toBe(400);
		expect(broken.body.error.issues.map((i) => i.path)).toContain("body.hours.night.start");
		const ld = await fx.as("vanphong.ld");
		expect((await ld.request("PUT", `/duty/settings/${ep("KH")}`, nightAtNine)).status).toBe(404);
		expect((await ld.request("GET", `/duty/settings/${ep("KH")}`)).status).toBe(404);
		const it = await fx.as("cntt.kh");
		expect((await it.request("PUT", `/duty/settings/${ep("KH")}`, nightAtNine)).status).toBe(403);
		expect((await secretariat.request("PUT", `/duty/settings/${ep("KH-NHATRANG")}`, nightAtNine)).status).toBe(400);
		expect((await fx.platform.duty.shiftSettings.find({})).length).toBe(0);

		const set = await secretariat.request("PUT", `/duty/settings/${ep("KH")}`, nightAtNine);
		expect(set.status).toBe(200);
		const commune = await secretariat.request<{ source: string; hours: { night: { start: string } } }>(
			"GET",
			`/duty/settings/${ep("KH-NHATRANG")}`,
		);
		expect(commune.body).toMatchObject({ source: ep("KH"), hours: { night: { start: "21:00" } } });
		// Lâm Đồng keeps the platform's shifts.
		expect((await ld.request<{ source: null }>("GET", `/duty/settings/${ep("LD")}`)).body.source).toBeNull();

		const period = await secretariat.request<{ id: string }>("POST", "/duty/periods", {
			name: "Kỳ họp bất thường — trực tỉnh",
			kind: "extraordinary-session",
			from: addDays(today(), 20),
			to: addDays(today(), 21),
			endpointId: ep("KH"),
		});
		const gaps = await secretariat.request<{ items: { endpointId: string; shift: string; missing: string[] }[] }>(
			"GET",
			`/duty/periods/${period.body.id}/gaps`,
		);
		expect(gaps.body.items.find((g) => g.endpointId === ep("KH") && g.shift === "night")?.missing).toContain(
			"security",
		);

		// In Khánh Hòa after hours end at 21:00 when the night starts: one person may take both.
		const day = addDays(today(), 20);
		const slot = (shift: string, role: string) =>
			secretariat.request("POST", `/duty/periods/${period.body.id}/slots`, {
				endpointId: ep("KH"),
				day,
				shift,
				role,
				person: person("Đặng Văn Khoa", "0916 121 212"),
			});
		expect((await slot("after-hours", "leader")).status).toBe(201);
		expect((await slot("night", "leader")).status).toBe(201);
		// Not two roles on one night.
		expect((await slot("night", "reception")).status).toBe(400);
	});

	it("gives each user a secret iCal feed of their own duty slots, readable without a token", async () => {
		const secretariat = await fx.as("vanphong.kh");
		const itUser = fx.seed.users["cntt.kh"] ?? "";
		const period = await secretariat.request<{ id: string }>("POST", "/duty/periods", {
			name: "Tết Dương lịch 2027",
			kind: "tet-duong-lich",
			from: addDays(today(), 30),
			to: addDays(today(), 31),
			endpointId: ep("KH"),
		});
		const add = await secretariat.request("POST", `/duty/periods/${period.body.id}/slots`, {
			endpointId: ep("KH"),
			day: addDays(today(), 30),
			shift: "night",
			role: "it",
			person: { userId: itUser, name: "Cán bộ CNTT Khánh Hòa", phone: "0905 000 999" },
		});
		expect(add.status).toBe(201);
		// A user outside the caller's scope is named as absent, and nothing is written.
		const foreignUser = await secretariat.request("POST", `/duty/periods/${period.body.id}/slots`, {
			endpointId: ep("KH"),
			day: addDays(today(), 31),
			shift: "night",
			role: "it",
			person: { userId: fx.seed.users["vanphong.ld"], name: "Người ngoài", phone: "0905 000 998" },
		});
		expect(foreignUser.status).toBe(404);

		const it = await fx.as("cntt.kh");
		const feed = await it.request<{ path: string }>("GET", "/duty/feed");
		expect(feed.status).toBe(200);
		const ics = await fetch(`http://127.0.0.1:${fx.platform.port}${feed.body.path}`);
		expect(ics.status).toBe(200);
		expect(ics.headers.get("content-type")).toContain("text/calendar");
		const text = await ics.text();
		expect(text).toContain("BEGIN:VEVENT");
		expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
		// Khánh Hòa's night starts at 21:00 (UTC+7): 14:00 UTC.
		expect(text).toContain(`DTSTART:${addDays(today(), 30).replaceAll("-", "")}T140000Z`);
		expect(text).toContain("Cán bộ CNTT – Trực đêm");

		// Another user's feed with this key, or a made-up key, is answered as absent.
		const other = feed.body.path.replace(itUser, fx.seed.users["chutich.kh"] ?? "");
		expect((await fetch(`http://127.0.0.1:${fx.platform.port}${other}`)).status).toBe(404);
		const forged = feed.body.path.replace(/\/[^/]+\.ics$/, `/${"A".repeat(43)}.ics`);
		expect((await fetch(`http://127.0.0.1:${fx.platform.port}${forged}`)).status).toBe(404);
	});
});

describe("a roster per endpoint and agency, and ordinary after-hours duty", () => {
	// No peak period covers this day at Lâm Đồng or Khánh Hòa: ordinary duty.
	const ordinary = () => addDays(today(), 10);
	type Refusal = { error: { code: string; message: string; issues?: { path: string }[] } };
	const agency = async (who: string, province: string, name: string, communeId?: string) => {
		const res = await (await fx.as(who)).request<{ id: string }>("POST", "/agencies", {
			name,
			kind: "department",
			provinceId: ep(province),
			...(communeId ? { communeId } : {}),
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		return res.body.id;
	};
	afterEach(() => {
		fx.platform.clock.offsetMs = 0;
	});

	it("puts an agency's duty officer on a shift, refuses another endpoint's or province's agency and a person on two shifts across endpoint and agency, writing nothing; the central office sees who is on duty at the agency", async () => {
		const secretariat = await fx.as("vanphong.kh");
		const inspectorate = await agency("vanphong.kh", "KH", "Thanh tra tỉnh Khánh Hòa");
		const ldAgency = await agency("vanphong.ld", "LD", "Thanh tra tỉnh Lâm Đồng");
		const day = ordinary();
		// The inspectorate's officer is a platform user: the slot is in their personal iCal feed.
		const officer = { ...person("Trịnh Văn Thanh", "0917 246 810"), userId: fx.seed.users["thanhtra.kh"] };
		const slot = {
			endpointId: ep("KH"),
			agencyId: inspectorate,
			day,
			shift: "night",
			role: "leader",
			person: officer,
		};
		const added = await secretariat.request<{ agencyId: string }>("POST", "/duty/slots", slot);
		expect(added.status, JSON.stringify(added.body)).toBe(201);
		expect(added.body.agencyId).toBe(inspectorate);

		const before = (await fx.platform.duty.slots.find({})).length;
		const refused = async (body: object, status: number, path: string) => {
			const res = await secretariat.request<Refusal>("POST", "/duty/slots", body);
			expect(res.status, JSON.stringify(res.body)).toBe(status);
			expect(JSON.stringify(res.body.error)).toContain(path);
		};
		const other = person("Mai Thị Hạnh", "0917 000 111");
		// Another province's agency is answered as absent, as is an unknown one.
		await refused({ ...slot, person: other, agencyId: ldAgency }, 404, "body.agencyId");
		await refused({ ...slot, person: other, agencyId: "000000000000000000000000" }, 404, "body.agencyId");
		// The province's agency is not the commune's: absent at the commune.
		await refused({ ...slot, person: other, endpointId: ep("KH-NHATRANG") }, 404, "body.agencyId");
		// The agency's duty officer cannot also be on the province's own reception point that night.
		await refused({ ...slot, agencyId: undefined, role: "reception" }, 400, "body.person");
		// Nor on an agency's shift named under a peak period whose days do not hold it.
		const periods = await secretariat.request<{ items: { id: string; to: string }[] }>("GET", "/duty/periods");
		const tet = periods.body.items.find((p) => p.to === addDays(today(), 5));
		const named = await secretariat.request<Refusal>("POST", `/duty/periods/${tet?.id}/slots`, {
			...slot,
			person: other,
		});
		expect(named.status).toBe(400);
		expect(named.body.error.issues?.[0]?.path).toBe("body.day");
		expect((await fx.platform.duty.slots.find({})).length).toBe(before);

		// At 23:00 that night the central office sees the inspectorate's officer under Khánh Hòa,
		// and Khánh Hòa's own reception point still without anyone on duty.
		fx.platform.clock.offsetMs = new Date(`${day}T23:30:00+07:00`).getTime() - Date.now();
		const central = await fx.as("trunguong");
		type Now = {
			items: {
				endpointId: string;
				roles: { role: string }[];
				agencies: { agencyId: string; agencyName: string; roles: { role: string; person: { name: string } }[] }[];
			}[];
		};
		const now = await central.request<Now>("GET", `/duty/now?under=${ep("TW")}`);
		expect(now.status).toBe(200);
		const kh = now.body.items.find((i) => i.endpointId === ep("KH"));
		expect(kh?.agencies).toEqual([
			{
				agencyId: inspectorate,
				agencyName: "Thanh tra tỉnh Khánh Hòa",
				roles: [expect.objectContaining({ role: "leader", person: expect.objectContaining({ name: officer.name }) })],
			},
		]);
		expect(kh?.roles).toEqual([]);
		// The officer's feed places the shift at the agency, at its endpoint.
		const feed = await (await fx.as("thanhtra.kh")).request<{ path: string }>("GET", "/duty/feed");
		const ics = await (await fetch(`http://127.0.0.1:${fx.platform.port}${feed.body.path}`)).text();
		expect(ics.replace(/\r\n[ \t]/g, "")).toContain(
			"LOCATION:Thanh tra tỉnh Khánh Hòa\\, Ban Tiếp công dân tỉnh Khánh Hòa",
		);
		// Lâm Đồng may not look under Khánh Hòa.
		expect((await (await fx.as("vanphong.ld")).request("GET", `/duty/now?under=${ep("KH")}`)).status).toBe(404);
	});

	it("e-mails the IT officer on an ordinary night's roster (no peak period), not the agency's, and escalates to the leader; lists the day's gaps by the ordinary requirements; prints and publishes the ordinary roster", async () => {
		const secretariat = await fx.as("vanphong.ld");
		const day = ordinary();
		const agencyId = await agency("vanphong.ld", "LD", "Ban Tiếp công dân — Công an tỉnh Lâm Đồng");
		const put = (role: string, p: ReturnType<typeof person>, extra: object = {}) =>
			secretariat.request<{ id: string }>("POST", "/duty/slots", {
				endpointId: ep("LD"),
				day,
				shift: "night",
				role,
				person: p,
				...extra,
			});
		expect((await put("it", person("Đinh Văn Tâm", "0918 111 222", "cntt.dem@lamdong.example"))).status).toBe(201);
		const leader = await put("leader", person("Hồ Thị Vân", "0918 333 444", "lanhdao.dem@lamdong.example"));
		expect(leader.status).toBe(201);
		const agencyIt = person("Tạ Văn Bình", "0918 555 666", "cntt.congan@lamdong.example");
		expect((await put("it", agencyIt, { agencyId })).status).toBe(201);

		// The gaps of that ordinary day: Lâm Đồng's own night lacks a reception officer (IT is not
		// required outside a peak period); the agency's night its leader and reception officer.
		const gaps = await secretariat.request<{
			items: { endpointId: string; agencyId?: string; shift: string; day: string; missing: string[] }[];
		}>("GET", `/duty/gaps?from=${day}&to=${day}&under=${ep("LD")}`);
		expect(gaps.status).toBe(200);
		const night = gaps.body.items.filter((g) => g.shift === "night" && g.day === day);
		expect(night).toEqual(
			expect.arrayContaining([
				{ endpointId: ep("LD"), day, shift: "night", missing: ["reception"] },
				{ endpointId: ep("LD"), agencyId, day, shift: "night", missing: ["leader", "reception"] },
			]),
		);
		// Inside the nationwide period the same night needs IT as well.
		const peak = await secretariat.request<{
			items: { endpointId: string; agencyId?: string; shift: string; missing: string[] }[];
		}>("GET", `/duty/gaps?from=${today()}&to=${today()}&under=${ep("LD")}`);
		expect(
			peak.body.items.find((g) => g.endpointId === ep("LD") && !g.agencyId && g.shift === "night")?.missing,
		).toEqual(["leader", "reception", "it"]);

		// 23:00 that ordinary night: an endpoint of Lâm Đồng offline 20 minutes before its session.
		fx.platform.clock.offsetMs = new Date(`${day}T23:00:00+07:00`).getTime() - Date.now();
		const document = await sessionSoon("Tiếp công dân đột xuất ngoài giờ", "LD", "chutich.ld", "LD-XUANHUONG");
		await eventually(async () => mail.to("cntt.dem@lamdong.example")[0]);
		await eventually(async () => mail.to("lanhdao.dem@lamdong.example")[0], 20_000);
		// The agency's IT officer is not the endpoint's: not told of the endpoint's alert.
		expect(mail.to("cntt.congan@lamdong.example")).toEqual([]);
		const alert = (
			await fx.platform.alerts.list({ endpointIds: null, open: true, sessionId: String(document.entityId), limit: 50 })
		).find((a) => a.endpointId === ep("LD-XUANHUONG"));
		type Delivery = { level: number; role: string; channel: string; status: string; person?: { name: string } };
		const emailed = await eventually(async () => {
			const { body } = await secretariat.request<{ items: Delivery[] }>("GET", `/duty/alerts/${alert?.id}/deliveries`);
			const sent = body.items.filter((d) => d.channel === "email");
			return sent.length === 2 ? sent : undefined;
		});
		expect(emailed).toEqual([
			expect.objectContaining({
				level: 0,
				role: "it",
				status: "sent",
				person: expect.objectContaining({ name: "Đinh Văn Tâm" }),
			}),
			expect.objectContaining({ level: 1, role: "leader", status: "sent" }),
		]);
		expect((await secretariat.request("POST", `/alerts/${alert?.id}/acknowledge`)).status).toBe(200);
		fx.platform.clock.offsetMs = 0;

		// The printed ordinary roster names the agency's officer under the agency.
		const pdf = await secretariat.request<Buffer>(
			"GET",
			`/duty/roster.pdf?from=${day}&to=${addDays(day, 6)}&endpoint=${ep("LD")}`,
		);
		expect(pdf.status).toBe(200);
		const text = (await new PDFParse({ data: new Uint8Array(pdf.body) }).getText()).text.replace(/\s+/g, " ");
		expect(text).toContain("Lịch trực ngoài giờ");
		expect(text).toContain("Ban Tiếp công dân — Công an tỉnh Lâm Đồng — Cán bộ CNTT: Tạ Văn Bình");

		// Published for the week: read-only except by a correction, like a period's roster.
		const week = { endpointId: ep("LD"), from: day, to: addDays(day, 6) };
		expect((await secretariat.request("POST", "/duty/publish", week)).status).toBe(201);
		const swap = { person: person("Hồ Văn Lâm", "0918 777 888") };
		expect((await secretariat.request("PATCH", `/duty/slots/${leader.body.id}`, swap)).status).toBe(409);
		expect((await put("reception", person("Lò Thị Sen", "0918 999 000"))).status).toBe(409);
		const corrected = await secretariat.request("PATCH", `/duty/slots/${leader.body.id}`, {
			...swap,
			correction: { reason: "Đổi ca trực" },
		});
		expect(corrected.status).toBe(201);
		// The week's roster as the grid reads it.
		const grid = await secretariat.request<{ days: string[]; items: { person: { name: string } }[] }>(
			"GET",
			`/duty/roster?from=${day}&to=${addDays(day, 6)}&endpoint=${ep("LD")}`,
		);
		expect(grid.body.days).toHaveLength(7);
		expect(grid.body.items.map((s) => s.person.name)).toEqual(expect.arrayContaining(["Hồ Văn Lâm", "Tạ Văn Bình"]));
		// Khánh Hòa may not publish, read or print Lâm Đồng's ordinary roster.
		const kh = await fx.as("vanphong.kh");
		expect((await kh.request("POST", "/duty/publish", week)).status).toBe(404);
		expect((await kh.request("GET", `/duty/roster?from=${day}&to=${day}&endpoint=${ep("LD")}`)).status).toBe(404);
	});
});
