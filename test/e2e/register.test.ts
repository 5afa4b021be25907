import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedDemoRegister } from "../../server/register/demoRegister.js";
import type { RecordsFixture } from "../support/records.js";
import { startRecordsFixture } from "../support/records.js";
import { signIn } from "./support/app.js";
import { artifactPath, launchBrowser } from "./support/browser.js";

let fx: RecordsFixture;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

/** A district and its commune as they stood before the 2025 reform, for IT to reorganise. */
let district: string;
let commune: string;

beforeAll(async () => {
	fx = await startRecordsFixture({ ENDPOINT_LEVELS: "central,province,district,commune" });
	await seedDemoRegister(fx.platform.records, fx.seed);
	const central = await fx.as("trunguong");
	district = (
		await central.request<{ id: string }>("POST", "/endpoints", {
			code: "KH-HUYENNINHHAI",
			name: "Điểm cầu huyện Ninh Hải",
			level: "district",
			parentId: fx.seed.endpoints.KH,
		})
	).body.id;
	commune = (
		await central.request<{ id: string }>("POST", "/endpoints", {
			code: "KH-XUANHAI",
			name: "Điểm cầu xã Xuân Hải",
			level: "commune",
			parentId: district,
		})
	).body.id;
	baseUrl = `http://127.0.0.1:${fx.platform.port}`;
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const c of contexts) await c.close();
	await browser?.close();
	await fx?.platform.stop();
});

const ID = "056190004567";

async function enterCase(page: Page, summary: string): Promise<void> {
	await page.getByRole("button", { name: "Nhập vụ việc" }).click();
	const form = page.getByTestId("case-form");
	await form.getByLabel("Họ và tên").fill("Võ Thị Thu");
	await form.getByLabel("Số CCCD/CMND").fill(ID);
	await form.getByLabel("Địa chỉ").fill("Phường Nha Trang, Khánh Hòa");
	await form.getByLabel("Lĩnh vực").selectOption("admin.land");
	await form.getByLabel("Tóm tắt nội dung").fill(summary);
	await form.getByLabel("Yêu cầu của công dân").fill("Đề nghị cấp giấy chứng nhận quyền sử dụng đất.");
	await form.getByRole("button", { name: "Lưu" }).click();
	await page.getByTestId("case-page").waitFor();
}

it("the secretariat enters a case, finds it by ID number, corrects it with a reason and sees the history; a second case of the same ID is a repeat", {
	timeout: 120_000,
}, async () => {
	const { context, page } = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(context);
	await page.getByRole("button", { name: "Sổ tiếp công dân" }).click();
	await page.getByTestId("register").waitFor();

	// A refused entry names the field and writes nothing.
	await page.getByRole("button", { name: "Nhập vụ việc" }).click();
	const form = page.getByTestId("case-form");
	await form.getByLabel("Họ và tên").fill("Võ Thị Thu");
	await form.getByLabel("Số CCCD/CMND").fill("999190004567");
	await form.getByLabel("Địa chỉ").fill("Phường Nha Trang");
	await form.getByLabel("Tóm tắt nội dung").fill("Thử");
	await form.getByLabel("Yêu cầu của công dân").fill("Thử");
	await form.getByRole("button", { name: "Lưu" }).click();
	await expect.poll(() => form.getByRole("alert").textContent()).toContain("body.citizens.0.idNumber");
	await page.goBack();
	await page.getByTestId("register").waitFor();

	await enterCase(page, "Phản ánh việc chậm cấp giấy chứng nhận quyền sử dụng đất.");
	const title = await page.getByRole("heading", { level: 2 }).textContent();
	expect(title).toMatch(/^Vụ việc số \d{2}\/\d{4}$/);
	await expect.poll(() => page.getByTestId("case-visit").textContent()).toBe("Mới phát sinh");

	// Find it by ID number.
	await page.getByRole("button", { name: "Về sổ tiếp công dân" }).click();
	const search = page.getByRole("form", { name: "Tìm trong sổ" });
	await search.getByLabel("Số CCCD/CMND").fill(ID);
	await search.getByRole("button", { name: "Tìm" }).click();
	await expect.poll(() => page.getByText("1 vụ việc").count()).toBe(1);
	const results = page.getByTestId("register-results");
	await results.getByRole("link", { name: title?.replace("Vụ việc số ", "") ?? "" }).click();

	// Correct it with a reason; the history shows the correction and its reason.
	await page.getByRole("button", { name: "Đính chính" }).click();
	const correction = page.getByTestId("case-form");
	await correction
		.getByLabel("Tóm tắt nội dung")
		.fill("Phản ánh việc chậm cấp giấy chứng nhận quyền sử dụng đất ở tổ 5.");
	await correction.getByLabel("Lý do đính chính").fill("Ghi thiếu địa điểm");
	await correction.getByRole("button", { name: "Đính chính" }).click();
	await expect
		.poll(() => page.getByTestId("case-summary").textContent())
		.toBe("Phản ánh việc chậm cấp giấy chứng nhận quyền sử dụng đất ở tổ 5.");
	const history = page.getByTestId("case-history").locator("li");
	await expect.poll(() => history.count()).toBe(2);
	expect(await history.nth(0).textContent()).toContain("Nhập sổ");
	expect(await history.nth(1).textContent()).toContain("Đính chính");
	expect(await history.nth(1).textContent()).toContain("Ghi thiếu địa điểm");
	await page.screenshot({ path: await artifactPath("register-case-corrected.png"), fullPage: true });

	// A second case of the same ID number is a repeat, visit 2.
	await page.getByRole("button", { name: "Về sổ tiếp công dân" }).click();
	await enterCase(page, "Lần hai: vẫn chưa được cấp giấy chứng nhận.");
	await expect.poll(() => page.getByTestId("case-visit").textContent()).toBe("Vụ việc cũ, lượt thứ 2");
	await page.screenshot({ path: await artifactPath("register-repeat.png"), fullPage: true });

	await page.getByRole("button", { name: "Về sổ tiếp công dân" }).click();
	await page.getByTestId("register-results").waitFor();
	await page.screenshot({ path: await artifactPath("register-list.png"), fullPage: true });

	// Tasks given to agencies: overdue and due soon counted from their deadlines.
	await page.getByRole("button", { name: "Nhiệm vụ giao cơ quan" }).click();
	await expect.poll(() => page.getByTestId("task-counts").textContent()).toMatch(/[1-9]\d* quá hạn/);
	expect(await page.getByTestId("tasks").locator("tr.task-overdue").count()).toBeGreaterThan(0);
	await page.screenshot({ path: await artifactPath("register-tasks.png"), fullPage: true });
});

/** The agency the journey adds, renames, and gives tasks to. */
const AGENCY = "Ban Quản lý dự án đầu tư xây dựng tỉnh Khánh Hòa";

/** dd/mm/yyyy, as officials type a day, `days` from now. */
const dayFromNow = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toLocaleDateString("en-GB", { timeZone: "Asia/Ho_Chi_Minh" });

it("the provincial office keeps its agencies, gives tasks from a session outcome and from a case, records their progress and results; IT reorganises endpoints after the merger", {
	timeout: 180_000,
}, async () => {
	const chair = await fx.as("chutich.kh");
	for (const to of ["open", "live"]) {
		const stepped = await chair.request("POST", `/sessions/${fx.seed.sessionId}/transitions`, { to });
		expect(stepped.status, JSON.stringify(stepped.body)).toBe(201);
	}
	const { context, page } = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(context);

	// Agencies of the province: add one, then edit it.
	await page.getByRole("button", { name: "Sổ tiếp công dân" }).click();
	await page.getByRole("button", { name: "Cơ quan được giao" }).click();
	const agencies = page.getByTestId("agencies-page");
	await agencies.getByRole("button", { name: "Thêm cơ quan" }).click();
	const added = agencies.getByRole("form", { name: "Thêm cơ quan" });
	await added.getByLabel("Tên cơ quan").fill("Ban Quản lý dự án đường ven biển");
	await added.getByLabel("Loại").selectOption({ label: "Ban" });
	await added.getByLabel(/Người liên hệ/).fill("Trần Văn Sáu; Chánh Văn phòng; 0258 3822 000");
	await added.getByRole("button", { name: "Lưu" }).click();
	await page.getByText("Đã lưu cơ quan.").waitFor();
	const row = page
		.getByTestId("agencies")
		.locator("tr", { has: page.getByRole("cell", { name: "Ban Quản lý dự án đường ven biển", exact: true }) });
	await row.getByRole("button", { name: "Sửa" }).click();
	const edited = agencies.getByRole("form", { name: "Sửa" });
	await edited.getByLabel("Tên cơ quan").fill(AGENCY);
	await edited.getByRole("button", { name: "Lưu" }).click();
	await page.getByTestId("agencies").getByText(AGENCY).waitFor();
	expect(await page.getByTestId("agencies").textContent()).toContain("Trần Văn Sáu; Chánh Văn phòng; 0258 3822 000");
	await page.screenshot({ path: await artifactPath("register-agencies.png"), fullPage: true });

	// A session outcome assigns the task to the agency chosen from the province's list (by id).
	await page.goto(`${baseUrl}/sessions/${fx.seed.sessionId}`);
	const record = page.getByTestId("secretariat-panel");
	await record.getByLabel("Vụ việc", { exact: true }).selectOption(fx.seed.caseId ?? "");
	await record.getByLabel("Hướng xử lý").selectOption("accept");
	await record.getByLabel("Kết luận").fill("Giao Ban Quản lý dự án kiểm tra việc cấp phép xây dựng.");
	await record.getByLabel("Cơ quan thực hiện").selectOption({ label: AGENCY });
	await record.getByLabel("Nhiệm vụ").fill("Kiểm tra hồ sơ cấp phép, báo cáo kết quả");
	await record.getByPlaceholder("dd/mm/yyyy").fill(dayFromNow(20));
	await record.getByLabel("Báo cáo về").fill("Chủ tịch UBND tỉnh");
	await record.getByRole("button", { name: "Lưu kết quả" }).click();
	await record.getByText("Đã lưu kết quả xử lý.").waitFor();

	// The case page shows that task; a second one is given from the case.
	await page.goto(`${baseUrl}/register/${fx.seed.caseId}`);
	const tasks = page.getByTestId("tasks");
	await tasks.getByText("Kiểm tra hồ sơ cấp phép, báo cáo kết quả").waitFor();
	await page.locator("summary", { hasText: "Giao nhiệm vụ" }).click();
	const give = page.getByTestId("task-give-form");
	await give.getByLabel("Theo kết luận").selectOption({ index: 1 });
	await give.getByLabel("Cơ quan thực hiện").selectOption({ label: AGENCY });
	await give.getByLabel("Nhiệm vụ").fill("Trả lời công dân bằng văn bản");
	await give.getByLabel("Thời hạn").fill(dayFromNow(30));
	await give.getByLabel("Báo cáo về").fill("Văn phòng UBND tỉnh");
	await give.getByRole("button", { name: "Giao nhiệm vụ" }).click();
	await give.getByText("Đã giao nhiệm vụ.").waitFor();
	await expect.poll(() => tasks.locator("tbody tr").count()).toBe(2);
	// Deadlines typed as days read as those days (Vietnam's), not as the 07:00 a UTC midnight would show.
	for (const [task, days] of [
		["Trả lời công dân bằng văn bản", 30],
		["Kiểm tra hồ sơ cấp phép, báo cáo kết quả", 20],
	] as const) {
		const cell = tasks.locator("tr", { hasText: task }).getByRole("cell", { name: dayFromNow(days), exact: true });
		expect(await cell.count(), task).toBe(1);
	}

	// Progress, then the closing result: the task is done.
	const first = tasks.locator("tr", { hasText: "Kiểm tra hồ sơ cấp phép" });
	await first.getByRole("button", { name: "Ghi tiến độ" }).click();
	await first.getByLabel("Nội dung tiến độ").fill("Sở đã làm việc với chủ đầu tư.");
	await first.getByRole("form", { name: "Ghi tiến độ" }).getByRole("button", { name: "Ghi tiến độ" }).click();
	await first.getByText("Tiến độ: Sở đã làm việc với chủ đầu tư.").waitFor();
	await first.getByRole("button", { name: "Ghi kết quả" }).click();
	const result = first.getByRole("form", { name: "Ghi kết quả" });
	await result.getByLabel("Số văn bản kết quả").fill("215/BC-SXD");
	await result.getByLabel("Ngày văn bản").fill(dayFromNow(0));
	await result.getByLabel("Tóm tắt kết quả").fill("Việc cấp phép đúng quy định.");
	await result.getByRole("button", { name: "Ghi kết quả" }).click();
	await first.getByText("Đã xong").waitFor();
	expect(await first.textContent()).toContain("Kết quả: 215/BC-SXD, Việc cấp phép đúng quy định.");
	await page.screenshot({ path: await artifactPath("register-case-tasks.png"), fullPage: true });

	// Deadline reminders of the province's tasks (the demo's due-soon ones) reach the task list in-app.
	expect((await fx.platform.taskReminders.check()).length).toBeGreaterThan(0);
	// Newer alerts of other kinds, more than a page of them, do not push the reminders off the list.
	const sessions = Array.from({ length: 110 }, (_, i) => `e2e-crowd-${i}`);
	for (const sessionId of sessions)
		await fx.platform.alerts.raise("failing-during-session", String(fx.seed.endpoints["KH-NHATRANG"]), sessionId, {
			reasons: [{ code: "packet-loss", value: 12, threshold: 10 }],
		});
	await page.goto(`${baseUrl}/register/tasks`);
	await page
		.getByTestId("alerts")
		.getByText(/Ban Tiếp công dân tỉnh Khánh Hòa: nhiệm vụ giao .* đến hạn/)
		.first()
		.waitFor();
	expect(
		await page
			.getByTestId("alerts")
			.getByText(/mất gói/)
			.count(),
	).toBe(0);
	for (const sessionId of sessions) await fx.platform.alerts.clearSession(sessionId);
	await page.screenshot({ path: await artifactPath("register-task-reminders.png"), fullPage: true });

	// An operator may not reorganise endpoints: no such screen on their home page.
	const operator = await signIn(browser, baseUrl, "canbo.nhatrang");
	contexts.push(operator.context);
	expect(await operator.page.getByRole("button", { name: "Điểm cầu và địa giới" }).count()).toBe(0);

	// IT staff of the province: the commune moves under the province, the old district is deactivated
	// and merged into its successor.
	const it = await signIn(browser, baseUrl, "cntt.kh");
	contexts.push(it.context);
	await it.page.getByRole("button", { name: "Điểm cầu và địa giới" }).click();
	const endpoints = it.page.getByTestId("endpoints");
	await endpoints.locator('tr[data-endpoint="KH-XUANHAI"]').getByRole("button", { name: "Sắp xếp lại" }).click();
	const move = it.page.getByTestId("topology-form");
	await move.getByLabel("Đơn vị cấp trên").selectOption(fx.seed.endpoints.KH ?? "");
	await move.getByRole("button", { name: "Lưu" }).click();
	await it.page.getByText("Đã lưu điểm cầu.").waitFor();
	await expect
		.poll(() => endpoints.locator('tr[data-endpoint="KH-XUANHAI"] td').nth(1).textContent())
		.not.toBe("Điểm cầu huyện Ninh Hải");
	await endpoints.locator('tr[data-endpoint="KH-HUYENNINHHAI"]').getByRole("button", { name: "Sắp xếp lại" }).click();
	const merge = it.page.getByTestId("topology-form");
	await merge.getByLabel("Còn hoạt động").uncheck();
	await merge.getByLabel(/Đơn vị kế thừa/).selectOption({ label: "Điểm cầu phường Phan Rang" });
	await merge.getByLabel("Hình thức").selectOption("merged");
	await merge.getByRole("button", { name: "Lưu" }).click();
	const old = endpoints.locator('tr[data-endpoint="KH-HUYENNINHHAI"]');
	await expect.poll(() => old.textContent()).toContain("Sáp nhập vào Điểm cầu phường Phan Rang");
	expect(await old.textContent()).toContain("Ngừng hoạt động");
	await it.page.screenshot({ path: await artifactPath("register-topology.png"), fullPage: true });

	const central = await fx.as("trunguong");
	const moved = await central.request<{ parentId: string }>("GET", `/endpoints/${commune}`);
	expect(moved.body.parentId).toBe(fx.seed.endpoints.KH);
	const merged = await central.request<{ active: boolean; successorId: string; successorKind: string }>(
		"GET",
		`/endpoints/${district}`,
	);
	expect(merged.body).toMatchObject({
		active: false,
		successorId: fx.seed.endpoints["KH-PHANRANG"],
		successorKind: "merged",
	});
});
