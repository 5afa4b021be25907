import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedItem } from "../../domain/api/hotspots.js";
import { addDays, DEFAULT_SHIFT_SETTINGS, dayOf, SHIFTS, shiftInterval } from "../../domain/duty.js";
import { HOTSPOTS_NAMESPACE } from "../../signaling/namespaces.js";
import { startDutyFixture } from "../support/dutyFixture.js";
import { enterCase, groupBody, inDays, watchBody } from "../support/hotspots.js";
import { MailCatcher } from "../support/MailCatcher.js";
import { eventually } from "../support/platform.js";
import type { RecordsFixture } from "../support/records.js";

/**
 * The hot-spot watch beyond the walk: conclusion notices in the central office's feed, every kind of
 * change pushed live to the boards that hold the case, and the clock's alerts reaching the person on
 * duty by e-mail (a real SMTP server), escalated when nobody acknowledges. The platform's clock is
 * the test's.
 */
let fx: RecordsFixture;
let mail: MailCatcher;
let now = Date.now();
const sockets: Socket[] = [];
const ESCALATE_AFTER_MS = 60_000;

beforeAll(async () => {
	({ fx, mail } = await startDutyFixture(
		ESCALATE_AFTER_MS,
		{ HOTSPOT_CHECK_EVERY_MS: "200" },
		{ now: () => new Date(now) },
	));
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	await fx?.platform.stop();
	await mail?.close();
});

const ep = (code: string) => fx.seed.endpoints[code] ?? "";
const ok = async <T = Record<string, unknown>>(who: string, method: string, path: string, body?: unknown) => {
	const res = await (await fx.as(who)).request<T>(method, path, body);
	expect(res.status, `${who} ${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
	return res.body;
};

/** A live board's socket, connected, keeping every change it hears. */
async function watcher(who: string): Promise<{ heard: { kind: string; caseId: string | null }[] }> {
	const client = await fx.as(who);
	const socket = io(`http://127.0.0.1:${fx.platform.port}${HOTSPOTS_NAMESPACE}`, {
		auth: { token: client.accessToken },
		transports: ["websocket"],
		reconnection: false,
	});
	sockets.push(socket);
	const heard: { kind: string; caseId: string | null }[] = [];
	socket.on("hotspotChanged", (change: { kind: string; caseId: string | null }) => heard.push(change));
	await new Promise<void>((resolve, reject) => {
		socket.once("connect", () => resolve());
		socket.once("connect_error", reject);
	});
	return { heard };
}
const hears = (w: { heard: { kind: string; caseId: string | null }[] }, kind: string, caseId?: string) =>
	eventually(async () => w.heard.find((c) => c.kind === kind && (caseId === undefined || c.caseId === caseId)));

describe("the central office's feed of conclusion notices", () => {
	it("an issued notice is in the feed at TW and the province, pushed live, acknowledged by a named central officer", {
		timeout: 60_000,
	}, async () => {
		const [tw, kh] = await Promise.all([watcher("trunguong"), watcher("vanphong.kh")]);
		const path = `/sessions/${fx.seed.sessionId}`;
		for (const to of ["open", "live"]) await ok("chutich.kh", "POST", `${path}/transitions`, { to });
		await ok("chutich.kh", "POST", "/outcomes", {
			sessionId: fx.seed.sessionId,
			caseId: fx.seed.caseId,
			direction: "guide",
			conclusion: "Hướng dẫn công dân gửi đơn đến Sở Nông nghiệp và Môi trường.",
		});
		await ok("chutich.kh", "POST", `${path}/transitions`, { to: "ended" });
		await ok("vanphong.kh", "POST", `${path}/transitions`, { to: "concluded", notice: { number: "21/TB-VPUBND" } });

		// Both boards are told the feed changed; each reloads it.
		await hears(tw, "feed");
		await hears(kh, "feed");
		const feed = await ok<{ items: FeedItem[] }>("trunguong", "GET", "/hotspots/feed?kind=conclusion-notice");
		const item = feed.items.find((i) => i.sessionId === fx.seed.sessionId);
		expect(item).toMatchObject({
			kind: "conclusion-notice",
			provinceId: ep("KH"),
			caseId: fx.seed.caseId,
			facts: { noticeNumber: "21/TB-VPUBND", cases: 1 },
			acknowledged: null,
		});
		// Lâm Đồng is not told of Khánh Hòa's session.
		const ld = await ok<{ items: FeedItem[] }>("vanphong.ld", "GET", "/hotspots/feed?kind=conclusion-notice");
		expect(ld.items.find((i) => i.sessionId === fx.seed.sessionId)).toBeUndefined();

		const before = tw.heard.length;
		await ok("trunguong", "POST", "/hotspots/feed/acknowledgements", { itemId: item?.id });
		await eventually(async () => (tw.heard.length > before ? true : undefined));
		const seen = await ok<{ items: FeedItem[] }>("vanphong.kh", "GET", "/hotspots/feed?kind=conclusion-notice");
		expect(seen.items.find((i) => i.id === item?.id)?.acknowledged).toMatchObject({ name: expect.any(String) });
	});
});

describe("live boards", () => {
	it("pushes developments, working groups and status steps to the province's watchlist and the national board", {
		timeout: 60_000,
	}, async () => {
		const [tw, kh, ld] = await Promise.all([watcher("trunguong"), watcher("vanphong.kh"), watcher("vanphong.ld")]);
		const caseId = await enterCase(fx, "canbo.nhatrang", "KH-NHATRANG");
		const watch = await ok<{ id: string }>("vanphong.kh", "POST", "/hotspots/watches", watchBody(caseId));
		await hears(kh, "watch", caseId);

		await ok("canbo.nhatrang", "POST", `/hotspots/cases/${caseId}/developments`, {
			occurredAt: new Date(now).toISOString(),
			text: "Khoảng 30 người tập trung trước trụ sở UBND phường.",
			peopleCount: 30,
		});
		await hears(kh, "development", caseId);
		await hears(tw, "development", caseId);

		await ok("vanphong.kh", "POST", "/hotspots/groups", groupBody(ep("KH"), [caseId]));
		await hears(kh, "group", caseId);
		await hears(tw, "group", caseId);

		await ok("vanphong.kh", "POST", `/hotspots/watches/${watch.id}/transitions`, {
			to: "citizens-returned",
			reason: "Công dân đã về địa phương",
		});
		await eventually(async () =>
			kh.heard.filter((c) => c.kind === "watch" && c.caseId === caseId).length >= 2 ? true : undefined,
		);
		// Lâm Đồng heard nothing of this case.
		expect(ld.heard.filter((c) => c.caseId === caseId)).toEqual([]);
	});
});

describe("hot-spot alerts reach the person on duty", () => {
	it("a review date passed: the clock raises it, the reception officer on duty is e-mailed, then the leader on duty", {
		timeout: 60_000,
	}, async () => {
		const caseId = await enterCase(fx, "vanphong.kh", "KH", {
			citizens: [{ fullName: "Hồ Văn Sáu", address: "Khánh Hòa", idNumber: "056190004321", isRepresentative: true }],
		});
		// A high-risk watch reviewed in two days; expected in a fortnight (no other alert of it).
		await ok(
			"vanphong.kh",
			"POST",
			"/hotspots/watches",
			watchBody(caseId, {
				risk: { level: "high", reasons: ["Đã nhiều lần kéo đến trụ sở tỉnh"] },
				expectedFrom: inDays(14, now),
				expectedTo: inDays(15, now),
				nextReviewAt: inDays(2, now),
			}),
		);

		// The moment the clock will be moved to, and the shift covering it.
		const later = now + 2 * 86_400_000 + 3_600_000;
		const covering = [addDays(dayOf(new Date(later)), -1), dayOf(new Date(later))]
			.flatMap((day) => SHIFTS.map((shift) => ({ day, shift })))
			.find(({ day, shift }) => {
				const { start, end } = shiftInterval(day, shift, DEFAULT_SHIFT_SETTINGS);
				return start.getTime() <= later && later < end.getTime();
			});
		if (!covering) throw new Error("no shift covers the moment");
		const period = await ok<{ id: string }>("vanphong.kh", "POST", "/duty/periods", {
			name: "Kỳ họp bất thường — trực điểm nóng",
			kind: "extraordinary-session",
			from: addDays(covering.day, -1),
			to: addDays(covering.day, 1),
			endpointId: ep("KH"),
		});
		for (const [role, name, email, phone] of [
			["reception", "Ngô Thị Lan", "tiepdan.truc@khanhhoa.example", "0905 123 456"],
			["leader", "Lê Văn Cường", "lanhdao.truc@khanhhoa.example", "0905 654 321"],
		] as const) {
			await ok("vanphong.kh", "POST", `/duty/periods/${period.id}/slots`, {
				endpointId: ep("KH"),
				...covering,
				role,
				person: { name, phone, email },
			});
		}
		expect(mail.mails).toEqual([]);

		// Nothing is due before the review date; then the clock alone raises it.
		now = later;
		const first = await eventually(async () => mail.to("tiepdan.truc@khanhhoa.example")[0]);
		expect(MailCatcher.subject(first)).toMatch(/^Quá hạn rà soát vụ việc theo dõi điểm nóng — .*Khánh Hòa$/);
		expect(mail.to("lanhdao.truc@khanhhoa.example")).toEqual([]);

		// Nobody acknowledges: once the configured time has passed on the clock, the leader on duty is told.
		now += ESCALATE_AFTER_MS + 1_000;
		const escalated = await eventually(async () => mail.to("lanhdao.truc@khanhhoa.example")[0]);
		expect(MailCatcher.subject(escalated)).toMatch(/^\[CHUYỂN CẤP\] Quá hạn rà soát vụ việc theo dõi điểm nóng/);

		const alerts = await fx.platform.alerts.list({ endpointIds: [ep("KH")], open: true, limit: 50 });
		const alert = alerts.find((a) => a.kind === "watch-review-overdue");
		expect(alert).toBeDefined();
		type Delivery = { level: number; role: string; channel: string; status: string };
		const deliveries = await eventually(async () => {
			const { body } = await (await fx.as("vanphong.kh")).request<{ items: Delivery[] }>(
				"GET",
				`/duty/alerts/${alert?.id}/deliveries`,
			);
			const emailed = body.items.filter((d) => d.channel === "email");
			return emailed.length === 2 ? body.items : undefined;
		});
		expect(deliveries.filter((d) => d.channel === "email")).toEqual([
			expect.objectContaining({ level: 0, role: "reception", status: "sent" }),
			expect.objectContaining({ level: 1, role: "leader", status: "sent" }),
		]);
		expect(deliveries.filter((d) => d.channel === "app").map((d) => d.role)).toEqual(["reception", "leader"]);
	});
});
