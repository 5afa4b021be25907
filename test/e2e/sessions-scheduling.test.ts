import { expect, it } from "vitest";
import { seedDemoRegister } from "../../server/register/demoRegister.js";
import { noLocaleDateInputs, shootBoth } from "./support/app.js";
import { deskFixture } from "./support/desk.js";

const desk = deskFixture({ seed: (fx) => seedDemoRegister(fx.platform.records, fx.seed) });

/** The VEVENTs of an iCalendar text (RFC 5545: unfold continuation lines, then read properties). */
function parseIcs(text: string): { uid: string; start: Date; summary: string }[] {
	const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
	expect(lines[0]).toBe("BEGIN:VCALENDAR");
	const events: { uid: string; start: Date; summary: string }[] = [];
	let current: Record<string, string> | null = null;
	for (const line of lines) {
		if (line === "BEGIN:VEVENT") current = {};
		else if (line === "END:VEVENT" && current) {
			const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(current.DTSTART ?? "");
			expect(m, `DTSTART ${current.DTSTART}`).not.toBeNull();
			const [, y, mo, d, h, mi, s] = (m ?? []).map(Number) as number[];
			events.push({
				uid: current.UID ?? "",
				start: new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s)),
				summary: (current.SUMMARY ?? "").replace(/\\,/g, ",").replace(/\\;/g, ";"),
			});
			current = null;
		} else if (current) {
			const colon = line.indexOf(":");
			const name = line.slice(0, colon).split(";")[0] ?? "";
			current[name] = line.slice(colon + 1);
		}
	}
	return events;
}

it("the secretariat schedules a monthly reception for the chair with two communes and an agency; the calendar shows the next three and its iCal feed parses", {
	timeout: 120_000,
}, async () => {
	// An office computer set to English: the app's fields still read dd/mm/yyyy and 24-hour times.
	const { page } = await desk.as("vanphong.kh", "en-US");
	await page.getByRole("button", { name: "Lên lịch phiên tiếp" }).click();
	const form = page.getByTestId("schedule-form");
	await form.waitFor();

	// Three weeks ahead, on Vietnam's calendar, 08:00–11:00.
	const first = new Date(Date.now() + 21 * 24 * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 10);
	const title = "Tiếp công dân định kỳ hằng tháng của Chủ tịch UBND tỉnh";
	await form.getByLabel("Loại phiên").selectOption("periodic");
	await form.getByLabel("Tiêu đề").fill(title);
	const [d, m, y] = first.split("-").reverse();
	expect(await form.getByLabel("Từ giờ").inputValue()).toBe("08:00");
	await form.getByLabel("Ngày").fill(`${d}/${m}/${y}`);
	await form.getByLabel("Từ giờ").fill("08:00");
	await form.getByLabel("Đến giờ").fill("11:00");
	await form.locator('select[name="chair"]').selectOption({ label: "Lê Văn Cường — Chủ tịch UBND tỉnh Khánh Hòa" });
	await form.getByRole("checkbox", { name: "Điểm cầu phường Nha Trang" }).check();
	await form.getByRole("checkbox", { name: "Điểm cầu phường Phan Rang" }).check();
	// One agency from the register, one typed in.
	await form.getByRole("checkbox", { name: "Sở Xây dựng tỉnh Khánh Hòa" }).check();
	await form.getByLabel("Cơ quan khác được mời (mỗi dòng một cơ quan)").fill("Sở Tài chính");
	await form.getByLabel("Lặp lại").selectOption("monthly");
	await form.getByLabel("Số phiên").fill("6");
	expect(await form.getByLabel("Hoặc đến ngày").getAttribute("placeholder")).toBe("dd/mm/yyyy");
	expect(await noLocaleDateInputs(page)).toEqual([]);
	// Refused first (it would end before it starts), then corrected: the corrected form is a new request.
	await form.getByLabel("Đến giờ").fill("07:00");
	await form.getByRole("button", { name: "Lưu lịch" }).click();
	await form.getByRole("alert").waitFor();
	await form.getByLabel("Đến giờ").fill("11:00");
	await form.getByRole("button", { name: "Lưu lịch" }).click();

	// The province's calendar: the next three of the plan, a month apart, at 08:00.
	await page.waitForURL(/\/calendar\/KH$/);
	const calendar = page.getByTestId("calendar-entries");
	await calendar.getByText(title).first().waitFor();
	const entries = calendar.locator("li").filter({ hasText: title });
	expect(await entries.count()).toBe(6);
	const texts = await entries.evaluateAll((els) => els.slice(0, 3).map((e) => e.textContent ?? ""));
	expect(texts[0]).toContain(`${d}/${m}/${y}, 08:00–11:00`);
	for (const text of texts) {
		expect(text).toContain("Lê Văn Cường, Chủ tịch UBND tỉnh Khánh Hòa");
		expect(text).toContain("Điểm cầu phường Nha Trang, Điểm cầu phường Phan Rang");
	}
	const months = texts.map((t) => /\d{2}\/(\d{2})\/\d{4}/.exec(t)?.[1]);
	expect(new Set(months).size).toBe(3);
	await shootBoth(page, "sessions-calendar");

	// The iCal feed the page links to parses, and holds the same three next.
	const href = await page.getByTestId("ical-link").getAttribute("href");
	const ics = await fetch(`${desk.baseUrl}${href}`);
	expect(ics.headers.get("content-type")).toContain("text/calendar");
	const events = parseIcs(await ics.text()).filter((e) => e.summary === title);
	expect(events).toHaveLength(6);
	const starts = events.map((e) => e.start).sort((a, b) => a.getTime() - b.getTime());
	expect(starts[0]?.toISOString()).toBe(new Date(`${first}T08:00:00+07:00`).toISOString());
	for (const start of starts.slice(0, 3)) expect(start.getUTCHours()).toBe(1);

	// A planned session carries its invited agency and endpoints.
	await entries.first().getByRole("link", { name: title }).click();
	await page.getByTestId("session-detail").waitFor();
	await expect
		.poll(() => page.getByTestId("session-plan").textContent())
		.toContain("Sở Xây dựng tỉnh Khánh Hòa, Sở Tài chính");
	expect(await page.getByTestId("session-detail").textContent()).toContain("Điểm cầu phường Phan Rang");
});
