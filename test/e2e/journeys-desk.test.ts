import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { DEMO_PASSWORD, type SeedResult, seedDemo } from "../../server/records/demoTopology.js";
import { startPlatform } from "../support/platform.js";
import { connectPeer } from "../support/session.js";
import { shootBoth, signIn } from "./support/app.js";
import { launchBrowser } from "./support/browser.js";
import { HonestText } from "./support/honestText.js";

/**
 * The desk side of each role's day at 1366×768, on one platform and one browser: the central office
 * requests a session; the chair opens and starts one while an operator waits on the home page and the
 * secretariat watches the session page; the secretariat records and ends; an inspector reads; an
 * observer is told what it may not see; IT staff handle alerts and the readiness board.
 */
let platform: Platform;
let browser: Browser;
let baseUrl: string;
let demo: SeedResult;
let todayId: string;
let soonId: string;
const honest = new HonestText();
const contexts: BrowserContext[] = [];

async function as(username: string): Promise<Page> {
	const { context, page } = await signIn(browser, baseUrl, username, (c) => honest.watch(c));
	contexts.push(context);
	await honest.check(page, `${username} home`);
	return page;
}

async function createSession(title: string, startsInMin: number, participants: string[]): Promise<string> {
	const { document } = await platform.records.sessions.create(
		{
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title,
			plannedStart: new Date(Date.now() + startsInMin * 60_000),
			plannedEnd: new Date(Date.now() + (startsInMin + 60) * 60_000),
			hostEndpointId: demo.endpoints.KH,
			chairUserId: demo.users["chutich.kh"],
			participantEndpointIds: participants.map((code) => demo.endpoints[code]),
			caseIds: [demo.caseId],
			status: "scheduled",
			scopeEndpointIds: [demo.endpoints.KH, ...participants.map((code) => demo.endpoints[code])],
		},
		{ userId: "seed", origin: "test" },
	);
	return String(document.entityId);
}

beforeAll(async () => {
	platform = await startPlatform({ ALERT_CHECK_EVERY_MS: "300", BCRYPT_ROUNDS: "4" });
	baseUrl = `http://127.0.0.1:${platform.port}`;
	demo = await seedDemo(platform.records, 4);
	todayId = await createSession("Tiếp công dân định kỳ tháng 12 tại trụ sở tỉnh", 90, ["TW", "KH-NHATRANG"]);
	// In ten minutes, with an endpoint nobody has signed in to: IT staff get an alert for it.
	soonId = await createSession("Đối thoại vụ việc đông người phường Phan Rang", 10, ["KH-PHANRANG"]);
	// The province's agency the outcome form picks from (by id).
	await platform.records.agencies.create(
		{
			name: "UBND phường Nha Trang",
			kind: "commune-committee",
			provinceId: demo.endpoints.KH,
			contacts: [],
			active: true,
			scopeEndpointIds: [demo.endpoints.KH],
		},
		{ userId: "seed", origin: "test" },
	);
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const c of contexts) await c.close();
	await browser?.close();
	await platform?.stop();
});

it("central office: a requested session says it was sent, and exactly one is created", async () => {
	const page = await as("trunguong");
	const form = page.getByTestId("request-form");
	await form.getByLabel("Tỉnh").selectOption({ label: "Ban Tiếp công dân tỉnh Khánh Hòa" });
	await form.getByLabel("Chủ trì").locator("option", { hasText: "Lê Văn Cường" }).waitFor({ state: "attached" });
	const title = "Tiếp công dân đột xuất vụ việc đất đai phường Cam Ranh";
	await form.getByLabel("Nội dung phiên tiếp").fill(title);
	await form.getByLabel("Lý do").fill("Đoàn đông người dự kiến lên Trung ương trong tuần");
	await form.getByRole("button", { name: "Gửi đề nghị" }).click();
	await form.getByRole("status").getByText("Đã gửi đề nghị tổ chức phiên tiếp.").waitFor();
	expect(await form.getByRole("alert").count()).toBe(0);
	expect(await platform.records.sessions.find({ title })).toHaveLength(1);
	// The home page lists it at once (pushed, not reloaded).
	await page.getByRole("link", { name: title }).waitFor();
	await honest.check(page, "central office home after a request");
	await shootBoth(page, "journey-central-request");
});

it("chair starts a session: the operator's Tham gia appears and the secretariat's page follows, without reload", async () => {
	const operator = await as("canbo.nhatrang");
	const row = operator.locator(`tr[data-session="${todayId}"]`);
	await row.waitFor();
	expect(await row.getByRole("button", { name: "Tham gia" }).count()).toBe(0);
	// The operator's own endpoint shows its own connection; others are not claimed to be offline.
	await row.getByText(/Điểm cầu phường Nha Trang\s*trực tuyến/).waitFor();
	expect(await row.getByText("mất kết nối").count()).toBe(0);
	await operator.evaluate(() => {
		(window as unknown as { notReloaded: boolean }).notReloaded = true;
	});

	const secretariat = await as("vanphong.kh");
	await secretariat.goto(`${baseUrl}/sessions/${todayId}`);
	await secretariat.getByTestId("session-status").getByText("Đã lên lịch").waitFor();
	await secretariat.evaluate(() => {
		(window as unknown as { notReloaded: boolean }).notReloaded = true;
	});

	const chair = await as("chutich.kh");
	await chair.goto(`${baseUrl}/sessions/${todayId}`);
	await chair.getByRole("button", { name: "Mở phòng chờ" }).click();
	await chair.getByRole("button", { name: "Bắt đầu phiên" }).click();
	await chair.getByTestId("session-status").getByText("Đang diễn ra").waitFor();

	await row.getByRole("button", { name: "Tham gia" }).waitFor();
	await secretariat.getByTestId("session-status").getByText("Đang diễn ra").waitFor();
	await secretariat.getByText("Bắt đầu lúc").waitFor();
	// Someone knocks from Nha Trang: the secretariat's and the chair's session pages show who waits in
	// the lobby (endpoint, person, position, role) without reload, and drop them once they leave.
	const knocking = await connectPeer(platform, todayId, {
		sub: demo.users["canbo.nhatrang"] ?? "",
		name: "Bùi Thị Hoa",
		position: "Công chức Văn phòng UBND phường",
		role: "operator",
		endpointId: demo.endpoints["KH-NHATRANG"] ?? "",
		endpointLevel: "commune",
	});
	expect(await knocking.join()).toMatchObject({ status: "waiting" });
	for (const page of [secretariat, chair]) {
		const entry = page.getByTestId("session-lobby").getByRole("listitem").filter({ hasText: "Bùi Thị Hoa" });
		await entry.getByTestId("participant-endpoint").getByText("Điểm cầu phường Nha Trang").waitFor();
		expect(await entry.textContent()).toMatch(/Bùi Thị Hoa, Công chức Văn phòng UBND phường.*Cán bộ điểm cầu/);
	}
	await honest.check(secretariat, "secretariat session page, lobby");
	await knocking.close();
	await secretariat.getByTestId("session-lobby").getByRole("listitem").first().waitFor({ state: "detached" });
	for (const page of [operator, secretariat]) {
		expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
	}
	await honest.check(operator, "operator home, session live");
	await shootBoth(operator, "journey-operator-home");

	// The secretariat records the outcome; the chair's page shows it as it is saved.
	const record = secretariat.getByTestId("secretariat-panel");
	await record.getByLabel("Hướng xử lý").selectOption("guide");
	await record
		.getByLabel("Kết luận")
		.fill("Hướng dẫn công dân gửi đơn đến UBND phường Nha Trang giải quyết theo thẩm quyền.");
	// An assignment without its task is refused, naming the field in words.
	await record.getByLabel("Cơ quan thực hiện").selectOption({ label: "UBND phường Nha Trang" });
	await record.getByLabel("Báo cáo về").fill("Chủ tịch UBND tỉnh");
	await record.getByRole("button", { name: "Lưu kết quả" }).click();
	await record
		.getByRole("alert")
		.getByText(/Nhiệm vụ: quá ngắn/)
		.waitFor();
	await honest.check(secretariat, "secretariat, refused field");
	// A deadline before the session is implausible: refused, naming the field and the earliest day.
	await record.getByLabel("Nhiệm vụ").fill("Rà soát hồ sơ đất đai và trả lời công dân");
	await record.getByPlaceholder("dd/mm/yyyy").fill("01/01/2020");
	await record.getByRole("button", { name: "Lưu kết quả" }).click();
	await record
		.getByRole("alert")
		.getByText(/Thời hạn: không được trước \d{2}\/\d{2}\/2026/)
		.waitFor();
	await honest.check(secretariat, "secretariat, implausible deadline");
	await record.getByLabel("Nhiệm vụ").fill("");
	await record.getByPlaceholder("dd/mm/yyyy").fill("");
	await record.getByLabel("Cơ quan thực hiện").selectOption("");
	await record.getByLabel("Báo cáo về").fill("");
	await record.getByRole("button", { name: "Lưu kết quả" }).click();
	await record.getByText("Đã lưu kết quả xử lý.").waitFor();
	await chair
		.getByTestId("outcomes")
		.getByText(/Hướng dẫn công dân gửi đơn đến UBND phường Nha Trang/)
		.waitFor();

	// A second outcome for the same case is refused in Vietnamese, saying what to do instead.
	await record.getByLabel("Vụ việc").locator("option", { hasText: "đã có kết quả" }).waitFor({ state: "attached" });
	await record.getByLabel("Kết luận").fill("Thụ lý giải quyết.");
	await record.getByRole("button", { name: "Lưu kết quả" }).click();
	await record
		.getByRole("alert")
		.getByText(
			"Không lưu được: Vụ việc này đã có kết quả xử lý trong phiên; nếu cần thay đổi, hãy sửa kết quả đã lưu thay vì ghi thêm.",
		)
		.waitFor();
	await honest.check(secretariat, "secretariat, second outcome refused");

	// Ending asks first and says what will happen; cancelling leaves the session live.
	const lifecycle = secretariat.getByTestId("lifecycle");
	await lifecycle.getByRole("button", { name: "Kết thúc phiên" }).click();
	const dialog = secretariat.getByRole("dialog");
	await dialog.getByText(/không mở lại được/).waitFor();
	await secretariat.screenshot({ path: "test-artifacts/journey-secretariat-end-confirm-1366.png" });
	await dialog.getByRole("button", { name: "Hủy bỏ" }).click();
	expect(await secretariat.getByTestId("session-status").textContent()).toBe("Đang diễn ra");
	await lifecycle.getByRole("button", { name: "Kết thúc phiên" }).click();
	await secretariat.getByRole("dialog").getByRole("button", { name: "Kết thúc phiên" }).click();
	await secretariat.getByTestId("session-status").getByText("Đã kết thúc").waitFor();
	await secretariat.getByText("Kết thúc lúc").waitFor();
	await chair.getByTestId("session-status").getByText("Đã kết thúc").waitFor();
	// On the operator's home page it moves to the sessions over today; Tham gia is gone.
	await operator.getByRole("heading", { name: "Phiên đã kết thúc hôm nay" }).waitFor();
	await expect.poll(() => row.getByRole("button", { name: "Tham gia" }).count()).toBe(0);
	await honest.check(secretariat, "secretariat, session ended");
	await honest.check(chair, "chair, session page");
	await shootBoth(secretariat, "journey-secretariat-session");
	await shootBoth(chair, "journey-chair-session");
});

it("inspector reads the record; an observer is told what it may not see, not that nothing is there", async () => {
	const inspector = await as("thanhtra.kh");
	await inspector.goto(`${baseUrl}/sessions/${todayId}`);
	await inspector
		.getByTestId("outcomes")
		.getByText(/Hướng dẫn công dân gửi đơn/)
		.waitFor();
	expect(await inspector.getByTestId("lifecycle").count()).toBe(0);
	expect(await inspector.getByTestId("secretariat-panel").count()).toBe(0);
	await honest.check(inspector, "inspector, session page");
	await shootBoth(inspector, "journey-inspector-session");

	const observer = await as("quansat.kh");
	await observer.goto(`${baseUrl}/sessions/${todayId}`);
	await observer.getByTestId("session-status").getByText("Đã kết thúc").waitFor();
	const outcomes = observer.locator("section", { has: observer.getByRole("heading", { name: "Kết quả xử lý" }) });
	await outcomes.getByText("Vai trò của bạn không được xem phần này.").waitFor();
	expect(await observer.getByText("Chưa có kết quả xử lý.").count()).toBe(0);
	expect(await observer.getByText("Tải thông báo kết luận (PDF)").count()).toBe(0);
	await honest.check(observer, "observer, session page");
	await shootBoth(observer, "journey-observer-session");
});

it("IT staff: alerts grouped and taken in hand by name; the readiness board says why and what a check did", async () => {
	// Only IT's own browser stays open at the province: a requested check runs on each open client.
	for (const c of contexts.splice(0)) await c.close();
	const it = await as("cntt.kh");
	await it.getByRole("button", { name: "Giám sát kỹ thuật" }).click();
	const alerts = it.getByTestId("alerts");
	const group = alerts.locator(".alert-group", { hasText: "Đối thoại vụ việc đông người phường Phan Rang" });
	const alert = group.locator("li", { hasText: "Điểm cầu phường Phan Rang đang mất kết nối" });
	await alert.waitFor();
	await alert.getByRole("button", { name: "Tiếp nhận" }).click();
	await alert.getByText(/Hoàng Văn Em đã tiếp nhận lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/).waitFor();
	// Today's sessions follow their state: the chair opens the lobby and the dashboard shows it.
	const soon = it.getByTestId("it-sessions").locator(`tr[data-session="${soonId}"]`);
	await soon.getByText("Đã lên lịch").waitFor();
	// The central office is outside a province's scope: its state is not claimed, least of all "offline".
	const requested = it.getByTestId("it-sessions").locator("tr", { hasText: "phường Cam Ranh" });
	await requested.getByText(/Ban Tiếp công dân tỉnh Khánh Hòa\s*trực tuyến/).waitFor();
	expect(await requested.getByText("mất kết nối").count()).toBe(0);
	const chair = await fetch(`${baseUrl}/api/auth/login`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ username: "chutich.kh", password: DEMO_PASSWORD }),
	}).then((r) => r.json() as Promise<{ accessToken: string }>);
	const opened = await fetch(`${baseUrl}/api/sessions/${soonId}/transitions`, {
		method: "POST",
		headers: { authorization: `Bearer ${chair.accessToken}`, "content-type": "application/json" },
		body: JSON.stringify({ to: "open" }),
	});
	expect(opened.status).toBe(201);
	await soon.getByText("Đang mở phòng chờ").waitFor();
	await honest.check(it, "IT dashboard");
	await shootBoth(it, "journey-it-dashboard");

	await soon.getByRole("button", { name: "Tình trạng sẵn sàng" }).click();
	const board = it.getByTestId("readiness");
	const phanRang = board.locator("tr", { hasText: "Điểm cầu phường Phan Rang" });
	await phanRang.getByText("Điểm cầu đang mất kết nối: chưa yêu cầu kiểm tra được.").waitFor();
	expect(await phanRang.getByRole("button", { name: "Yêu cầu kiểm tra" }).count()).toBe(0);
	// The province's own endpoint is online (this browser): asking it to check says what happened,
	// and the stored result shows with its verdict (and its reasons if any step failed).
	const province = board.locator("tr", { hasText: "Ban Tiếp công dân tỉnh Khánh Hòa" });
	await province.getByRole("button", { name: "Yêu cầu kiểm tra" }).click();
	await province
		.getByRole("status")
		.getByText(/Đã yêu cầu 1 máy đang mở/)
		.waitFor();
	await province
		.getByTestId("last-check")
		.getByText(/^(đạt|không đạt)/)
		.waitFor({ timeout: 60_000 });
	const verdict = await province.getByTestId("last-check").textContent();
	if (verdict?.startsWith("không đạt")) expect(verdict).toMatch(/Không đạt: .+: .+/);
	await honest.check(it, "readiness board");
	await shootBoth(it, "journey-it-readiness");
	expect(honest.visited.length).toBeGreaterThanOrEqual(12);
});
