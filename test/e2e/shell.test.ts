import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { startPlatform } from "../support/platform.js";
import { artifactPath, launchBrowser } from "./support/browser.js";

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
	platform = await startPlatform();
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await platform?.stop();
});

it("serves the app in Vietnamese first, switchable to English, with a labelled sign-in form", async () => {
	const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
	await page.goto(`http://127.0.0.1:${platform.port}/sessions/upcoming`);
	await expect.poll(() => page.title()).toBe("Tiếp công dân trực tuyến");
	const headers = (await fetch(`http://127.0.0.1:${platform.port}/`)).headers;
	expect(headers.get("content-security-policy")).toContain("script-src 'self'");
	expect(headers.get("x-content-type-options")).toBe("nosniff");
	await page.getByLabel("Tên đăng nhập").fill("demo");
	await page.getByLabel("Mật khẩu").fill("demo");
	await page.screenshot({ path: await artifactPath("sign-in-vi.png") });

	await page.getByRole("button", { name: "English" }).click();
	await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Online citizen reception");
	await expect.poll(() => page.getByLabel("Password").count()).toBe(1);
	await page.close();
});
