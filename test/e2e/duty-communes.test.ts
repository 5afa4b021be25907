import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays, dayOf } from "../../domain/duty.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { signIn } from "./support/app.js";
import { artifactPath, launchBrowser } from "./support/browser.js";

let fx: RecordsFixture;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];
const PERIOD = "Tết Nguyên đán Bính Ngọ";

beforeAll(async () => {
	// Due at midnight: today's reports are already owed, whatever the hour the test runs at.
	fx = await startRecordsFixture({ DUTY_DAILY_REPORT_DUE: "00:00" });
	baseUrl = `http://127.0.0.1:${fx.platform.port}`;
	browser = await launchBrowser();
	const declared = await (await fx.as("vanphong.kh")).request("POST", "/duty/periods", {
		name: PERIOD,
		kind: "tet-nguyen-dan",
		from: addDays(dayOf(new Date()), -1),
		to: addDays(dayOf(new Date()), 1),
		endpointId: fx.seed.endpoints.KH,
	});
	expect(declared.status).toBe(201);
});

afterAll(async () => {
	for (const c of contexts) await c.close();
	await browser?.close();
	await fx?.platform.stop();
});

/** Signs in, opens the duty page and the period's roster and reports. */
async function openPeriod(username: string): Promise<Page> {
	const { context, page } = await signIn(browser, baseUrl, username);
	contexts.push(context);
	await page.goto(`${baseUrl}/duty`);
	await page.getByRole("button", { name: PERIOD }).click();
	await page.getByRole("heading", { name: "Báo cáo tình hình hằng ngày" }).waitFor();
	return page;
}

it("a province asks two communes for daily reports, one submits its pre-filled report, the province sees the other missing and takes the report into its own", {
	timeout: 120_000,
}, async () => {
	const province = await openPeriod("vanphong.kh");
	const ask = province.getByRole("form", { name: "Yêu cầu các xã báo cáo" });
	await expect.poll(() => ask.getByTestId("commune-request").textContent()).toContain("chưa yêu cầu");
	// Chosen communes, not every one.
	await ask.getByLabel("Tất cả các xã của tỉnh").uncheck();
	await ask.getByLabel("Điểm cầu phường Nha Trang").check();
	await ask.getByLabel("Điểm cầu phường Phan Rang").check();
	await ask.getByRole("button", { name: "Yêu cầu các xã báo cáo" }).click();
	await province.getByRole("status").getByText("Đã gửi yêu cầu các xã báo cáo hằng ngày.").waitFor();
	await expect
		.poll(() => province.getByTestId("commune-request").textContent())
		.toMatch(
			/Điểm cầu phường Nha Trang, Điểm cầu phường Phan Rang|Điểm cầu phường Phan Rang, Điểm cầu phường Nha Trang/,
		);
	await province.screenshot({ path: await artifactPath("duty-commune-request-1366.png"), fullPage: true });

	// The commune sees it was asked, its figures pre-filled from the record, and submits.
	const commune = await openPeriod("canbo.nhatrang");
	await expect
		.poll(() => commune.getByTestId("asked-of-me").textContent())
		.toContain("Ban Tiếp công dân tỉnh Khánh Hòa");
	const report = commune.getByRole("form", { name: "Gửi báo cáo" });
	await expect.poll(() => report.getByTestId("prefill").textContent()).toContain("Lượt tiếp");
	await report.getByLabel("Tình hình, sự việc phát sinh").fill("Tiếp 2 lượt công dân về đất đai, tình hình ổn định.");
	await report.getByRole("button", { name: "Gửi báo cáo" }).click();
	await commune.getByRole("status").getByText("Đã gửi báo cáo.").waitFor();
	await expect
		.poll(() => commune.getByTestId("reports").textContent())
		.toContain("Điểm cầu phường Nha Trang: Lượt tiếp");
	await commune.screenshot({ path: await artifactPath("duty-commune-report-1366.png"), fullPage: true });

	// The province, reloaded: Nha Trang's report is in, Phan Rang is missing, and its own report takes Nha Trang's in.
	await province.reload();
	await province.getByRole("button", { name: PERIOD }).click();
	const missing = province.getByTestId("missing-communes");
	await expect.poll(() => missing.textContent()).toContain("Điểm cầu phường Phan Rang");
	expect(await missing.textContent()).not.toContain("Điểm cầu phường Nha Trang");
	await expect.poll(() => province.getByTestId("reports").textContent()).toContain("tình hình ổn định");
	const own = province.getByRole("form", { name: "Gửi báo cáo" });
	await own.getByRole("button", { name: "Đưa tình hình các xã vào báo cáo" }).click();
	await expect
		.poll(() => own.getByLabel("Tình hình, sự việc phát sinh").inputValue())
		.toContain("- Điểm cầu phường Nha Trang: Lượt tiếp");
	await province.screenshot({ path: await artifactPath("duty-commune-missing-1366.png"), fullPage: true });
});
