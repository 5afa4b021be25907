import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedKnownRegister } from "../support/knownRegister.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { signIn } from "./support/app.js";
import { artifactPath, launchBrowser } from "./support/browser.js";

let fx: RecordsFixture;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	fx = await startRecordsFixture({ NATIONAL_DB_MODE: "export" });
	await seedKnownRegister(fx);
	baseUrl = `http://127.0.0.1:${fx.platform.port}`;
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const c of contexts) await c.close();
	await browser?.close();
	await fx?.platform.stop();
});

it("the chair reads the quarterly form, opens the cases behind a figure and sees the charts", async () => {
	const { context, page } = await signIn(browser, baseUrl, "chutich.kh");
	contexts.push(context);
	await page.getByRole("button", { name: "Báo cáo thống kê" }).click();
	const filters = page.getByRole("form", { name: "Kỳ báo cáo" });
	await filters.locator("select[name=kind]").selectOption("quarter");
	await filters.locator("input[name=year]").fill("2026");
	await filters.locator("select[name=index]").selectOption("1");
	// A commune may be the scope too, listed after its province.
	const scopes = await filters.getByLabel("Phạm vi").locator("option").allTextContents();
	expect(scopes.map((o) => o.trim())).toEqual(
		expect.arrayContaining(["Điểm cầu phường Nha Trang", "Điểm cầu phường Phan Rang"]),
	);
	await filters.getByRole("button", { name: "Xem báo cáo" }).click();
	await page.getByRole("heading", { name: /Quý I\/2026 \(15\/12\/2025 – 14\/03\/2026\)/ }).waitFor();
	const form = page.getByTestId("report-form");
	const phanRang = form.getByRole("row").filter({ hasText: "Phan Rang" });
	// Column 2 (people, regular reception) of Phan Rang: 9 — the delegation of 8 and one citizen.
	await phanRang.getByRole("button", { name: "9", exact: true }).click();
	const cases = page.getByTestId("cell-cases");
	await cases.waitFor();
	await expect.poll(() => cases.getByRole("row").count()).toBe(2);
	await expect.poll(() => page.getByTestId("report-charts").locator("canvas").count()).toBe(3);
	// The legends speak Vietnamese: no uPlot default ("Value", "Time") for the categories.
	const legends = await page.getByTestId("report-charts").locator(".u-legend").allInnerTexts();
	expect(legends.join(" ")).toContain("Tháng");
	expect(legends.join(" ")).not.toMatch(/\b(Value|Time)\b/);
	await page.screenshot({ path: await artifactPath("reports-quarter-kh.png"), fullPage: true });
});

it("IT staff see the completeness board of the national database link", async () => {
	const { context, page } = await signIn(browser, baseUrl, "cntt.kh");
	contexts.push(context);
	await page.getByRole("button", { name: "Đồng bộ CSDL quốc gia" }).click();
	const board = page.getByTestId("completeness");
	await board.waitFor();
	await expect.poll(() => board.getByRole("row").filter({ hasText: "Phan Rang" }).count()).toBe(1);
	await expect.poll(() => page.getByRole("button", { name: "Tạo lô xuất" }).count()).toBe(1);
	await page.screenshot({ path: await artifactPath("nationaldb-board-kh.png"), fullPage: true });
});

it("IT staff export a batch, import its receipt with one rejection and open the screen that fixes it", async () => {
	const { context, page } = await signIn(browser, baseUrl, "cntt.kh");
	contexts.push(context);
	await page.getByRole("button", { name: "Đồng bộ CSDL quốc gia" }).click();
	await page.getByRole("button", { name: "Tạo lô xuất" }).click();
	const batches = page.getByTestId("batches");
	const row = batches.locator("tbody tr").first();
	await row.waitFor();
	const batchId = String(await row.getAttribute("data-batch"));
	// Each file can be downloaded again from the list.
	const download = page.waitForEvent("download");
	await row.getByRole("link", { name: "XML" }).click();
	expect((await download).suggestedFilename()).toBe(`${batchId}.xml`);

	// The national database's receipt: every record accepted but one case, refused with its reason.
	const api = await fx.as("cntt.kh");
	const listed = await api.request<{ items: { id: string; keys: string[] }[] }>("GET", "/nationaldb/batches");
	const keys = listed.body.items.find((b) => b.id === batchId)?.keys ?? [];
	const refused = keys.find((k) => k.startsWith("rb:case:")) ?? "";
	const reason = "Số CCCD không khớp với Cơ sở dữ liệu quốc gia về dân cư";
	const receipt = {
		schemaVersion: "1.1",
		batchId,
		results: keys.map((key) => (key === refused ? { key, status: "rejected", reason } : { key, status: "accepted" })),
	};
	await row.getByLabel("Nhập biên nhận").setInputFiles({
		name: "bien-nhan.json",
		mimeType: "application/json",
		buffer: Buffer.from(JSON.stringify(receipt)),
	});
	const outcome = page.getByTestId("receipt-outcome");
	await outcome.waitFor();
	expect(await outcome.textContent()).toContain(`${keys.length - 1} bản ghi được tiếp nhận, 1 bản ghi bị từ chối`);
	expect(await outcome.textContent()).toContain(reason);
	await expect.poll(() => row.textContent()).toContain("Đã nhập lúc");

	// The board lists the rejection with the receiver's reason. IT staff cannot correct a case: the
	// office's secretariat does, from the same board, where "Sửa" opens the case's register page.
	const rejected = page.getByTestId("rejected").getByRole("row").filter({ hasText: reason });
	await rejected.waitFor();
	expect(await rejected.textContent()).toContain("Văn phòng tiếp công dân sửa hồ sơ này");
	await page.screenshot({ path: await artifactPath("nationaldb-receipt-kh.png"), fullPage: true });
	const office = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(office.context);
	await office.page.getByRole("button", { name: "Đồng bộ CSDL quốc gia" }).click();
	const toFix = office.page.getByTestId("rejected").getByRole("row").filter({ hasText: reason });
	await toFix.getByRole("link", { name: "Sửa" }).click();
	const caseId = refused.split(":")[2];
	await office.page.getByTestId("case-page").waitFor();
	expect(new URL(office.page.url()).pathname).toBe(`/register/${caseId}`);
});
