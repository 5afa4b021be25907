import { afterAll, beforeAll, expect, it } from "vitest";
import type { Alert } from "../../domain/alerts.js";
import { dayOf } from "../../domain/duty.js";
import type { Platform } from "../../server/Platform.js";
import { MailCatcher } from "../support/MailCatcher.js";
import { eventually } from "../support/platform.js";
import type { RecordsFixture } from "../support/records.js";
import { requestSession } from "../support/sessionRequest.js";
import { startTwoNodes, type TwoNodes } from "../support/twoNodes.js";

let nodes: TwoNodes;
let mail: MailCatcher;
let fx: RecordsFixture;
let nodeB: Platform;
const ESCALATE_AFTER_MS = 10 * 60_000;
const IT = "cntt.truc@khanhhoa.example";
const RECEPTION = "tiepdan.truc@khanhhoa.example";
const LEADER = "lanhdao.truc@khanhhoa.example";

beforeAll(async () => {
	mail = await MailCatcher.start();
	nodes = await startTwoNodes({
		SMTP_URL: mail.url,
		DUTY_ESCALATE_AFTER_MS: String(ESCALATE_AFTER_MS),
		DUTY_SWEEP_EVERY_MS: "100",
	});
	({ fx, nodeB } = nodes);
});
afterAll(async () => {
	await nodes?.stop();
	await mail?.close();
});

/** Both nodes' clocks: tonight at 23:00 in Vietnam, plus `laterMs`. */
function tonight(laterMs = 0): void {
	const offset = new Date(`${dayOf(new Date())}T23:00:00+07:00`).getTime() + laterMs - Date.now();
	for (const node of [fx.platform, nodeB]) node.clock.offsetMs = offset;
}

/** Both nodes sweep at once, twice, the second time just after the lease was lost (Redis forgot it). */
async function sweepOnBothNodes(): Promise<void> {
	await Promise.all([fx.platform, nodeB].map((n) => n.dispatcher.sweep()));
	// The holder still believes it holds the lease until its next renewal; the other takes it meanwhile.
	await fx.platform.cluster?.redis.del("mutex:rb:lock:alert-dispatch");
	await Promise.all([fx.platform, nodeB].map((n) => n.dispatcher.sweep()));
}

it("sends exactly one e-mail per delivery while two nodes dispatch, and one per escalation", async () => {
	tonight();
	const secretariat = await fx.as("vanphong.kh");
	const onDuty = async (role: string, name: string, email: string, phone: string) => {
		const res = await secretariat.request("POST", "/duty/slots", {
			endpointId: fx.seed.endpoints.KH,
			day: dayOf(new Date()),
			shift: "night",
			role,
			person: { name, phone, email },
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
	};
	await onDuty("it", "Hoàng Văn Em", IT, "0905 111 222");
	await onDuty("reception", "Phạm Thị Dung", RECEPTION, "0905 333 444");
	await onDuty("leader", "Lê Văn Cường", LEADER, "0905 555 666");

	// Alerts raised on both nodes: requests for sessions written through node A, a link failing on node B.
	const requested: string[] = [];
	for (const title of ["Đối thoại khẩn lần 1", "Đối thoại khẩn lần 2", "Đối thoại khẩn lần 3"]) {
		requested.push(
			await requestSession(fx, "KH", { title, reason: "Đoàn đông người tại Trụ sở", inMinutes: 60, minutes: 60 }),
		);
	}
	const failing = await nodeB.alerts.raise("failing-during-session", fx.seed.endpoints["KH-PHANRANG"] ?? "", "s-1", {
		reasons: [{ code: "packet-loss", value: 40, threshold: 15 }],
	});
	const open = async (): Promise<Alert[]> => {
		const all: Alert[] = [];
		// Page by page, two at a time: the sweep's way through every open alert.
		for await (const alert of nodeB.alerts.open(2)) all.push(alert);
		return all;
	};
	const ours = (await open()).filter((a) => requested.includes(a.sessionId ?? "") || a.id === failing.id);
	expect(ours).toHaveLength(4);

	// One node holds the lease and sweeps; the other skips.
	const ran = await Promise.all([fx.platform, nodeB].map((n) => n.dispatcher.sweep()));
	expect(ran.filter(Boolean)).toHaveLength(1);
	await sweepOnBothNodes();
	await eventually(async () => (mail.to(RECEPTION).length >= 3 && mail.to(IT).length >= 1 ? true : undefined));
	await sweepOnBothNodes();
	const deliveries = async (alert: Alert) => fx.platform.dispatcher.of(alert.id);
	for (const alert of ours) {
		const emails = (await deliveries(alert)).filter((d) => d.channel === "email");
		expect(
			emails.map((d) => [d.level, d.status]),
			alert.kind,
		).toEqual([[0, "sent"]]);
	}
	expect(mail.to(RECEPTION)).toHaveLength(3);
	expect(mail.to(IT)).toHaveLength(1);
	expect(mail.to(LEADER)).toHaveLength(0);

	// Nobody acknowledges: each escalates to the leader on duty, once, whichever node sweeps.
	tonight(ESCALATE_AFTER_MS + 60_000);
	await sweepOnBothNodes();
	await eventually(async () => (mail.to(LEADER).length >= 4 ? true : undefined));
	await sweepOnBothNodes();
	for (const alert of ours) {
		const emails = (await deliveries(alert)).filter((d) => d.channel === "email");
		expect(
			emails.map((d) => [d.level, d.role, d.status]),
			alert.kind,
		).toEqual([
			[0, alert.kind === "failing-during-session" ? "it" : "reception", "sent"],
			[1, "leader", "sent"],
		]);
	}
	expect(mail.to(LEADER)).toHaveLength(4);
	expect(mail.to(RECEPTION)).toHaveLength(3);
});
