import { expect, it } from "vitest";
import { addDays, dayOf } from "../../domain/duty.js";
import { eventually } from "../support/platform.js";
import { sampleCase } from "../support/records.js";
import { requestSession } from "../support/sessionRequest.js";
import { artifactPath } from "./support/browser.js";
import { deskFixture } from "./support/desk.js";

const desk = deskFixture({ env: { DUTY_SWEEP_EVERY_MS: "200" } });
const ep = (code: string) => desk.fx.seed.endpoints[code] ?? "";
const typed = (day: string) => day.split("-").reverse().join("/");

it("a province declares a peak period; the register and the session archive filtered by it list what was made in it, with its badge, and not what was not", {
	timeout: 120_000,
}, async () => {
	const today = dayOf(new Date());
	const commune = await desk.fx.as("canbo.nhatrang");
	const inside = await commune.request<{ id: string }>(
		"POST",
		"/cases",
		sampleCase(ep("KH-NHATRANG"), { summary: "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất dịp Tết." }),
	);
	expect(inside.status, JSON.stringify(inside.body)).toBe(201);
	const secretariat = await desk.fx.as("vanphong.kh");
	const outside = await secretariat.request<{ id: string }>(
		"POST",
		"/cases",
		sampleCase(ep("KH"), { receivedAt: new Date(`${addDays(today, -20)}T09:00:00+07:00`).toISOString() }),
	);
	expect(outside.status, JSON.stringify(outside.body)).toBe(201);
	const planned = new Date(Date.now() - 60 * 60_000);
	await desk.fx.platform.records.sessions.create(
		{
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title: "Tiếp công dân trong dịp Tết",
			plannedStart: planned,
			plannedEnd: new Date(planned.getTime() + 30 * 60_000),
			hostEndpointId: ep("KH"),
			chairUserId: desk.fx.seed.users["chutich.kh"],
			participantEndpointIds: [ep("KH-NHATRANG")],
			status: "ended",
			scopeEndpointIds: [ep("KH"), ep("KH-NHATRANG")],
		},
		{ userId: desk.fx.seed.users["vanphong.kh"] ?? "", origin: "test" },
	);

	// Khánh Hòa declares its Tết on the duty page, around today.
	const { page } = await desk.as("vanphong.kh");
	await page.getByRole("button", { name: "Lịch trực" }).click();
	const declare = page.getByRole("form", { name: "Công bố đợt cao điểm" });
	await declare.getByLabel("Tên đợt").fill("Tết Nguyên đán Bính Ngọ");
	await declare.getByLabel("Loại đợt").selectOption("tet-nguyen-dan");
	await declare.getByLabel("Từ ngày").fill(typed(addDays(today, -1)));
	await declare.getByLabel("Đến ngày").fill(typed(addDays(today, 1)));
	await declare.getByRole("button", { name: "Công bố đợt cao điểm" }).click();
	await page.getByTestId("roster").waitFor();

	// The register, filtered by the period: the case received in it, with its badge; not the one before it.
	await page.goto(`${desk.baseUrl}/register`);
	const search = page.getByRole("form", { name: "Tìm trong sổ" });
	const period = search.getByLabel("Đợt cao điểm");
	const periodLabel = `Tết Nguyên đán Bính Ngọ (${typed(addDays(today, -1))} – ${typed(addDays(today, 1))})`;
	await period.selectOption({ label: periodLabel });
	await search.getByRole("button", { name: "Tìm" }).click();
	const results = page.getByTestId("register-results");
	const row = (caseId: string) => results.locator(`tr:has(a[href="/register/${caseId}"])`);
	// Not the unfiltered list (both) nor one still loading (neither).
	await expect
		.poll(async () => [await row(inside.body.id).count(), await row(outside.body.id).count()])
		.toEqual([1, 0]);
	expect(await row(inside.body.id).getByTestId("peak-period-badge").textContent()).toBe("Tết Nguyên đán Bính Ngọ");
	await page.screenshot({ path: await artifactPath("register-peak-period-1366.png"), fullPage: true });
	// Unfiltered, the case before the period is listed again, without a badge.
	await period.selectOption("");
	await search.getByRole("button", { name: "Tìm" }).click();
	await expect.poll(() => row(outside.body.id).count()).toBe(1);
	expect(await row(outside.body.id).getByTestId("peak-period-badge").count()).toBe(0);

	// The session archive offers the same choice.
	await page.goto(`${desk.baseUrl}/archive`);
	const archive = page.getByTestId("archive");
	await archive.getByLabel("Đợt cao điểm").selectOption({ label: periodLabel });
	await archive.getByRole("button", { name: "Tìm" }).click();
	const sessions = page.getByTestId("archive-results");
	const sessionRow = sessions.locator("tr").filter({ hasText: "Tiếp công dân trong dịp Tết" });
	// Listed, and every session listed belongs to the period.
	await expect
		.poll(async () => [
			await sessionRow.count(),
			(await sessions.locator("tbody tr").count()) - (await sessions.getByTestId("peak-period-badge").count()),
		])
		.toEqual([1, 0]);
	expect(await sessionRow.getByTestId("peak-period-badge").textContent()).toBe("Tết Nguyên đán Bính Ngọ");
});

it("an endpoint operator on duty finds the alert sent to them on the page they land on, and takes it in hand", {
	timeout: 120_000,
}, async () => {
	// Tonight at 23:00 in Vietnam on the platform's clock: Nha Trang's operator is the reception officer on duty.
	const today = dayOf(new Date());
	desk.fx.platform.clock.offsetMs = new Date(`${today}T23:00:00+07:00`).getTime() - Date.now();
	const secretariat = await desk.fx.as("vanphong.kh");
	const slot = await secretariat.request("POST", "/duty/slots", {
		endpointId: ep("KH-NHATRANG"),
		day: today,
		shift: "night",
		role: "reception",
		person: { userId: desk.fx.seed.users["canbo.nhatrang"], name: "Trần Thị Thu", phone: "0905 777 888" },
	});
	expect(slot.status, JSON.stringify(slot.body)).toBe(201);
	const sessionId = await requestSession(desk.fx, "KH-NHATRANG", {
		title: "Đối thoại khẩn với công dân phường Nha Trang",
		reason: "Công dân tập trung đông tại Trụ sở Trung ương",
		inMinutes: 30,
		minutes: 60,
	});
	await eventually(async () => {
		const [alert] = await desk.fx.platform.alerts.list({ endpointIds: null, sessionId, limit: 5 });
		return alert && (await desk.fx.platform.dispatcher.addressees(alert.id)).length > 0 ? alert : undefined;
	});

	const { page } = await desk.as("canbo.nhatrang");
	const mine = page.getByTestId("alerts-to-me");
	await expect.poll(() => mine.textContent()).toContain("Đối thoại khẩn với công dân phường Nha Trang");
	await page.screenshot({ path: await artifactPath("operator-home-alert-1366.png"), fullPage: true });
	await mine.getByRole("button", { name: "Tiếp nhận" }).click();
	await expect.poll(() => mine.getByTestId("alert-acknowledged").textContent()).toContain("đã tiếp nhận lúc");
	// Another commune's operator lands on a page without it.
	const other = await desk.as("canbo.phanrang");
	const theirs = other.page.getByTestId("alerts-to-me");
	await expect.poll(() => theirs.textContent()).toContain("Không có cảnh báo nào gửi tới bạn khi trực.");
});
