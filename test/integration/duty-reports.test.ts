import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayOf } from "../../domain/duty.js";
import { startDutyFixture } from "../support/dutyFixture.js";
import { enterCase, inDays, watchBody } from "../support/hotspots.js";
import { MailCatcher } from "../support/MailCatcher.js";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, sampleCase } from "../support/records.js";
import { requestSession } from "../support/sessionRequest.js";

let fx: RecordsFixture;
let mail: MailCatcher;
const ep = (code: string) => fx.seed.endpoints[code] ?? "";
const user = (username: string) => fx.seed.users[username] ?? "";
const today = () => dayOf(new Date());
const ESCALATE_AFTER_MS = 10 * 60_000;

beforeAll(async () => {
	({ fx, mail } = await startDutyFixture(ESCALATE_AFTER_MS));
});
afterAll(async () => {
	await fx?.platform.stop();
	await mail?.close();
});
afterEach(() => {
	fx.platform.clock.offsetMs = 0;
});

async function declare(endpoint: string, from: string, to: string, name = "Tết Nguyên đán Bính Ngọ 2026") {
	const author = await fx.as(endpoint === "TW" ? "lanhdao.tw" : "vanphong.kh");
	const res = await author.request<{ id: string }>("POST", "/duty/periods", {
		name,
		kind: "tet-nguyen-dan",
		from,
		to,
		endpointId: ep(endpoint),
	});
	expect(res.status, JSON.stringify(res.body)).toBe(201);
	return res.body.id;
}

describe("a session request from the central office reaches whoever is on duty", () => {
	it("e-mails the reception officer on night duty in Khánh Hòa and shows it in the app; the acknowledgement stops the escalation", async () => {
		const periodId = await declare("KH", addDays(today(), -1), addDays(today(), 1));
		const secretariat = await fx.as("vanphong.kh");
		// 23:00 tonight in Vietnam on the platform's clock.
		const night = new Date(`${today()}T23:00:00+07:00`);
		fx.platform.clock.offsetMs = night.getTime() - Date.now();
		const onDuty = async (role: string, username: string, email: string, name: string) => {
			const res = await secretariat.request("POST", `/duty/periods/${periodId}/slots`, {
				endpointId: ep("KH"),
				day: today(),
				shift: "night",
				role,
				person: { userId: user(username), name, phone: "0905 123 456", email },
			});
			expect(res.status, JSON.stringify(res.body)).toBe(201);
		};
		await onDuty("reception", "vanphong.kh", "tiepdan.truc@khanhhoa.example", "Phạm Thị Dung");
		await onDuty("leader", "chutich.kh", "lanhdao.truc@khanhhoa.example", "Nguyễn Văn An");

		// The central office asks Khánh Hòa for a session in half an hour.
		const sessionId = await requestSession(fx, "KH", {
			title: "Đối thoại khẩn với đoàn công dân Khánh Hòa",
			reason: "Đoàn đông người đang tập trung tại Trụ sở Trung ương",
			inMinutes: 30,
			minutes: 90,
		});

		// By e-mail, through the real SMTP server, to the reception officer on duty (not yet the leader).
		const received = await eventually(async () => mail.to("tiepdan.truc@khanhhoa.example")[0]);
		expect(MailCatcher.subject(received)).toContain("đề nghị phiên tiếp công dân trực tuyến");
		expect(mail.to("lanhdao.truc@khanhhoa.example")).toEqual([]);

		// In the app: the officer's alert list holds it, at the province, for that session.
		type AlertView = { id: string; kind: string; endpointId: string; sessionId: string; facts: { reason: string } };
		const listed = await secretariat.request<{ items: AlertView[] }>("GET", `/alerts?state=open&endpoint=${ep("KH")}`);
		const alert = listed.body.items.find((a) => a.kind === "session-requested" && a.sessionId === sessionId);
		expect(alert?.facts.reason).toContain("Đoàn đông người");
		type Delivery = { level: number; role: string; channel: string; status: string; person?: { userId?: string } };
		const deliveries = await eventually(async () => {
			const { body } = await secretariat.request<{ items: Delivery[] }>("GET", `/duty/alerts/${alert?.id}/deliveries`);
			return body.items.some((d) => d.channel === "email") ? body.items : undefined;
		});
		expect(deliveries).toEqual([
			expect.objectContaining({ level: 0, role: "reception", channel: "app", status: "shown-in-app" }),
			expect.objectContaining({ level: 0, role: "reception", channel: "email", status: "sent" }),
		]);
		expect(deliveries[0]?.person?.userId).toBe(user("vanphong.kh"));

		// Acknowledged by the officer: recorded on the alert, and no escalation once the time has passed.
		const ack = await secretariat.request<{ acknowledged: { userId: string } }>(
			"POST",
			`/alerts/${alert?.id}/acknowledge`,
		);
		expect(ack.status).toBe(200);
		expect(ack.body.acknowledged.userId).toBe(user("vanphong.kh"));
		fx.platform.clock.offsetMs += ESCALATE_AFTER_MS + 60_000;
		await fx.platform.dispatcher.sweep();
		const after = await secretariat.request<{ items: Delivery[] }>("GET", `/duty/alerts/${alert?.id}/deliveries`);
		expect(after.body.items.filter((d) => d.level > 0)).toEqual([]);
		expect(mail.to("lanhdao.truc@khanhhoa.example")).toEqual([]);
	});
	it("raises the same alert at the province when the central office asks for a dialogue on a watched case", async () => {
		const caseId = await enterCase(fx, "vanphong.kh", "KH");
		const watch = await (await fx.as("vanphong.kh")).request<{ id: string }>(
			"POST",
			"/hotspots/watches",
			watchBody(caseId),
		);
		expect(watch.status, JSON.stringify(watch.body)).toBe(201);
		const asked = await (await fx.as("lanhdao.tw")).request<{ session: { id: string } }>(
			"POST",
			`/hotspots/watches/${watch.body.id}/dialogue`,
			{ plannedStart: inDays(1), reason: "Nguy cơ rất cao, cần đối thoại trước khi đoàn đi" },
		);
		expect(asked.status, JSON.stringify(asked.body)).toBe(201);
		// Raised after the session is written: read until it is there.
		const secretariat = await fx.as("vanphong.kh");
		const alert = await eventually(async () => {
			const { body } = await secretariat.request<{ items: { kind: string; sessionId: string }[] }>(
				"GET",
				`/alerts?state=open&endpoint=${ep("KH")}`,
			);
			return body.items.find((a) => a.kind === "session-requested" && a.sessionId === asked.body.session.id);
		});
		expect(alert).toBeDefined();
	});
});

describe("a peak period holds what was made in it, whatever the order", () => {
	it("lists cases and sessions made before it was declared, and stops listing those its corrected days leave out", async () => {
		const commune = await fx.as("canbo.nhatrang");
		const twoDaysAgo = new Date(`${addDays(today(), -2)}T09:00:00+07:00`);
		const early = await commune.request<{ id: string }>(
			"POST",
			"/cases",
			sampleCase(ep("KH-NHATRANG"), { receivedAt: twoDaysAgo.toISOString() }),
		);
		expect(early.status, JSON.stringify(early.body)).toBe(201);
		const ld = await (await fx.as("canbo.xuanhuong")).request<{ id: string }>(
			"POST",
			"/cases",
			sampleCase(ep("LD-XUANHUONG"), { receivedAt: twoDaysAgo.toISOString() }),
		);
		const secretariat = await fx.as("vanphong.kh");
		const tomorrow = new Date(`${addDays(today(), 1)}T09:00:00+07:00`);
		const session = await secretariat.request<{ id: string }>("POST", "/sessions", {
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title: "Tiếp công dân định kỳ tháng",
			plannedStart: tomorrow.toISOString(),
			plannedEnd: new Date(tomorrow.getTime() + 3_600_000).toISOString(),
			hostEndpointId: ep("KH"),
			chairUserId: user("chutich.kh"),
			participantEndpointIds: [ep("KH-NHATRANG")],
		});
		expect(session.status, JSON.stringify(session.body)).toBe(201);

		// Declared afterwards: the case and the session are in it at once, Lâm Đồng's case is not.
		const periodId = await declare("KH", addDays(today(), -3), addDays(today(), 3), "Kỳ họp bất thường Quốc hội");
		const ids = async (path: string) =>
			(await secretariat.request<{ items: { id: string }[] }>("GET", path)).body.items.map((x) => x.id);
		expect(await ids(`/cases?peakPeriod=${periodId}`)).toContain(early.body.id);
		expect(await ids(`/sessions?peakPeriod=${periodId}`)).toContain(session.body.id);
		const central = await fx.as("lanhdao.tw");
		expect(
			(await central.request<{ items: { id: string }[] }>("GET", `/cases?peakPeriod=${periodId}`)).body.items.map(
				(c) => c.id,
			),
		).not.toContain(ld.body.id);
		const read = await secretariat.request<{ peakPeriodIds: string[] }>("GET", `/cases/${early.body.id}`);
		expect(read.body.peakPeriodIds).toContain(periodId);

		// Its first day corrected to today: the case of two days ago leaves it, the session stays.
		const corrected = await secretariat.request("PATCH", `/duty/periods/${periodId}`, {
			from: today(),
			correction: { reason: "Sửa ngày bắt đầu theo Kế hoạch của UBND tỉnh" },
		});
		expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
		expect(await ids(`/cases?peakPeriod=${periodId}`)).not.toContain(early.body.id);
		expect(await ids(`/sessions?peakPeriod=${periodId}`)).toContain(session.body.id);
		const reread = await secretariat.request<{ peakPeriodIds: string[] }>("GET", `/cases/${early.body.id}`);
		expect(reread.body.peakPeriodIds).not.toContain(periodId);
		// The official records were not rewritten; the period's correction is in its history, with its reason.
		expect((await secretariat.request<{ rev: number }>("GET", `/cases/${early.body.id}`)).body.rev).toBe(1);
		const history = await secretariat.request<{ items: { change: { kind: string; reason?: string } }[] }>(
			"GET",
			`/duty/periods/${periodId}/history`,
		);
		expect(history.status).toBe(200);
		expect(history.body.items.at(-1)?.change).toEqual({
			kind: "correction",
			reason: "Sửa ngày bắt đầu theo Kế hoạch của UBND tỉnh",
		});
	});

	it("refuses a bad correction, and one by a province not its author, writing nothing", async () => {
		const periodId = await declare("KH", today(), addDays(today(), 2), "Đại hội Đảng bộ tỉnh");
		const secretariat = await fx.as("vanphong.kh");
		const revs = async () => (await fx.platform.duty.periods.history(periodId)).length;
		const before = await revs();
		const noReason = await secretariat.request("PATCH", `/duty/periods/${periodId}`, { to: addDays(today(), 1) });
		expect(noReason.status).toBe(400);
		expect(JSON.stringify(noReason.body)).toContain("body.correction");
		const backwards = await secretariat.request("PATCH", `/duty/periods/${periodId}`, {
			to: addDays(today(), -1),
			correction: { reason: "Nhầm ngày" },
		});
		expect(backwards.status).toBe(400);
		expect(JSON.stringify(backwards.body)).toContain("body.to");
		const other = await (await fx.as("vanphong.ld")).request("PATCH", `/duty/periods/${periodId}`, {
			to: addDays(today(), 1),
			correction: { reason: "Nhầm ngày" },
		});
		expect(other.status).toBe(404);
		const nationwide = await declare("TW", today(), addDays(today(), 2), "Tết Dương lịch 2027");
		const province = await secretariat.request("PATCH", `/duty/periods/${nationwide}`, {
			to: addDays(today(), 1),
			correction: { reason: "Nhầm ngày" },
		});
		expect(province.status).toBe(404);
		expect(JSON.stringify(province.body)).toContain("params.id");
		expect(await revs()).toBe(before);
	});
});

describe("communes' daily reports when their province asks", () => {
	it("a province asks two communes; one submits its report pre-filled from its subtree, the other is listed as missing; bad requests and reports are refused, nothing written", async () => {
		const periodId = await declare("TW", addDays(today(), -2), addDays(today(), 2), "Tết Dương lịch 2027");
		const secretariat = await fx.as("vanphong.kh");
		const yesterday = addDays(today(), -1);
		const requests = () => fx.platform.records.models.CommuneReportRequest.countDocuments();
		const reports = () => fx.platform.duty.reports.find({ periodId });
		const none = { requests: await requests(), reports: (await reports()).length };

		// Refused, naming the field: a commune of another province (404 for Khánh Hòa, out of its scope;
		// 400 for the central office, which sees both), a day outside the period, a commune officer asking.
		const lamDong = await secretariat.request("POST", `/duty/periods/${periodId}/commune-requests`, {
			provinceId: ep("KH"),
			communeIds: [ep("KH-NHATRANG"), ep("LD-XUANHUONG")],
		});
		expect(lamDong.status).toBe(404);
		expect(JSON.stringify(lamDong.body)).toContain("body.communeIds");
		const central = await fx.as("lanhdao.tw");
		const notItsCommune = await central.request<{ error: { issues: { path: string; message: string }[] } }>(
			"POST",
			`/duty/periods/${periodId}/commune-requests`,
			{ provinceId: ep("KH"), communeIds: [ep("LD-XUANHUONG")] },
		);
		expect(notItsCommune.status).toBe(400);
		expect(notItsCommune.body.error.issues[0]?.path).toBe("body.communeIds.0");
		expect(notItsCommune.body.error.issues[0]?.message).toContain("Khánh Hòa");
		const late = await secretariat.request<{ error: { issues: { path: string }[] } }>(
			"POST",
			`/duty/periods/${periodId}/commune-requests`,
			{ provinceId: ep("KH"), to: addDays(today(), 9) },
		);
		expect(late.status).toBe(400);
		expect(late.body.error.issues[0]?.path).toBe("body.to");
		const operator = await fx.as("canbo.nhatrang");
		expect(
			(
				await operator.request("POST", `/duty/periods/${periodId}/commune-requests`, {
					provinceId: ep("KH"),
				})
			).status,
		).toBe(403);
		// Not asked yet: a commune's daily report is refused.
		const notAsked = await operator.request<{ error: { issues: { path: string }[] } }>(
			"POST",
			`/duty/periods/${periodId}/reports`,
			{ kind: "daily", endpointId: ep("KH-NHATRANG"), day: yesterday, events: "Không có gì." },
		);
		expect(notAsked.status).toBe(400);
		expect(notAsked.body.error.issues[0]?.path).toBe("body.endpointId");
		expect({ requests: await requests(), reports: (await reports()).length }).toEqual(none);

		// Khánh Hòa asks every commune, from yesterday.
		const asked = await secretariat.request<{ id: string; all: boolean; communeIds: string[] }>(
			"POST",
			`/duty/periods/${periodId}/commune-requests`,
			{ provinceId: ep("KH"), from: yesterday },
		);
		expect(asked.status, JSON.stringify(asked.body)).toBe(201);
		expect(asked.body.all).toBe(true);
		expect([...asked.body.communeIds].sort()).toEqual([ep("KH-NHATRANG"), ep("KH-PHANRANG")].sort());
		// The commune reads the request, and is pre-filled with its own subtree's figures.
		const seen = await operator.request<{ items: { provinceId: string }[] }>(
			"GET",
			`/duty/periods/${periodId}/commune-requests`,
		);
		expect(seen.body.items.map((r) => r.provinceId)).toEqual([ep("KH")]);
		const before = (
			await operator.request<{ people: number }>(
				"GET",
				`/duty/periods/${periodId}/prefill?endpoint=${ep("KH-NHATRANG")}&day=${yesterday}`,
			)
		).body;
		const received = new Date(`${yesterday}T10:00:00+07:00`).toISOString();
		expect(
			(
				await operator.request(
					"POST",
					"/cases",
					sampleCase(ep("KH-NHATRANG"), { receivedAt: received, peopleCount: 3 }),
				)
			).status,
		).toBe(201);
		const prefill = await operator.request<{ visits: number; people: number }>(
			"GET",
			`/duty/periods/${periodId}/prefill?endpoint=${ep("KH-NHATRANG")}&day=${yesterday}`,
		);
		expect(prefill.body.people).toBe(before.people + 3);
		// A day before the days asked for is refused, naming the day.
		const early = await operator.request<{ error: { issues: { path: string }[] } }>(
			"POST",
			`/duty/periods/${periodId}/reports`,
			{ kind: "daily", endpointId: ep("KH-NHATRANG"), day: addDays(today(), -2), events: "" },
		);
		expect(early.status).toBe(400);
		expect(early.body.error.issues[0]?.path).toBe("body.day");
		const outside = await operator.request<{ error: { issues: { path: string }[] } }>(
			"POST",
			`/duty/periods/${periodId}/reports`,
			{ kind: "daily", endpointId: ep("KH-NHATRANG"), day: addDays(today(), 5), events: "" },
		);
		expect(outside.status).toBe(400);
		expect(outside.body.error.issues[0]?.path).toBe("body.day");
		// Another commune's report is not this officer's to send.
		const other = await operator.request("POST", `/duty/periods/${periodId}/reports`, {
			kind: "daily",
			endpointId: ep("KH-PHANRANG"),
			day: yesterday,
		});
		expect(other.status).toBe(404);
		expect((await reports()).length).toBe(none.reports);

		const submitted = await operator.request<{ figures: { people: number } }>(
			"POST",
			`/duty/periods/${periodId}/reports`,
			{ kind: "daily", endpointId: ep("KH-NHATRANG"), day: yesterday, events: "Một đoàn 3 người về đất đai." },
		);
		expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
		expect(submitted.body.figures.people).toBe(prefill.body.people);

		// The province sees its commune's report and the commune that has not submitted by the hour.
		type Day = { items: { endpointId: string; events: string }[]; missing: string[]; missingCommunes: string[] };
		const day = await secretariat.request<Day>("GET", `/duty/periods/${periodId}/reports?day=${yesterday}`);
		expect(day.body.items.map((r) => r.endpointId)).toContain(ep("KH-NHATRANG"));
		expect(day.body.missingCommunes).toEqual([ep("KH-PHANRANG")]);
		// Lâm Đồng's secretariat sees neither Khánh Hòa's communes nor their reports.
		const ld = await (await fx.as("vanphong.ld")).request<Day>(
			"GET",
			`/duty/periods/${periodId}/reports?day=${yesterday}`,
		);
		expect(ld.body.missingCommunes).toEqual([]);
		expect(ld.body.items.map((r) => r.endpointId)).not.toContain(ep("KH-NHATRANG"));

		// The period's summary lists the asked commune's day without a report.
		const pdf = await secretariat.request<Buffer>("GET", `/duty/periods/${periodId}/summary.pdf?under=${ep("KH")}`);
		expect(pdf.status).toBe(200);
		const text = (await new PDFParse({ data: new Uint8Array(pdf.body) }).getText()).text.replace(/\s+/g, " ");
		expect(text).toContain(`Điểm cầu phường Phan Rang: ngày ${yesterday.split("-").reverse().join("/")}`);
		expect(text).toContain("Một đoàn 3 người về đất đai.");

		// Asking again names only one commune: a revision of the same request.
		const again = await secretariat.request<{ id: string; rev: number; communeIds: string[] }>(
			"POST",
			`/duty/periods/${periodId}/commune-requests`,
			{ provinceId: ep("KH"), communeIds: [ep("KH-NHATRANG")] },
		);
		expect(again.status).toBe(201);
		expect(again.body).toMatchObject({ id: asked.body.id, rev: 2, communeIds: [ep("KH-NHATRANG")] });
		const after = await secretariat.request<Day>("GET", `/duty/periods/${periodId}/reports?day=${yesterday}`);
		expect(after.body.missingCommunes).toEqual([]);
	});
});

describe("an ad-hoc report on one event", () => {
	it("is sent at any time, by a province and by a commune its province never asked, listed with the day's reports and in the summary's ad-hoc sheet", async () => {
		const periodId = await declare("KH", addDays(today(), -1), addDays(today(), 1), "Kỳ họp bất thường 2027");
		const secretariat = await fx.as("vanphong.kh");
		const sent = await secretariat.request<{ kind: string; events: string }>(
			"POST",
			`/duty/periods/${periodId}/reports`,
			{
				kind: "ad-hoc",
				endpointId: ep("KH"),
				day: today(),
				events: "Đoàn 30 người tập trung trước trụ sở: đã tiếp, tình hình ổn định.",
			},
		);
		expect(sent.status, JSON.stringify(sent.body)).toBe(201);
		expect(sent.body.kind).toBe("ad-hoc");
		// A commune not asked for daily reports may still send one on an event.
		const commune = await (await fx.as("canbo.phanrang")).request("POST", `/duty/periods/${periodId}/reports`, {
			kind: "ad-hoc",
			endpointId: ep("KH-PHANRANG"),
			day: today(),
			events: "Sạt lở đường vào điểm tiếp dân: chuyển tiếp dân sang nhà văn hóa.",
		});
		expect(commune.status, JSON.stringify(commune.body)).toBe(201);

		const listed = await secretariat.request<{ items: { kind: string; endpointId: string; events: string }[] }>(
			"GET",
			`/duty/periods/${periodId}/reports?day=${today()}`,
		);
		expect(
			listed.body.items
				.filter((r) => r.kind === "ad-hoc")
				.map((r) => r.endpointId)
				.sort(),
		).toEqual([ep("KH"), ep("KH-PHANRANG")].sort());

		const xlsx = await secretariat.request<Buffer>("GET", `/duty/periods/${periodId}/summary.xlsx`);
		expect(xlsx.status).toBe(200);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
		const adHoc = JSON.stringify(book.getWorksheet("Báo cáo đột xuất")?.getSheetValues());
		expect(adHoc).toContain("Đoàn 30 người tập trung trước trụ sở");
		expect(adHoc).toContain("Sạt lở đường vào điểm tiếp dân");
		// Ad-hoc reports are not daily ones: the province still owes its daily report.
		expect(JSON.stringify(book.getWorksheet("Báo cáo hằng ngày")?.getSheetValues())).not.toContain("Đoàn 30 người");
	});
});

describe("a person on duty named by their platform account", () => {
	it("is one of the caller's users (another province's is answered as absent, nothing written); the history names who changed the slot", async () => {
		const secretariat = await fx.as("vanphong.kh");
		const day = addDays(today(), 3);
		const slots = () => fx.platform.duty.slots.find({ endpointId: ep("KH-NHATRANG"), day });
		const person = (username: string, name: string) => ({ userId: user(username), name, phone: "0905 246 135" });
		const slot = { endpointId: ep("KH-NHATRANG"), day, shift: "night", role: "reception" };
		const foreign = await secretariat.request("POST", "/duty/slots", {
			...slot,
			person: person("canbo.xuanhuong", "Lý Văn Nam"),
		});
		expect(foreign.status).toBe(404);
		expect(JSON.stringify(foreign.body)).toContain("body.person.userId");
		expect(await slots()).toEqual([]);

		const added = await secretariat.request<{ id: string }>("POST", "/duty/slots", {
			...slot,
			person: person("canbo.nhatrang", "Bùi Thị Hoa"),
		});
		expect(added.status, JSON.stringify(added.body)).toBe(201);
		const swapped = await secretariat.request("PATCH", `/duty/slots/${added.body.id}`, {
			person: person("canbo.xuanhuong", "Lý Văn Nam"),
		});
		expect(swapped.status).toBe(404);
		expect(JSON.stringify(swapped.body)).toContain("body.person.userId");
		const corrected = await (await fx.as("lanhdao.tw")).request("PATCH", `/duty/slots/${added.body.id}`, {
			person: person("canbo.nhatrang", "Bùi Thị Hoa"),
			correction: { reason: "Thêm số điện thoại đúng" },
		});
		expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
		const history = await secretariat.request<{ items: { recordedByName: string; change: { reason?: string } }[] }>(
			"GET",
			`/duty/slots/${added.body.id}/history`,
		);
		expect(history.body.items.map((r) => [r.recordedByName, r.change.reason ?? null])).toEqual([
			["Phạm Thị Dung", null],
			["Phan Văn Quang", "Thêm số điện thoại đúng"],
		]);
	});
});
