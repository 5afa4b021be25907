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

beforeAll(async () => {
	fx = await startRecordsFixture();
	await seedDemoRegister(fx.platform.records, fx.seed);
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
