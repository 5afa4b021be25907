import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, dayOf } from "../../domain/duty.js";
import { artifactPath } from "./support/browser.js";
import { deskFixture } from "./support/desk.js";

// One platform and one browser for the duty page's corrections, user picker and ad-hoc report.
const desk = deskFixture();
const ep = (code: string) => desk.fx.seed.endpoints[code] ?? "";

async function openDuty(username: string): Promise<Page> {
	const { page } = await desk.as(username);
	await page.goto(`${desk.baseUrl}/duty`);
	await page.getByTestId("roster").waitFor();
	return page;
}

/** The VEVENTs of a user's personal iCal feed. */
async function feedEvents(username: string): Promise<number> {
	const feed = await (await desk.fx.as(username)).request<{ path: string }>("GET", "/duty/feed");
	const ics = await (await fetch(`${desk.baseUrl}${feed.body.path}`)).text();
	return ics.split("BEGIN:VEVENT").length - 1;
}

it("a province starts a commune's roster, puts the commune's officer on it by their account (their iCal feed has the shift), publishes it, swaps and removes people with a reason, and the history says who, why and when", {
	timeout: 120_000,
}, async () => {
	const today = dayOf(new Date());
	const page = await openDuty("vanphong.kh");
	const roster = page.locator("section").filter({ has: page.getByTestId("roster") });
	// Every unit of the province is offered, though the commune has no roster yet; Lâm Đồng's are not.
	const units = roster.getByRole("combobox", { name: /^Đơn vị/ });
	await expect.poll(() => units.locator("option").allTextContents()).toContain("Điểm cầu phường Nha Trang");
	expect(await units.locator("option").allTextContents()).not.toContain("Điểm cầu xã Bảo Lâm 1");
	await units.selectOption(ep("KH-NHATRANG"));

	// The commune's officer is picked from the platform's users of the commune: the name comes with the account.
	const form = page.getByRole("form", { name: "Thêm vào lịch" });
	const picker = form.locator('select[name="userId"]');
	await expect.poll(() => picker.locator("option").allTextContents()).toContain("Bùi Thị Hoa");
	expect(await picker.locator("option").allTextContents()).not.toContain("Phạm Thị Dung");
	await picker.selectOption({ label: "Bùi Thị Hoa" });
	await expect.poll(() => form.getByLabel("Họ và tên", { exact: true }).inputValue()).toBe("Bùi Thị Hoa");
	await form.locator('select[name="day"]').selectOption(today);
	await form.locator('select[name="shift"]').selectOption("night");
	await form.locator('select[name="role"]').selectOption("reception");
	await form.getByLabel("Điện thoại", { exact: true }).fill("0905 246 135");
	await form.getByRole("button", { name: "Thêm vào lịch" }).click();
	const cell = page.getByTestId("roster").locator(`[data-cell="${today}|night"]`);
	await expect.poll(() => cell.textContent()).toContain("Cán bộ tiếp dân: Bùi Thị Hoa");
	const slot = await (await desk.fx.as("vanphong.kh")).request<{
		items: { id: string; person: { userId?: string } }[];
	}>("GET", `/duty/roster?from=${today}&to=${today}&endpoint=${ep("KH-NHATRANG")}`);
	expect(slot.body.items.map((s) => s.person.userId)).toEqual([desk.fx.seed.users["canbo.nhatrang"]]);
	expect(await feedEvents("canbo.nhatrang")).toBe(1);

	// Published, the commune's roster changes only by a correction with its reason.
	await form.getByRole("button", { name: "Ban hành lịch trực" }).click();
	await page.getByRole("status").getByText("Đã ban hành: thay đổi phải ghi lý do.").waitFor();
	await cell.getByRole("button", { name: "Đổi người" }).click();
	const swap = page.getByRole("form", { name: /^Đổi người trực/ });
	await expect.poll(() => swap.getByLabel("Lý do thay đổi").getAttribute("required")).not.toBeNull();
	await swap.getByLabel("Họ và tên", { exact: true }).fill("Trần Văn Bảo");
	await swap.getByLabel("Điện thoại", { exact: true }).fill("0905 864 209");
	await swap.getByLabel("Lý do thay đổi").fill("Chị Hoa nghỉ ốm, anh Bảo trực thay");
	await swap.getByRole("button", { name: "Đổi người" }).click();
	await page.getByRole("status").getByText("Đã đổi người trực.").waitFor();
	await expect.poll(() => cell.textContent()).toContain("Cán bộ tiếp dân: Trần Văn Bảo");
	// The shift left the officer's feed with her.
	expect(await feedEvents("canbo.nhatrang")).toBe(0);

	await cell.getByRole("button", { name: "Lịch sử" }).click();
	const history = page.getByTestId("slot-history").locator("li");
	await expect.poll(() => history.count()).toBe(2);
	const day = today.split("-").reverse().join("/");
	expect(await history.nth(0).textContent()).toMatch(
		/\d\d\/\d\d\/\d{4} \d\d:\d\d · Phạm Thị Dung · Xếp vào lịch · Bùi Thị Hoa \(0905 246 135\)/,
	);
	expect(await history.nth(1).textContent()).toMatch(
		/\d\d\/\d\d\/\d{4} \d\d:\d\d · Phạm Thị Dung · Đính chính · Trần Văn Bảo \(0905 864 209\) — Lý do: Chị Hoa nghỉ ốm, anh Bảo trực thay/,
	);
	expect(await page.getByTestId("slot-action").locator("h4").textContent()).toContain(day);
	await page.screenshot({ path: await artifactPath("duty-slot-history-1366.png"), fullPage: true });

	await cell.getByRole("button", { name: "Bỏ" }).click();
	const remove = page.getByRole("form", { name: /^Bỏ khỏi lịch trực/ });
	await remove.getByLabel("Lý do thay đổi").fill("Ca đêm nay do tỉnh trực thay xã");
	await remove.getByRole("button", { name: "Bỏ" }).click();
	await page.getByRole("status").getByText("Đã bỏ khỏi lịch trực.").waitFor();
	await expect.poll(() => cell.textContent()).not.toContain("Trần Văn Bảo");
	const removed = await (await desk.fx.as("vanphong.kh")).request<{ items: { change: { reason?: string } }[] }>(
		"GET",
		`/duty/slots/${slot.body.items[0]?.id}/history`,
	);
	expect(removed.body.items.map((r) => r.change.reason ?? null)).toEqual([
		null,
		"Chị Hoa nghỉ ốm, anh Bảo trực thay",
		"Ca đêm nay do tỉnh trực thay xã",
	]);
});

it("a province sends an ad-hoc report on one event from the daily reports section", { timeout: 120_000 }, async () => {
	const period = "Kỳ họp bất thường tháng 12";
	const declared = await (await desk.fx.as("vanphong.kh")).request("POST", "/duty/periods", {
		name: period,
		kind: "extraordinary-session",
		from: addDays(dayOf(new Date()), -1),
		to: addDays(dayOf(new Date()), 1),
		endpointId: ep("KH"),
	});
	expect(declared.status).toBe(201);
	const page = await openDuty("vanphong.kh");
	await page.getByRole("button", { name: period }).click();
	const adHoc = page.getByRole("form", { name: "Báo cáo đột xuất" });
	await adHoc.getByLabel("Sự việc").fill("Đoàn đông người tại trụ sở tiếp dân");
	await adHoc.getByLabel("Nội dung báo cáo").fill("Khoảng 30 người về bồi thường đất; đã tiếp, tình hình ổn định.");
	await adHoc.getByRole("button", { name: "Gửi báo cáo đột xuất" }).click();
	await page.getByRole("status").getByText("Đã gửi báo cáo đột xuất.").waitFor();
	await expect
		.poll(() => page.getByTestId("reports").locator('li[data-kind="ad-hoc"]').textContent())
		.toBe(
			"Ban Tiếp công dân tỉnh Khánh Hòa · Báo cáo đột xuất: Đoàn đông người tại trụ sở tiếp dân: Khoảng 30 người về bồi thường đất; đã tiếp, tình hình ổn định.",
		);
	await page.screenshot({ path: await artifactPath("duty-ad-hoc-1366.png"), fullPage: true });
});
