import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PresenceClient } from "../../client/src/health/PresenceClient.js";
import { addDays, dayOf } from "../../domain/duty.js";
import { startDutyFixture } from "../support/dutyFixture.js";
import { MailCatcher } from "../support/MailCatcher.js";
import { eventually } from "../support/platform.js";
import type { RecordsFixture } from "../support/records.js";
import { requestSession } from "../support/sessionRequest.js";

let fx: RecordsFixture;
let mail: MailCatcher;
const closers: (() => unknown)[] = [];
const ep = (code: string) => fx.seed.endpoints[code] ?? "";
const user = (username: string) => fx.seed.users[username] ?? "";
const today = () => dayOf(new Date());
const ESCALATE_AFTER_MS = 10 * 60_000;
const subjectOf = (m: { raw: string }) => MailCatcher.subject({ to: [], raw: m.raw });

type AlertView = { id: string; kind: string; endpointId: string; sessionId: string | null; acknowledged: unknown };
type Delivery = { level: number; role: string; channel: string; status: string; person?: { userId?: string } };

beforeAll(async () => {
	({ fx, mail } = await startDutyFixture(ESCALATE_AFTER_MS));
	// Tonight at 23:00 in Vietnam on the platform's clock, inside Khánh Hòa's Tết.
	fx.platform.clock.offsetMs = new Date(`${today()}T23:00:00+07:00`).getTime() - Date.now();
	const secretariat = await fx.as("vanphong.kh");
	const period = await secretariat.request<{ id: string }>("POST", "/duty/periods", {
		name: "Tết Nguyên đán Bính Ngọ 2026",
		kind: "tet-nguyen-dan",
		from: addDays(today(), -1),
		to: addDays(today(), 1),
		endpointId: ep("KH"),
	});
	expect(period.status, JSON.stringify(period.body)).toBe(201);
	const onNightDuty = async (endpoint: string, role: string, person: Record<string, string>) => {
		const res = await secretariat.request("POST", `/duty/periods/${period.body.id}/slots`, {
			endpointId: ep(endpoint),
			day: today(),
			shift: "night",
			role,
			person: { phone: "0905 123 456", ...person },
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
	};
	// Nha Trang's own reception officer is an endpoint operator; the province keeps IT, reception and a leader.
	await onNightDuty("KH-NHATRANG", "reception", {
		userId: user("canbo.nhatrang"),
		name: "Trần Thị Thu",
		email: "tiepdan.nhatrang@khanhhoa.example",
	});
	await onNightDuty("KH", "it", { userId: user("cntt.kh"), name: "Hoàng Văn Em", email: "cntt.truc@khanhhoa.example" });
	await onNightDuty("KH", "reception", {
		userId: user("vanphong.kh"),
		name: "Phạm Thị Dung",
		email: "tiepdan.truc@khanhhoa.example",
	});
	// An observer's account named as the leader on duty by mistake: it may not read alerts in the app.
	await onNightDuty("KH", "leader", {
		userId: user("quansat.kh"),
		name: "Lê Văn Cường",
		email: "lanhdao.truc@khanhhoa.example",
	});
});
afterAll(async () => {
	for (const close of closers.reverse()) await close();
	await fx?.platform.stop();
	await mail?.close();
});

async function deliveriesOf(alertId: string, until: (items: Delivery[]) => boolean): Promise<Delivery[]> {
	const central = await fx.as("trunguong");
	return eventually(async () => {
		const { body } = await central.request<{ items: Delivery[] }>("GET", `/duty/alerts/${alertId}/deliveries`);
		return until(body.items) ? body.items : undefined;
	});
}

/** A sweep on the platform's clock moved past the escalation time, then the clock moved back. */
async function sweepOnceEscalationIsDue(): Promise<void> {
	fx.platform.clock.offsetMs += ESCALATE_AFTER_MS + 60_000;
	try {
		await fx.platform.dispatcher.sweep();
	} finally {
		fx.platform.clock.offsetMs -= ESCALATE_AFTER_MS + 60_000;
	}
}

describe("alerts sent to an endpoint operator on duty", () => {
	it("shows the operator on duty the alert on their home list, lets them acknowledge it, and keeps it from other operators", async () => {
		// The central office asks Nha Trang for a session tonight.
		const sessionId = await requestSession(fx, "KH-NHATRANG", {
			title: "Đối thoại khẩn với công dân phường Nha Trang",
			reason: "Công dân Nha Trang tập trung đông tại Trụ sở Trung ương",
			inMinutes: 30,
			minutes: 60,
		});
		await eventually(async () => mail.to("tiepdan.nhatrang@khanhhoa.example")[0]);

		const operator = await fx.as("canbo.nhatrang");
		// What the operator's home page lists: the alerts delivered to them.
		const mine = await operator.request<{ items: AlertView[] }>("GET", "/alerts?to=me&state=all");
		expect(mine.status).toBe(200);
		const alert = mine.body.items.find((a) => a.sessionId === sessionId);
		expect(alert).toMatchObject({ kind: "session-requested", endpointId: ep("KH-NHATRANG"), acknowledged: null });
		const deliveries = await deliveriesOf(alert?.id ?? "", (items) => items.some((d) => d.channel === "email"));
		expect(deliveries).toEqual([
			expect.objectContaining({ level: 0, role: "reception", channel: "app", status: "shown-in-app" }),
			expect.objectContaining({ level: 0, role: "reception", channel: "email", status: "sent" }),
		]);
		expect(deliveries[0]?.person?.userId).toBe(user("canbo.nhatrang"));

		// Another province's operator, and a Khánh Hòa operator nobody named: the alert is absent to them.
		for (const who of ["canbo.xuanhuong", "canbo.phanrang"]) {
			const other = await fx.as(who);
			const refused = await other.request<{ error: { code: string } }>("POST", `/alerts/${alert?.id}/acknowledge`);
			expect([refused.status, refused.body.error.code], who).toEqual([404, "NOT_FOUND"]);
			const listed = await other.request<{ items: AlertView[] }>("GET", "/alerts?state=all");
			expect(
				listed.body.items.map((a) => a.id),
				who,
			).not.toContain(alert?.id);
			expect(
				(await other.request<{ items: Delivery[] }>("GET", `/duty/alerts/${alert?.id}/deliveries`)).body.items,
			).toEqual([]);
		}

		const taken = await operator.request<AlertView>("POST", `/alerts/${alert?.id}/acknowledge`);
		expect(taken).toMatchObject({ status: 200, body: { acknowledged: { userId: user("canbo.nhatrang") } } });
		// Acknowledged: no escalation to the leader once the time has passed.
		await sweepOnceEscalationIsDue();
		expect((await deliveriesOf(alert?.id ?? "", () => true)).filter((d) => d.level > 0)).toEqual([]);
	});
});

describe("the platform's other alerts reach whoever is on duty", () => {
	it("e-mails the IT officer on duty when an endpoint fails during a live session", async () => {
		const { document } = await fx.platform.records.sessions.create(
			{
				kind: "unscheduled",
				origin: { type: "scheduled" },
				title: "Tiếp công dân trực tuyến ban đêm",
				plannedStart: new Date(fx.platform.clock.now().getTime() - 10 * 60_000),
				plannedEnd: new Date(fx.platform.clock.now().getTime() + 50 * 60_000),
				hostEndpointId: ep("KH"),
				chairUserId: user("chutich.kh"),
				participantEndpointIds: [ep("KH-PHANRANG")],
				status: "live",
				scopeEndpointIds: [ep("KH"), ep("KH-PHANRANG")],
			},
			{ userId: user("vanphong.kh"), origin: "test" },
		);
		const sessionId = String(document.entityId);
		// Phan Rang's endpoint reports its link during the session: a clean one, then 40 % of packets lost.
		const endpoint = new PresenceClient({
			url: `http://127.0.0.1:${fx.platform.port}`,
			token: (await fx.as("canbo.phanrang")).accessToken,
		});
		closers.push(() => endpoint.close());
		expect((await endpoint.report({ sessionId, rttMs: 40, packetLossPct: 0 })).status).toBe("healthy");
		expect((await endpoint.report({ sessionId, rttMs: 60, packetLossPct: 40 })).status).toBe("failing");

		const itMail = await eventually(async () =>
			mail.to("cntt.truc@khanhhoa.example").find((m) => subjectOf(m).startsWith("Điểm cầu gặp sự cố trong phiên tiếp")),
		);
		expect(subjectOf(itMail)).toContain("Phan Rang");
		const [alert] = await fx.platform.alerts.list({ endpointIds: null, sessionId, open: true, limit: 5 });
		expect(alert).toMatchObject({ kind: "failing-during-session", endpointId: ep("KH-PHANRANG") });
		const deliveries = await deliveriesOf(alert?.id ?? "", (items) => items.some((d) => d.channel === "email"));
		expect(deliveries).toEqual([
			expect.objectContaining({ level: 0, role: "it", channel: "app", status: "shown-in-app" }),
			expect.objectContaining({ level: 0, role: "it", channel: "email", status: "sent" }),
		]);
		expect(deliveries[0]?.person?.userId).toBe(user("cntt.kh"));
		// Not the reception officer's: link alerts go to IT first.
		expect(mail.to("tiepdan.truc@khanhhoa.example").map(subjectOf)).not.toContainEqual(subjectOf(itMail));
		// IT takes it in hand.
		const ack = await (await fx.as("cntt.kh")).request("POST", `/alerts/${alert?.id}/acknowledge`);
		expect(ack.status).toBe(200);
	});

	it("takes an agency's overdue task to the reception officer on duty, then to the leader, never in the app of an account that may not read it", async () => {
		const secretariat = await fx.as("vanphong.kh");
		const agency = await secretariat.request<{ id: string }>("POST", "/agencies", {
			name: "Sở Xây dựng tỉnh Khánh Hòa",
			kind: "department",
			provinceId: ep("KH"),
		});
		expect(agency.status, JSON.stringify(agency.body)).toBe(201);
		const task = await secretariat.request<{ id: string }>("POST", "/tasks", {
			caseId: fx.seed.caseId,
			agencyId: agency.body.id,
			description: "Báo cáo kết quả kiểm tra công trình xây dựng trái phép",
			deadline: new Date(fx.platform.clock.now().getTime() + 30 * 60_000).toISOString(),
			reportTo: "UBND tỉnh",
		});
		expect(task.status, JSON.stringify(task.body)).toBe(201);
		// Its deadline passes unreported: the reminder check finds it overdue, an alert at the province.
		fx.platform.clock.offsetMs += 45 * 60_000;
		expect((await secretariat.request<{ state: string }>("GET", `/tasks/${task.body.id}`)).body.state).toBe("overdue");
		const reminders = await fx.platform.taskReminders.check();
		expect(reminders.map((r) => [r.taskId, r.kind])).toContainEqual([task.body.id, "on-deadline"]);
		const alert = await eventually(async () =>
			(await fx.platform.alerts.list({ endpointIds: [ep("KH")], open: true, limit: 20 })).find(
				(a) => a.kind === "task-deadline",
			),
		);
		const taskMail = (m: { raw: string }) => subjectOf(m).includes("Nhiệm vụ giao cơ quan");
		await eventually(async () => mail.to("tiepdan.truc@khanhhoa.example").find(taskMail));
		const first = await deliveriesOf(alert.id, (items) => items.some((d) => d.channel === "email"));
		expect(first).toEqual([
			expect.objectContaining({ level: 0, role: "reception", channel: "app", status: "shown-in-app" }),
			expect.objectContaining({ level: 0, role: "reception", channel: "email", status: "sent" }),
		]);
		const inApp = await secretariat.request<{ items: AlertView[] }>("GET", "/alerts?to=me");
		expect(inApp.body.items.map((a) => a.id)).toContain(alert.id);

		// Nobody acknowledges: the leader on duty is told, by e-mail only (an observer's account reads no alerts).
		await sweepOnceEscalationIsDue();
		const escalated = await deliveriesOf(alert.id, (items) =>
			items.some((d) => d.level === 1 && d.channel === "email"),
		);
		expect(escalated.filter((d) => d.level === 1)).toEqual([
			expect.objectContaining({ role: "leader", channel: "app", status: "not-in-app" }),
			expect.objectContaining({ role: "leader", channel: "email", status: "sent" }),
		]);
		const toLeader = mail.to("lanhdao.truc@khanhhoa.example").filter(taskMail);
		expect(toLeader.map(subjectOf)).toEqual([expect.stringMatching(/^\[CHUYỂN CẤP\] Nhiệm vụ giao cơ quan/)]);
		const observer = await fx.as("quansat.kh");
		expect((await observer.request("GET", "/alerts?to=me")).status).toBe(403);
	});
});
