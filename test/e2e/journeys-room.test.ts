import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { DEMO_PASSWORD, type SeedResult, seedDemo } from "../../server/records/demoTopology.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer } from "../support/session.js";
import { decodesRemoteVideos, judgesEveryLink, SCREEN_SIZES, shootBoth, signIn } from "./support/app.js";
import { artifactPath, launchBrowser } from "./support/browser.js";
import { HonestText } from "./support/honestText.js";

/**
 * The live side of the day at 1366×768, three officials in one browser: the chair opens and starts
 * the session while the operator waits on the home page; the operator and the secretariat wait in
 * the lobby beside an observer; the chair admits everyone (not the observer); 3-way video in the
 * room's speaker and grid views; a dropped network; the chair mutes, the secretariat records, the
 * chair removes a participant and ends the session, each after a confirmation.
 */
let platform: Platform;
let browser: Browser;
let baseUrl: string;
let demo: SeedResult;
let sessionId: string;
const title = "Tiếp công dân vụ việc đông người phường Vĩnh Hòa";
const honest = new HonestText();
const contexts: BrowserContext[] = [];
let observer: EndpointPeer | undefined;

async function api<T>(username: string, method: string, path: string, body?: unknown): Promise<T> {
	const login = await fetch(`${baseUrl}/api/auth/login`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ username, password: DEMO_PASSWORD }),
	});
	const { accessToken } = (await login.json()) as { accessToken: string };
	const res = await fetch(`${baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
		...(body ? { body: JSON.stringify(body) } : {}),
	});
	expect(res.ok, `${method} ${path}: ${res.status} ${res.ok ? "" : await res.clone().text()}`).toBe(true);
	return (await res.json()) as T;
}

async function as(username: string): Promise<Page> {
	const { context, page } = await signIn(browser, baseUrl, username, (c) => honest.watch(c));
	contexts.push(context);
	return page;
}

/** Through the device check into the room, from wherever the page is. */
async function enterRoom(page: Page): Promise<void> {
	const join = page.getByRole("button", { name: "Vào phiên tiếp" });
	await join.waitFor();
	await page.waitForFunction(() => {
		const video = document.querySelector<HTMLVideoElement>("video.preview");
		return video !== null && video.videoWidth > 0;
	});
	await join.click();
}

/** The room fills the window: no page scrolling sideways, the stage tall, the side column inside. */
async function fillsTheScreen(page: Page, label: string): Promise<void> {
	const box = await page.evaluate(() => {
		const rect = (sel: string) => document.querySelector(sel)?.getBoundingClientRect() ?? null;
		return {
			width: innerWidth,
			height: innerHeight,
			scrollWidth: document.documentElement.scrollWidth,
			scrollHeight: document.documentElement.scrollHeight,
			stage: rect(".stage"),
			side: rect(".side"),
			sideOverflow: (() => {
				const side = document.querySelector(".side");
				if (!side) return 0;
				// Anything inside wider than the column (a select, a text box) would be cut off.
				const widest = Math.max(...[...side.querySelectorAll("*")].map((e) => e.getBoundingClientRect().right));
				return widest - side.getBoundingClientRect().right;
			})(),
			featured: rect(".stage .featured .tile"),
			strip: rect(".stage .strip .tile"),
		};
	});
	expect(box.scrollWidth, `${label}: sideways scrolling`).toBeLessThanOrEqual(box.width);
	expect(box.scrollHeight, `${label}: the page scrolls`).toBeLessThanOrEqual(box.height + 1);
	expect(box.stage?.height ?? 0, `${label}: stage height`).toBeGreaterThan(box.height * 0.55);
	if (box.side) expect(box.side.right, `${label}: side column`).toBeLessThanOrEqual(box.width);
	expect(box.sideOverflow, `${label}: the side column's content is cut off`).toBeLessThanOrEqual(1);
	if (box.featured && box.strip) {
		expect(box.featured.width, `${label}: the speaker is large`).toBeGreaterThan(box.strip.width * 2);
	}
}

beforeAll(async () => {
	platform = await startPlatform({ SESSION_LOBBY: "on", BCRYPT_ROUNDS: "4" });
	baseUrl = `http://127.0.0.1:${platform.port}`;
	demo = await seedDemo(platform.records, 4);
	const ids = demo.endpoints;
	// The provincial office has scheduled a session with a local endpoint and the demo case.
	const session = await api<{ id: string }>("vanphong.kh", "POST", "/api/sessions", {
		kind: "unscheduled",
		origin: { type: "scheduled" },
		title,
		plannedStart: new Date(Date.now() + 5 * 60_000).toISOString(),
		plannedEnd: new Date(Date.now() + 3_600_000).toISOString(),
		hostEndpointId: ids.KH,
		chairUserId: demo.users["chutich.kh"],
		participantEndpointIds: [ids["KH-NHATRANG"]],
		caseIds: [demo.caseId],
	});
	sessionId = session.id;
	browser = await launchBrowser();
});

afterAll(async () => {
	// On failure, what each official's page showed last is kept with the other artifacts.
	for (const [i, c] of contexts.entries()) {
		for (const page of c.pages())
			await page.screenshot({ path: await artifactPath(`last-page-${i}.png`) }).catch(() => undefined);
	}
	await observer?.close();
	for (const c of contexts) await c.close();
	await browser?.close();
	await platform?.stop();
});

it("runs a reception from the chair's start to its confirmed end, each official's page telling the truth", {
	timeout: 300_000,
}, async () => {
	// The operator waits on the home page; the chair opens and starts; Tham gia appears by itself.
	const operator = await as("canbo.nhatrang");
	const row = operator.locator(`tr[data-session="${sessionId}"]`);
	await row.waitFor();
	expect(await row.getByRole("button", { name: "Tham gia" }).count()).toBe(0);
	const chair = await as("chutich.kh");
	await chair.goto(`${baseUrl}/sessions/${sessionId}`);
	await chair.getByRole("button", { name: "Mở phòng chờ" }).click();
	await chair.getByRole("button", { name: "Bắt đầu phiên" }).click();
	await row.getByRole("button", { name: "Tham gia" }).waitFor();
	await honest.check(operator, "operator home, session live");

	await chair.getByRole("button", { name: "Tham gia" }).click();
	await enterRoom(chair);
	const panel = chair.getByTestId("chair-panel");
	await panel.waitFor();

	// The operator, the secretariat and an observer wait in the lobby.
	await row.getByRole("button", { name: "Tham gia" }).click();
	await enterRoom(operator);
	const secretariat = await as("vanphong.kh");
	await secretariat.goto(`${baseUrl}/sessions/${sessionId}/join`);
	await enterRoom(secretariat);
	observer = await connectPeer(platform, sessionId, {
		sub: demo.users["quansat.kh"] ?? "",
		name: "Đặng Văn Hải",
		role: "observer",
		endpointId: demo.endpoints.KH ?? "",
		endpointLevel: "province",
	});
	expect(await observer.join()).toMatchObject({ status: "waiting" });
	for (const page of [operator, secretariat]) await page.getByTestId("lobby").waitFor();

	// The lobby names who waits: endpoint, person, office and role.
	const lobby = panel.getByTestId("lobby-list");
	const waiting = lobby.getByRole("listitem").filter({ hasText: "Bùi Thị Hoa" });
	await waiting.getByTestId("participant-endpoint").getByText("Điểm cầu phường Nha Trang").waitFor();
	expect(await waiting.textContent()).toMatch(/Bùi Thị Hoa.*Cán bộ điểm cầu/);
	await lobby.getByRole("listitem").filter({ hasText: "Đặng Văn Hải" }).getByText("Theo dõi").waitFor();
	await lobby.getByRole("listitem").filter({ hasText: "Phạm Thị Dung" }).waitFor();
	await honest.check(chair, "chair room, lobby");
	await shootBoth(chair, "journey-chair-lobby", false);

	// Admitting everyone asks first, names who enters, and leaves the observer waiting.
	await panel.getByRole("button", { name: "Cho tất cả vào" }).click();
	const dialog = chair.getByRole("dialog");
	await dialog.getByText(/Bùi Thị Hoa \(Điểm cầu phường Nha Trang\)/).waitFor();
	await dialog.getByText(/Người theo dõi không được cho vào theo cách này/).waitFor();
	await chair.screenshot({ path: await artifactPath("journey-chair-admit-all-confirm-1366.png") });
	await dialog.getByRole("button", { name: "Cho tất cả vào" }).click();
	await panel.getByRole("heading", { name: "Phòng chờ (1)" }).waitFor();
	await lobby
		.getByRole("listitem")
		.filter({ hasText: "Đặng Văn Hải" })
		.getByRole("button", { name: "Từ chối" })
		.click();
	await observer.waitFor("denied");
	await panel.getByRole("heading", { name: "Phòng chờ (0)" }).waitFor();

	for (const page of [chair, operator, secretariat]) await decodesRemoteVideos(page, 2);
	await judgesEveryLink(chair);

	// The room: the session's title and the case being heard on top; speaker and grid views fill it.
	await chair.getByTestId("room-title").getByText(title).waitFor();
	await chair
		.getByTestId("case-being-heard")
		.getByText(/Khiếu nại về giá bồi thường/)
		.waitFor();
	for (const size of SCREEN_SIZES) {
		await chair.setViewportSize(size);
		await fillsTheScreen(chair, `chair speaker view ${size.width}`);
		await secretariat.setViewportSize(size);
		await fillsTheScreen(secretariat, `secretariat speaker view ${size.width}`);
	}
	await shootBoth(chair, "journey-chair-room-speaker", false);
	await shootBoth(secretariat, "journey-secretariat-room", false);
	await chair.getByRole("button", { name: "Lưới" }).click();
	for (const size of SCREEN_SIZES) {
		await chair.setViewportSize(size);
		await fillsTheScreen(chair, `chair grid view ${size.width}`);
	}
	await shootBoth(chair, "journey-chair-room-grid", false);
	await shootBoth(operator, "journey-operator-room", false);
	await honest.check(chair, "chair room");
	await honest.check(secretariat, "secretariat room");
	await honest.check(operator, "operator room");

	// The operator's network drops for a moment: its page says it is reconnecting, then media returns.
	// Each wait is on a state (the banner, the seat taken back on the server, frames decoding), bounded
	// only by the test's own limit: a loaded machine makes it slower, not different.
	const operatorContext = operator.context();
	const operatorId = demo.users["canbo.nhatrang"];
	const seatTakenBack = () =>
		platform.records.models.AttendanceEvent.countDocuments({ sessionId, userId: operatorId, kind: "reconnected" });
	const takenBackBefore = await seatTakenBack();
	await operatorContext.setOffline(true);
	for (const socket of platform.signaling.io.sockets.sockets.values()) {
		if (socket.data.claims.sub === operatorId) socket.conn.close();
	}
	await operator.getByTestId("reconnecting").waitFor({ timeout: 0 });
	await operatorContext.setOffline(false);
	await eventually(async () => ((await seatTakenBack()) > takenBackBefore ? true : undefined), 240_000);
	await operator.getByTestId("reconnecting").waitFor({ state: "detached", timeout: 0 });
	await decodesRemoteVideos(operator, 2);

	// The chair mutes the operator's endpoint; its page shows the chair mute and locks its button.
	const operatorRow = panel.getByRole("listitem").filter({ hasText: "Bùi Thị Hoa" });
	await operatorRow.getByRole("button", { name: "Tắt micrô điểm cầu" }).click();
	await operator.getByTestId("chair-muted").waitFor();
	expect(await operator.getByRole("button", { name: "Bật micrô" }).isDisabled()).toBe(true);

	// The secretariat records the outcome from the room; a second one for the case is refused in words.
	const record = secretariat.getByTestId("secretariat-panel");
	await record.getByLabel("Hướng xử lý").selectOption("returned-to-locality");
	await record
		.getByLabel("Kết luận")
		.fill("Công dân đồng ý trở về địa phương; giao UBND phường Vĩnh Hòa báo cáo trước 15/12/2026.");
	await record.getByRole("button", { name: "Lưu kết quả" }).click();
	await record.getByText("Đã lưu kết quả xử lý.").waitFor();
	await record.getByLabel("Kết luận").fill("Thụ lý giải quyết.");
	await record.getByRole("button", { name: "Lưu kết quả" }).click();
	await record
		.getByRole("alert")
		.getByText(/Vụ việc này đã có kết quả xử lý trong phiên/)
		.waitFor();
	await honest.check(secretariat, "secretariat room, second outcome refused");

	// Removing a participant asks first and says what happens; the operator is told.
	await operatorRow.getByRole("button", { name: "Mời ra" }).click();
	await chair
		.getByRole("dialog")
		.getByText(/Điểm cầu phường Nha Trang sẽ bị ngắt khỏi phiên/)
		.waitFor();
	await chair.getByRole("dialog").getByRole("button", { name: "Mời ra" }).click();
	await operator.getByText("Chủ trì đã mời điểm cầu ra khỏi phiên.").waitFor();
	await honest.check(operator, "operator, removed");

	// Ending asks first; cancelling keeps the session; confirming ends it for everyone.
	await panel.getByRole("button", { name: "Kết thúc phiên" }).click();
	await chair
		.getByRole("dialog")
		.getByText(/Tất cả các điểm cầu sẽ bị ngắt khỏi phiên/)
		.waitFor();
	await chair.screenshot({ path: await artifactPath("journey-chair-end-confirm-1366.png") });
	await chair.getByRole("dialog").getByRole("button", { name: "Hủy bỏ" }).click();
	expect(await chair.getByRole("dialog").count()).toBe(0);
	await decodesRemoteVideos(secretariat, 1);
	await panel.getByRole("button", { name: "Kết thúc phiên" }).click();
	await chair.getByRole("dialog").getByRole("button", { name: "Kết thúc phiên" }).click();
	await secretariat.getByText("Chủ trì đã kết thúc phiên tiếp.").waitFor();
	await honest.check(secretariat, "secretariat, session ended");

	// The session page then shows it ended, the outcome, and who attended from where.
	await chair.goto(`${baseUrl}/sessions/${sessionId}`);
	const detail = chair.getByTestId("session-detail");
	await detail.getByTestId("session-status").getByText("Đã kết thúc").waitFor();
	await detail.getByTestId("outcomes").getByText("Công dân đồng ý trở về địa phương; giao UBND").waitFor();
	const attendance = detail.getByTestId("attendance");
	await attendance.waitFor();
	const rows = await attendance.locator("tbody tr").allTextContents();
	expect(rows.join("\n")).toMatch(/Nha Trang/);
	expect(rows.length).toBeGreaterThanOrEqual(3);
	await honest.check(chair, "chair, session page after the end");
	await shootBoth(chair, "journey-chair-session-ended");
});
