import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { seedDemo } from "../../server/records/demoTopology.js";
import { startPlatform } from "../support/platform.js";
import { signIn } from "./support/app.js";
import { artifactPath, launchBrowser } from "./support/browser.js";

let platform: Platform;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	platform = await startPlatform({ ALERT_CHECK_EVERY_MS: "300" });
	baseUrl = `http://127.0.0.1:${platform.port}`;
	const demo = await seedDemo(platform.records, 4);
	// A session in ten minutes whose Phan Rang endpoint nobody has signed in to.
	await platform.records.sessions.create(
		{
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title: "Đối thoại vụ việc đông người phường Phan Rang",
			plannedStart: new Date(Date.now() + 10 * 60_000),
			plannedEnd: new Date(Date.now() + 70 * 60_000),
			hostEndpointId: demo.endpoints.KH,
			chairUserId: demo.users["chutich.kh"],
			participantEndpointIds: [demo.endpoints["KH-PHANRANG"]],
			status: "scheduled",
			scopeEndpointIds: [demo.endpoints.KH, demo.endpoints["KH-PHANRANG"]],
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

it("shows IT staff the endpoint tree by presence, and an endpoint's connectivity check in the browser", {
	timeout: 120_000,
}, async () => {
	const itStaff = await signIn(browser, baseUrl, "cntt.kh");
	contexts.push(itStaff.context);
	await itStaff.page.getByRole("button", { name: "Giám sát kỹ thuật" }).click();
	const tree = itStaff.page.getByTestId("it-dashboard");
	const alert = tree.getByTestId("alerts").locator("li", { hasText: "Điểm cầu phường Phan Rang đang mất kết nối" });
	await alert.getByText(/phiên "Đối thoại vụ việc đông người phường Phan Rang" bắt đầu lúc/).waitFor();
	// Taken in hand by name: the button gives way to who did it.
	await alert.getByRole("button", { name: "Tiếp nhận" }).click();
	await alert.getByText(/đã tiếp nhận lúc/).waitFor();
	expect(await alert.getByRole("button", { name: "Tiếp nhận" }).count()).toBe(0);
	const nhaTrang = tree.locator("li", { hasText: "Điểm cầu phường Nha Trang" }).last();
	await nhaTrang.getByText("mất kết nối").waitFor();

	// The endpoint's operator signs in: its presence turns online on the IT page without a reload.
	const operator = await signIn(browser, baseUrl, "canbo.nhatrang");
	contexts.push(operator.context);
	await nhaTrang.getByText("trực tuyến").waitFor();
	await itStaff.page.screenshot({ path: await artifactPath("it-dashboard.png"), fullPage: true });

	// The operator runs the connectivity check in the real browser: every configured step passes.
	await operator.page.getByRole("button", { name: "Kiểm tra kết nối" }).click();
	await operator.page.getByRole("button", { name: "Bắt đầu kiểm tra" }).click();
	await operator.page.getByText("Kết nối đạt yêu cầu.").waitFor({ timeout: 60_000 });
	const steps = await operator.page.getByTestId("check").locator("li").allTextContents();
	expect(steps).toHaveLength(5);
	expect(steps.filter((s) => s.includes("không đạt"))).toEqual([]);
	await operator.page.screenshot({ path: await artifactPath("connectivity-check.png") });

	const stored = await platform.monitoring.checks.latest(await endpointIdOf("KH-NHATRANG"));
	expect(stored).toMatchObject({ passed: true });
});

async function endpointIdOf(code: string): Promise<string> {
	const [endpoint] = await platform.records.endpoints.find({ code });
	return endpoint?.entityId ?? "";
}
