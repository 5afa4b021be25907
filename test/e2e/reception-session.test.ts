import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { DEMO_PASSWORD, seedDemo } from "../../server/records/demoTopology.js";
import { startPlatform } from "../support/platform.js";
import { decodesRemoteVideos, joinSession, judgesEveryLink, signIn } from "./support/app.js";
import { artifactPath, launchBrowser } from "./support/browser.js";

let platform: Platform;
let browser: Browser;
let baseUrl: string;
let sessionId: string;
const contexts: BrowserContext[] = [];

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
	expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
	return (await res.json()) as T;
}

beforeAll(async () => {
	platform = await startPlatform({
		SESSION_LOBBY: "on",
	});
	baseUrl = `http://127.0.0.1:${platform.port}`;
	const demo = await seedDemo(platform.records, 4);
	const ids = demo.endpoints;
	// The provincial office schedules a session with the central office and a local endpoint.
	const session = await api<{ id: string }>("vanphong.kh", "POST", "/api/sessions", {
		kind: "unscheduled",
		origin: { type: "scheduled" },
		title: "Tiếp công dân vụ việc đông người phường Vĩnh Hòa",
		plannedStart: new Date().toISOString(),
		plannedEnd: new Date(Date.now() + 3_600_000).toISOString(),
		hostEndpointId: ids.KH,
		chairUserId: demo.users["chutich.kh"],
		participantEndpointIds: [ids.TW, ids["KH-NHATRANG"]],
		caseIds: [demo.caseId],
	});
	sessionId = session.id;
	await api("vanphong.kh", "POST", `/api/sessions/${sessionId}/transitions`, { to: "open" });
	await api("vanphong.kh", "POST", `/api/sessions/${sessionId}/transitions`, { to: "live" });
	browser = await launchBrowser();
});

afterAll(async () => {
	// On failure, what each official's page showed last is kept with the other artifacts.
	for (const [i, c] of contexts.entries()) {
		for (const page of c.pages())
			await page.screenshot({ path: await artifactPath(`last-page-${i}.png`) }).catch(() => undefined);
	}
	for (const c of contexts) await c.close();
	await browser?.close();
	await platform?.stop();
});

it("holds a session between the central office, the provincial chair and a local endpoint, and records it", {
	timeout: 240_000,
}, async () => {
	const chair = await signIn(browser, baseUrl, "chutich.kh");
	const central = await signIn(browser, baseUrl, "trunguong");
	const operator = await signIn(browser, baseUrl, "canbo.nhatrang");
	contexts.push(chair.context, central.context, operator.context);

	await joinSession(chair.page, baseUrl, sessionId);
	await chair.page.getByTestId("chair-panel").waitFor();

	// Others wait in the lobby until the chair admits them.
	await joinSession(operator.page, baseUrl, sessionId);
	await joinSession(central.page, baseUrl, sessionId);
	await operator.page.getByTestId("lobby").waitFor();
	await central.page.getByTestId("lobby").waitFor();
	const panel = chair.page.getByTestId("chair-panel");
	// The lobby names who waits: endpoint, person, office and role.
	const waiting = panel.getByTestId("lobby-list").getByRole("listitem").filter({ hasText: "Bùi Thị Hoa" });
	await waiting.getByText("Điểm cầu phường Nha Trang").waitFor();
	expect(await waiting.textContent()).toMatch(/Bùi Thị Hoa.*Cán bộ điểm cầu/);
	await chair.page.waitForTimeout(1500);
	expect(await operator.page.getByTestId("lobby").isVisible()).toBe(true);

	await panel.getByRole("listitem").filter({ hasText: "Bùi Thị Hoa" }).getByRole("button", { name: "Cho vào" }).click();
	await panel
		.getByRole("listitem")
		.filter({ hasText: "Nguyễn Văn An" })
		.getByRole("button", { name: "Cho vào" })
		.click();

	for (const { page } of [chair, central, operator]) await decodesRemoteVideos(page, 2);
	await judgesEveryLink(chair.page);
	await chair.page.screenshot({ path: await artifactPath("session-room.png") });
	await panel.screenshot({ path: await artifactPath("chair-panel.png") });

	// The operator's network drops for a moment (its connection is cut and it cannot reconnect while
	// offline): its page says it is reconnecting, then media returns by itself.
	await operator.context.setOffline(true);
	for (const socket of platform.signaling.io.sockets.sockets.values()) {
		if (socket.data.claims.name === "Bùi Thị Hoa") socket.conn.close();
	}
	await operator.page.getByTestId("reconnecting").waitFor();
	await operator.context.setOffline(false);
	await operator.page.getByTestId("reconnecting").waitFor({ state: "detached", timeout: 30_000 });
	await decodesRemoteVideos(operator.page, 2);
	await decodesRemoteVideos(chair.page, 2);

	// The chair mutes the operator's endpoint; its page shows the chair mute and locks its button.
	await panel
		.getByRole("listitem")
		.filter({ hasText: "Bùi Thị Hoa" })
		.getByRole("button", { name: "Tắt micrô điểm cầu" })
		.click();
	await operator.page.getByTestId("chair-muted").waitFor();
	expect(await operator.page.getByRole("button", { name: "Bật micrô" }).isDisabled()).toBe(true);

	// The provincial office records the outcome from the session page.
	const secretariat = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(secretariat.context);
	await secretariat.page.goto(`${baseUrl}/sessions/${sessionId}`);
	const record = secretariat.page.getByTestId("secretariat-panel");
	await record.getByLabel("Hướng xử lý").selectOption("returned-to-locality");
	await record
		.getByLabel("Kết luận")
		.fill("Công dân đồng ý trở về địa phương; giao UBND phường Vĩnh Hòa báo cáo trước 15/12.");
	await record.getByRole("button", { name: "Lưu kết quả" }).click();
	await record.getByText("Đã lưu kết quả xử lý.").waitFor();

	// Anyone with the session in scope then sees the outcome and who attended from where.
	await chair.page.goto(`${baseUrl}/sessions/${sessionId}`);
	const detail = chair.page.getByTestId("session-detail");
	await detail.getByTestId("outcomes").getByText("Công dân đồng ý trở về địa phương; giao UBND").waitFor();
	const attendance = detail.getByTestId("attendance");
	await attendance.waitFor();
	const rows = await attendance.locator("tbody tr").allTextContents();
	expect(rows.join("\n")).toMatch(/Nha Trang/);
	expect(rows.length).toBeGreaterThanOrEqual(3);
	await chair.page.screenshot({ path: await artifactPath("session-detail.png"), fullPage: true });
});
