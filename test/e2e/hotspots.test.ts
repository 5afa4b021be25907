import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { enterCase, inDays, watchBody } from "../support/hotspots.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { signIn } from "./support/app.js";
import { artifactPath, launchBrowser } from "./support/browser.js";

let fx: RecordsFixture;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	fx = await startRecordsFixture();
	baseUrl = `http://127.0.0.1:${fx.platform.port}`;
	const kh = await fx.as("vanphong.kh");
	const ld = await fx.as("vanphong.ld");
	// Three watched cases: Khánh Hòa's to Hà Nội in three days, Lâm Đồng's to TP.HCM, and a
	// Khánh Hòa case expected in Hà Nội only in three weeks.
	await kh.request(
		"POST",
		"/hotspots/watches",
		watchBody(fx.seed.caseId ?? "", { expectedFrom: inDays(3), expectedTo: inDays(3) }),
	);
	const ldCase = await enterCase(fx, "vanphong.ld", "LD", {
		citizens: [{ fullName: "Lê Thị Mơ", address: "Lâm Đồng", idNumber: "068190001234", isRepresentative: true }],
	});
	await ld.request(
		"POST",
		"/hotspots/watches",
		watchBody(ldCase, {
			destination: { kind: "central-office", city: "tp-hcm" },
			expectedFrom: inDays(4),
			expectedTo: inDays(4),
		}),
	);
	const laterCase = await enterCase(fx, "vanphong.kh", "KH");
	await kh.request(
		"POST",
		"/hotspots/watches",
		watchBody(laterCase, {
			risk: { level: "watch", reasons: ["Đang vận động"] },
			expectedFrom: inDays(21),
			expectedTo: inDays(21),
		}),
	);
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const c of contexts) await c.close();
	await browser?.close();
	await fx?.platform.stop();
});

it("the central office filters its national board to Hà Nội in the next 7 days and asks for a dialogue; the province finds it on its schedule", {
	timeout: 180_000,
}, async () => {
	const central = await signIn(browser, baseUrl, "trunguong");
	contexts.push(central.context);
	const page = central.page;
	await page.getByRole("button", { name: "Theo dõi điểm nóng" }).click();
	const board = page.getByTestId("hotspot-board");
	await board.getByRole("heading", { name: "Bảng theo dõi điểm nóng toàn quốc" }).waitFor();
	const rows = board.getByTestId("watches").locator("tbody tr");
	await expect.poll(() => rows.count()).toBe(3);
	await expect.poll(() => board.getByTestId("province-counts").locator("tbody tr").count()).toBe(2);

	await board.getByLabel("Nơi dự kiến đến").selectOption({ label: "Hà Nội" });
	await board.getByRole("button", { name: "7 ngày tới" }).click();
	await expect.poll(() => rows.count()).toBe(1);
	const row = rows.first();
	await row.getByText("01/2026").waitFor();
	expect(await row.textContent()).toContain("Rất cao");
	await page.screenshot({ path: await artifactPath("hotspot-national-board.png"), fullPage: true });

	await row.getByRole("button", { name: "Đề nghị đối thoại" }).click();
	const form = page.getByTestId("dialogue-form");
	await form.getByText("Ban Tiếp công dân tỉnh Khánh Hòa").waitFor();
	await form.getByLabel("Lý do").fill("Đoàn khoảng 30 người dự kiến ra Trụ sở Tiếp công dân Trung ương trong tuần");
	await form.getByRole("button", { name: "Gửi đề nghị" }).click();
	await form.getByText("Đã gửi đề nghị: phiên đối thoại đã vào lịch của tỉnh.").waitFor();
	await page.screenshot({ path: await artifactPath("hotspot-dialogue-requested.png"), fullPage: true });

	// Khánh Hòa's secretariat finds the on-demand dialogue on its schedule.
	const province = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(province.context);
	const upcoming = province.page.locator("section", {
		has: province.page.getByRole("heading", { name: "Phiên sắp tới" }),
	});
	const dialogue = upcoming.locator("tr", { hasText: "Đối thoại trực tuyến vụ việc số 01/2026" });
	await dialogue.waitFor();
	expect(await dialogue.textContent()).toContain("theo yêu cầu Trung ương");
	await province.page.screenshot({ path: await artifactPath("hotspot-province-schedule.png"), fullPage: true });

	// And on its watchlist the watch entry shows the dialogue.
	await province.page.goto(`${baseUrl}/hotspots`);
	const watchlist = province.page.getByTestId("hotspot-board");
	await watchlist.getByRole("heading", { name: "Danh sách vụ việc theo dõi điểm nóng" }).waitFor();
	await watchlist.locator("tr", { hasText: "Rất cao" }).getByRole("link").click();
	await province.page
		.getByTestId("watch-detail")
		.getByRole("link", { name: "Đối thoại trực tuyến vụ việc số 01/2026" })
		.waitFor();
});

it("a province opens a watch picking its agency and officer from lists, sends a working group and edits its members; the national board and the watch page refresh live", {
	timeout: 180_000,
}, async () => {
	const kh = await fx.as("vanphong.kh");
	const agency = await kh.request<{ id: string }>("POST", "/agencies", {
		name: "Sở Xây dựng tỉnh Khánh Hòa",
		kind: "department",
		provinceId: fx.seed.endpoints.KH,
	});
	expect(agency.status).toBe(201);
	const caseId = await enterCase(fx, "vanphong.kh", "KH", {
		citizens: [{ fullName: "Đinh Văn Lộc", address: "Khánh Hòa", idNumber: "056190007777", isRepresentative: true }],
	});

	// The central office watches its national board.
	const central = await signIn(browser, baseUrl, "trunguong");
	contexts.push(central.context);
	await central.page.goto(`${baseUrl}/hotspots`);
	const nationalRows = central.page.getByTestId("hotspot-board").getByTestId("watches").locator("tbody tr");
	await expect.poll(() => nationalRows.count()).toBeGreaterThan(0);
	const before = await nationalRows.count();

	const province = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(province.context);
	const page = province.page;
	await page.goto(`${baseUrl}/hotspots`);
	await page.getByRole("button", { name: "Đưa vụ việc vào theo dõi điểm nóng" }).click();
	const form = page.getByTestId("watch-form");
	await form.locator('select[name="caseId"]').selectOption(caseId);
	await form.getByLabel("Lý do").fill("Công dân dự định kéo đến trụ sở tỉnh");
	await form.locator('select[name="agencyId"]').selectOption({ label: "Sở Xây dựng tỉnh Khánh Hòa" });
	await form.locator('select[name="officerId"]').selectOption({ label: "Phạm Thị Dung" });
	await form.getByRole("button", { name: "Lưu" }).click();
	const detail = page.getByTestId("watch-detail");
	await detail.getByText("Sở Xây dựng tỉnh Khánh Hòa — Phạm Thị Dung").waitFor();
	const watches = await kh.request<{ items: { caseId: string; responsible: Record<string, string> }[] }>(
		"GET",
		`/hotspots/watches?caseId=${caseId}`,
	);
	expect(watches.body.items[0]?.responsible).toMatchObject({
		agencyId: agency.body.id,
		officerUserId: fx.seed.users["vanphong.kh"],
	});

	// The national board shows it without a reload.
	await expect.poll(() => nationalRows.count()).toBe(before + 1);

	// A working group with one member, then a second added on the group's page.
	await detail.getByRole("button", { name: "Cử tổ công tác" }).click();
	const group = page.getByTestId("group-form");
	await group.getByLabel("Quyết định số").fill("1600/QĐ-UBND");
	// Days typed as officials write them: dd/mm/yyyy.
	const typedDay = (at: number) =>
		new Date(at).toLocaleDateString("en-GB", {
			timeZone: "Asia/Ho_Chi_Minh",
			day: "2-digit",
			month: "2-digit",
			year: "numeric",
		});
	await group.getByLabel("Ngày quyết định").fill(typedDay(Date.now()));
	await group.getByLabel("Người ký").fill("Chủ tịch UBND tỉnh Khánh Hòa");
	await group.getByLabel("Họ và tên 1").fill("Lê Văn Cường");
	await group.getByLabel("Chức vụ 1").fill("Phó Chủ tịch UBND tỉnh");
	await group.getByLabel("Thẩm quyền, nhiệm vụ trong tổ 1").fill("Tổ trưởng");
	await group.getByLabel("Nơi làm việc").fill("Trụ sở UBND tỉnh Khánh Hòa");
	await group.getByLabel("Ngày đến").fill(typedDay(Date.now()));
	await group.getByLabel("Hạn đưa công dân về").fill(typedDay(Date.now() + 5 * 86_400_000));
	await group.getByRole("button", { name: "Cử tổ công tác" }).click();
	await detail.getByRole("link", { name: "1600/QĐ-UBND" }).click();
	const groupPage = page.getByTestId("group-detail");
	const editor = groupPage.getByTestId("members-editor");
	await editor.getByLabel("Họ và tên 1").waitFor();
	expect(await editor.getByLabel("Họ và tên 1").inputValue()).toBe("Lê Văn Cường");
	await editor.getByRole("button", { name: "Thêm thành viên" }).click();
	await editor.getByLabel("Họ và tên 2").fill("Nguyễn Thị Hạnh");
	await editor.getByLabel("Chức vụ 2").fill("Phó Giám đốc Sở Xây dựng");
	await editor.getByLabel("Thẩm quyền, nhiệm vụ trong tổ 2").fill("Giải thích quy hoạch");
	await groupPage.getByRole("button", { name: "Lưu danh sách thành viên" }).click();
	await expect
		.poll(async () => {
			const answer = await kh.request<{ items: { members: { fullName: string }[] }[] }>(
				"GET",
				`/hotspots/groups?caseId=${caseId}`,
			);
			return answer.body.items[0]?.members.map((m) => m.fullName);
		})
		.toEqual(["Lê Văn Cường", "Nguyễn Thị Hạnh"]);
	await page.screenshot({ path: await artifactPath("hotspot-group-members.png"), fullPage: true });

	// The watch page shows a development entered elsewhere without a reload.
	await page.goBack();
	await detail.waitFor();
	await kh.request("POST", `/hotspots/cases/${caseId}/developments`, {
		occurredAt: new Date().toISOString(),
		text: "Tổ công tác đã gặp đại diện các hộ dân.",
	});
	await detail.getByTestId("developments").getByText("Tổ công tác đã gặp đại diện các hộ dân.").waitFor();
});
