import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays, DEFAULT_SHIFT_SETTINGS, dayOf, SHIFTS, type Shift, shiftInterval } from "../../domain/duty.js";
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
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const c of contexts) await c.close();
	await browser?.close();
	await fx?.platform.stop();
});

/** The day and shift covering this moment, whatever the hour the test runs at. */
function shiftNow(): { day: string; shift: Shift } {
	const now = new Date();
	for (const day of [addDays(dayOf(now), -1), dayOf(now)])
		for (const shift of SHIFTS) {
			const { start, end } = shiftInterval(day, shift, DEFAULT_SHIFT_SETTINGS);
			if (start <= now && now < end) return { day, shift };
		}
	throw new Error("no shift covers now");
}

const ROLE_LABELS: Record<string, string> = {
	leader: "Lãnh đạo trực",
	reception: "Cán bộ tiếp dân",
	it: "Cán bộ CNTT",
};

/** Adds one person through the form under the grid, then waits for the grid's cell to show them. */
async function addSlot(page: Page, day: string, shift: Shift, role: string, name: string, phone: string) {
	const form = page.getByRole("form", { name: "Thêm vào lịch" });
	// A select's accessible name includes its chosen option, so the selects are found by field name.
	await form.locator('select[name="day"]').selectOption(day);
	await form.locator('select[name="shift"]').selectOption(shift);
	await form.locator('select[name="role"]').selectOption(role);
	await form.getByLabel("Họ và tên", { exact: true }).fill(name);
	await form.getByLabel("Điện thoại", { exact: true }).fill(phone);
	await form.getByRole("button", { name: "Thêm vào lịch" }).click();
	const cell = page.getByTestId("roster").locator(`[data-cell="${day}|${shift}"]`);
	await expect.poll(() => cell.textContent()).toContain(`${ROLE_LABELS[role]}: ${name}`);
}

it("a province declares Tết Nguyên đán, fills the roster on the grid, sees the night IT gap close, and the central office sees who is on duty now", {
	timeout: 120_000,
}, async () => {
	const today = dayOf(new Date());
	const { context, page } = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(context);
	await page.getByRole("button", { name: "Lịch trực" }).click();
	await page.getByTestId("duty").waitFor();

	const declare = page.getByRole("form", { name: "Công bố đợt cao điểm" });
	await declare.getByLabel("Tên đợt").fill("Tết Nguyên đán Bính Ngọ");
	await declare.getByLabel("Loại đợt").selectOption("tet-nguyen-dan");
	// Typed as officials write days: dd/mm/yyyy.
	const typed = (day: string) => day.split("-").reverse().join("/");
	await declare.getByLabel("Từ ngày").fill(typed(addDays(today, -1)));
	await declare.getByLabel("Đến ngày").fill(typed(today));
	await declare.getByRole("button", { name: "Công bố đợt cao điểm" }).click();
	await page.getByTestId("roster").waitFor();
	await page.screenshot({ path: await artifactPath("duty-roster-1366.png"), fullPage: true });

	// The night of the last day gets a leader and a reception officer, but no IT officer.
	await addSlot(page, today, "night", "leader", "Lê Văn Cường", "0905 333 444");
	await addSlot(page, today, "night", "reception", "Phạm Thị Dung", "0905 555 666");
	const nightGap = page.getByTestId("gaps").locator("li").filter({ hasText: "Trực đêm: thiếu Cán bộ CNTT" });
	await expect
		.poll(() => nightGap.allTextContents())
		.toEqual([expect.stringContaining(`Ban Tiếp công dân tỉnh Khánh Hòa · ${today.split("-").reverse().join("/")}`)]);
	await page.screenshot({ path: await artifactPath("duty-gap-1366.png"), fullPage: true });

	await addSlot(page, today, "night", "it", "Hoàng Văn Em", "0905 111 222");
	await expect.poll(() => nightGap.count()).toBe(0);

	// Whoever the shift covering this moment is, it now has a leader on duty.
	const now = shiftNow();
	if (!(now.day === today && now.shift === "night")) {
		await addSlot(page, now.day, now.shift, "leader", "Nguyễn Thị Trực", "0905 777 888");
	}
	const leader = now.day === today && now.shift === "night" ? "Lê Văn Cường" : "Nguyễn Thị Trực";

	const central = await signIn(browser, baseUrl, "trunguong");
	contexts.push(central.context);
	await central.page.getByRole("button", { name: "Lịch trực" }).click();
	const row = central.page.getByTestId("duty-now").locator(`tr[data-endpoint="${fx.seed.endpoints.KH}"]`);
	await expect.poll(() => row.textContent()).toContain(`Lãnh đạo trực: ${leader}`);
	await central.page.screenshot({ path: await artifactPath("duty-now-central-1366.png"), fullPage: true });
});

it("a province sets its own shifts on the duty page, and a person on duty finds their iCal feed there", {
	timeout: 120_000,
}, async () => {
	const { context, page } = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(context);
	await page.goto(`${baseUrl}/duty`);
	const settings = page.getByRole("form", { name: "Ca trực của đơn vị" });
	const afterHoursEnd = settings.getByLabel("Ngoài giờ — Kết thúc");
	await expect.poll(() => afterHoursEnd.inputValue()).toBe("22:00");
	await afterHoursEnd.fill("21:00");
	await settings.getByLabel("Trực đêm — Bắt đầu").fill("21:00");
	await settings
		.getByRole("row", { name: /Trực đêm/ })
		.getByLabel("Liên lạc công an")
		.last()
		.check();
	await settings.getByRole("button", { name: "Lưu giờ ca trực" }).click();
	await page.getByRole("status").getByText("Đã lưu giờ ca trực của đơn vị.").waitFor();
	const saved = await (await fx.as("chutich.kh")).request<{
		source: string;
		hours: { night: { start: string } };
		requiredInPeak: { night: string[] };
	}>("GET", `/duty/settings/${fx.seed.endpoints["KH-NHATRANG"]}`);
	expect(saved.body).toMatchObject({ source: fx.seed.endpoints.KH, hours: { night: { start: "21:00" } } });
	expect(saved.body.requiredInPeak.night).toContain("security");
	await page.screenshot({ path: await artifactPath("duty-shift-settings-1366.png"), fullPage: true });

	await page.getByRole("button", { name: "Lịch trực của tôi (iCal)" }).click();
	const feed = await page.getByTestId("duty-feed").getAttribute("href");
	const ics = await fetch(`${baseUrl}${feed}`);
	expect(ics.status).toBe(200);
	expect(await ics.text()).toContain("BEGIN:VCALENDAR");
});

it("a province puts an agency's duty officer on this week's ordinary roster on the grid, and the central office sees who is on duty there now", {
	timeout: 120_000,
}, async () => {
	const agency = await (await fx.as("vanphong.kh")).request<{ id: string }>("POST", "/agencies", {
		name: "Thanh tra tỉnh Khánh Hòa",
		kind: "department",
		provinceId: fx.seed.endpoints.KH,
	});
	expect(agency.status).toBe(201);
	const { context, page } = await signIn(browser, baseUrl, "vanphong.kh");
	contexts.push(context);
	await page.goto(`${baseUrl}/duty`);
	// Without a period chosen the grid shows this week's ordinary after-hours duty (Monday to Sunday);
	// a night shift begun yesterday may belong to last week.
	await page.getByRole("heading", { name: /Lịch trực ngoài giờ ngày thường/ }).waitFor();
	const now = shiftNow();
	const today = dayOf(new Date());
	const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
	if (now.day < monday) await page.getByRole("button", { name: "Tuần trước" }).click();
	const form = page.getByRole("form", { name: "Thêm vào lịch" });
	// The agency is picked from the register's agencies of the unit (the pick-list), not typed.
	await form.locator('select[name="agencyId"]').selectOption({ label: "Thanh tra tỉnh Khánh Hòa" });
	await addSlot(page, now.day, now.shift, "leader", "Trịnh Văn Thanh", "0917 246 810");
	const cell = page.getByTestId("roster").locator(`[data-cell="${now.day}|${now.shift}"]`);
	await expect.poll(() => cell.textContent()).toContain("Thanh tra tỉnh Khánh Hòa · Lãnh đạo trực: Trịnh Văn Thanh");
	await page.screenshot({ path: await artifactPath("duty-ordinary-agency-1366.png"), fullPage: true });

	const central = await signIn(browser, baseUrl, "trunguong");
	contexts.push(central.context);
	await central.page.getByRole("button", { name: "Lịch trực" }).click();
	const row = central.page.getByTestId("duty-now").locator(`tr[data-endpoint="${fx.seed.endpoints.KH}"]`);
	await expect
		.poll(() => row.textContent())
		.toContain("Thanh tra tỉnh Khánh Hòa · Lãnh đạo trực: Trịnh Văn Thanh (0917 246 810)");
	await central.page.screenshot({ path: await artifactPath("duty-now-agency-central-1366.png"), fullPage: true });
});
