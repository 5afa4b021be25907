import { afterAll, beforeAll, expect, it } from "vitest";
import type { FormResult } from "../../server/reports/FormStatistics.js";
import { EXPECTED, seedKnownRegister, sum } from "../support/knownRegister.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
let cases: Record<string, string>;
beforeAll(async () => {
	fx = await startRecordsFixture({ NATIONAL_DB_MODE: "off" });
	cases = await seedKnownRegister(fx);
});
afterAll(async () => {
	await fx?.platform.stop();
});

const Q1 = "kind=quarter&year=2026&index=1";

it("fills every cell of the quarterly form for a province as counted by hand", async () => {
	const chair = await fx.as("chutich.kh");
	const res = await chair.request<FormResult>("GET", `/reports/form?${Q1}`);
	expect(res.status).toBe(200);
	const form = res.body;
	expect(form.period).toMatchObject({ firstDay: "2025-12-15", lastDay: "2026-03-14", labelVi: "Quý I/2026" });
	const ids = fx.seed.endpoints;
	expect(form.rows.map((r) => r.unitId)).toEqual([ids.KH, ids["KH-NHATRANG"], ids["KH-PHANRANG"]]);
	expect(form.rows.map((r) => r.values)).toEqual([EXPECTED.KH, EXPECTED["KH-NHATRANG"], EXPECTED["KH-PHANRANG"]]);
	expect(form.total).toEqual(sum(EXPECTED.KH, EXPECTED["KH-NHATRANG"], EXPECTED["KH-PHANRANG"]));
	expect(form.trend).toEqual({
		months: ["2025-12", "2026-01", "2026-02", "2026-03"],
		visits: [1, 2, 2, 1],
		people: [1, 9, 3, 1],
	});
});

it("fills the national total for the central office, one row per province", async () => {
	const central = await fx.as("trunguong");
	const form = (await central.request<FormResult>("GET", `/reports/form?${Q1}`)).body;
	const ids = fx.seed.endpoints;
	expect(form.rows.map((r) => r.unitId)).toEqual([ids.TW, ids.KH, ids.LD]);
	const kh = sum(EXPECTED.KH, EXPECTED["KH-NHATRANG"], EXPECTED["KH-PHANRANG"]);
	expect(form.rows.map((r) => r.values)).toEqual([sum(), kh, EXPECTED.LD]);
	expect(form.total).toEqual(sum(kh, EXPECTED.LD));
});

it("opens the cases behind a figure", async () => {
	const secretariat = await fx.as("vanphong.kh");
	const repeat = await secretariat.request<{ total: number; items: { id: string }[] }>(
		"GET",
		`/reports/form/cases?${Q1}&cell=regular.matters-repeat`,
	);
	expect(repeat.body.items.map((c) => c.id)).toEqual([cases.A2]);
	const people = await secretariat.request<{ total: number; items: { id: string; counted: number }[] }>(
		"GET",
		`/reports/form/cases?${Q1}&cell=regular.people&unit=${fx.seed.endpoints["KH-PHANRANG"]}`,
	);
	expect(people.body).toMatchObject({
		total: 9,
		items: [
			{ id: cases.F, counted: 1 },
			{ id: cases.B, counted: 8 },
		],
	});
});

it("counts by the calendar when the cut-off day is 1, and any custom range", async () => {
	const chair = await fx.as("chutich.kh");
	const custom = (await chair.request<FormResult>("GET", "/reports/form?kind=custom&from=2026-03-15&to=2026-03-31"))
		.body;
	expect(custom.total[0]).toBe(1); // E, received on 15/03 in Vietnam: the next quarter's under the cut-off
	expect(custom.period.labelVi).toBe("Từ 15/03/2026 đến 31/03/2026");
});

it("refuses bad input with a clear error", async () => {
	const chair = await fx.as("chutich.kh");
	const backwards = await chair.request("GET", "/reports/form?kind=custom&from=2026-03-01&to=2026-02-01");
	expect(backwards.status).toBe(400);
	expect(backwards.body).toMatchObject({
		error: {
			code: "VALIDATION_ERROR",
			issues: [{ path: "query.to", message: "the end 2026-02-01 precedes the start 2026-03-01" }],
		},
	});
	const unknown = await chair.request("GET", `/reports/form?${Q1}&under=khong-co`);
	expect(unknown.status).toBe(404);
	expect(unknown.body).toMatchObject({ error: { code: "NOT_FOUND" } });
	const outside = await chair.request("GET", `/reports/form?${Q1}&under=${fx.seed.endpoints.LD}`);
	expect(outside.status).toBe(403);
	expect(outside.body).toMatchObject({ error: { code: "FORBIDDEN" } });
	const noIndex = await chair.request("GET", "/reports/form?kind=quarter&year=2026");
	expect(noIndex.body).toMatchObject({ error: { issues: [{ path: "query.index" }] } });
	const badCell = await chair.request("GET", `/reports/form/cases?${Q1}&cell=nope`);
	expect(badCell.body).toMatchObject({ error: { issues: [{ path: "query.cell" }] } });
});
