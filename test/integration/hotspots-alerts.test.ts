import { afterAll, beforeAll, expect, it } from "vitest";
import type { Alert } from "../../domain/alerts.js";
import { HOTSPOT_ALERT_KINDS } from "../../domain/hotspots.js";
import { enterCase, groupBody, watchBody } from "../support/hotspots.js";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

const DAY = 24 * 60 * 60 * 1000;
/** The platform's clock: only this test moves it. */
let now = Date.now();
const at = (days: number) => new Date(now + days * DAY).toISOString();

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture({ HOTSPOT_CHECK_EVERY_MS: "200" }, { now: () => new Date(now) });
});
afterAll(async () => {
	await fx?.platform.stop();
});

const ok = async <T = Record<string, unknown>>(who: string, method: string, path: string, body?: unknown) => {
	const res = await (await fx.as(who)).request<T>(method, path, body);
	expect(res.status, `${who} ${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
	return res.body;
};
const hotspotAlerts = async (who: string, state = "open") =>
	(await ok<{ items: Alert[] }>(who, "GET", `/alerts?state=${state}`)).items.filter((a) =>
		(HOTSPOT_ALERT_KINDS as readonly string[]).includes(a.kind),
	);
const itemsOf = (alerts: Alert[], kind: string) =>
	(alerts.find((a) => a.kind === kind)?.facts as { items: Record<string, unknown>[] } | undefined)?.items ?? [];

it("raises each alert by the clock alone, not when its condition is met in time, and clears it when it ends", {
	timeout: 120_000,
}, async () => {
	const ldCitizen = (name: string) => ({
		citizens: [{ fullName: name, address: "Lâm Đồng", idNumber: "068190004321", isRepresentative: true }],
	});
	// Khánh Hòa lets every condition happen; Lâm Đồng meets each in time.
	const [khLate, khCritical, khGroupCase] = [
		await enterCase(fx, "vanphong.kh", "KH"),
		await enterCase(fx, "vanphong.kh", "KH"),
		await enterCase(fx, "vanphong.kh", "KH"),
	];
	const [ldReviewed, ldCritical] = [
		await enterCase(fx, "vanphong.ld", "LD", ldCitizen("Lê Văn Một")),
		await enterCase(fx, "vanphong.ld", "LD", ldCitizen("Lê Văn Hai")),
	];
	const review = { risk: { level: "high", reasons: ["Đông người"] }, nextReviewAt: at(1) };
	const critical = { expectedFrom: at(5), expectedTo: at(6), nextReviewAt: at(10) };
	const late = await ok<{ id: string }>("vanphong.kh", "POST", "/hotspots/watches", watchBody(khLate, review));
	await ok("vanphong.kh", "POST", "/hotspots/watches", watchBody(khCritical, critical));
	const reviewed = await ok<{ id: string }>("vanphong.ld", "POST", "/hotspots/watches", watchBody(ldReviewed, review));
	const ldWatch = await ok<{ id: string }>("vanphong.ld", "POST", "/hotspots/watches", watchBody(ldCritical, critical));
	const khGroup = await ok<{ id: string }>(
		"vanphong.kh",
		"POST",
		"/hotspots/groups",
		groupBody(fx.seed.endpoints.KH ?? "", [khGroupCase], { received: 10, persuaded: 6, returnDeadline: at(1) }),
	);
	const ldGroup = await ok<{ id: string }>(
		"vanphong.ld",
		"POST",
		"/hotspots/groups",
		groupBody(fx.seed.endpoints.LD ?? "", [ldReviewed], { received: 8, persuaded: 8, returnDeadline: at(1) }),
	);

	// In time, Lâm Đồng reviews its case, asks the central office for a dialogue on the critical one
	// (the central office schedules it), and brings every citizen home.
	await ok("vanphong.ld", "PATCH", `/hotspots/watches/${reviewed.id}`, { changes: { nextReviewAt: at(7) } });
	await ok("trunguong", "POST", `/hotspots/watches/${ldWatch.id}/dialogue`, {
		plannedStart: at(3),
		reason: "Nguy cơ rất cao, cần đối thoại trước khi đoàn đi",
	});
	await ok("vanphong.ld", "PATCH", `/hotspots/groups/${ldGroup.id}`, {
		changes: { returns: [{ count: 8, at: at(0) }] },
	});
	await fx.platform.hotspots.monitor.check();
	expect(await hotspotAlerts("vanphong.kh")).toEqual([]);

	// Two and a half days pass; nobody does anything more.
	now += 2.5 * DAY;
	const raised = await eventually(async () => {
		const open = await hotspotAlerts("vanphong.kh");
		return open.length === 3 ? open : undefined;
	});
	expect(raised.every((a) => a.endpointId === fx.seed.endpoints.KH)).toBe(true);
	expect(itemsOf(raised, "watch-review-overdue").map((i) => i.watchId)).toEqual([late.id]);
	expect(itemsOf(raised, "critical-unprepared").map((i) => i.caseId)).toEqual([khCritical]);
	expect(itemsOf(raised, "group-past-deadline")).toEqual([
		expect.objectContaining({ groupId: khGroup.id, decisionNumber: "1534/QĐ-UBND", notReturned: 10 }),
	]);
	expect(raised.find((a) => a.kind === "critical-unprepared")?.severity).toBe("critical");
	// The same pass judged Lâm Đồng: nothing, since every condition was met in time.
	expect(await hotspotAlerts("vanphong.ld")).toEqual([]);
	// The central office sees the province's alerts; another province does not.
	expect((await hotspotAlerts("trunguong")).length).toBe(3);

	// Khánh Hòa's group brings everyone home: that alert clears with its condition.
	await ok("vanphong.kh", "PATCH", `/hotspots/groups/${khGroup.id}`, {
		changes: { returns: [{ count: 10, at: at(0) }] },
	});
	await eventually(async () => {
		const open = await hotspotAlerts("vanphong.kh");
		return open.length === 2 && !open.some((a) => a.kind === "group-past-deadline") ? open : undefined;
	});
	const all = await hotspotAlerts("vanphong.kh", "all");
	expect(all.find((a) => a.kind === "group-past-deadline")?.cleared).toMatchObject({ reason: "condition-ended" });
});
