import { afterAll, beforeAll, expect, it } from "vitest";
import { fieldCatalogue } from "../../domain/register.js";
import { FORM_COLUMN_IDS } from "../../domain/reportForm.js";
import { type Period, type PeriodSpec, resolvePeriod } from "../../domain/reportPeriods.js";
import { AuditSweeper, sweepCursorModel } from "../../server/records/AuditSweeper.js";
import { cellCases, type FormResult, formStatistics } from "../../server/reports/FormStatistics.js";
import { type ReportCase, ReportFacts } from "../../server/reports/ReportFacts.js";
import { monthCase } from "../../server/reports/ReportMonths.js";
import { UnitMap } from "../../server/reports/UnitMap.js";
import { EXPECTED, EXPECTED_Q3_2025, seedKnownRegister, sum } from "../support/knownRegister.js";
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

const Q3_2025 = "kind=quarter&year=2025&index=3";

it("counts a merged unit's cases under its successor in a quarter that crosses the 2025 reform", async () => {
	const ids = fx.seed.endpoints;
	const chair = await fx.as("chutich.kh");
	const province = (await chair.request<FormResult>("GET", `/reports/form?${Q3_2025}`)).body;
	expect(province.period).toMatchObject({ firstDay: "2025-06-15", lastDay: "2025-09-14" });
	expect(province.rows.map((r) => r.unitId)).toEqual([ids.KH, ids["KH-NHATRANG"], ids["KH-PHANRANG"]]);
	expect(province.rows.map((r) => r.values)).toEqual([
		EXPECTED_Q3_2025.KH,
		EXPECTED_Q3_2025["KH-NHATRANG"],
		EXPECTED_Q3_2025["KH-PHANRANG"],
	]);
	const kh = sum(EXPECTED_Q3_2025.KH, EXPECTED_Q3_2025["KH-NHATRANG"]);
	expect(province.total).toEqual(kh);
	expect(province.trend).toEqual({
		months: ["2025-06", "2025-07", "2025-08", "2025-09"],
		visits: [2, 0, 1, 0],
		people: [9, 0, 1, 0],
	});
	// The national total: no row for the merged province, its cases in Khánh Hòa's.
	const central = await fx.as("trunguong");
	const nation = (await central.request<FormResult>("GET", `/reports/form?${Q3_2025}`)).body;
	expect(nation.rows.map((r) => r.unitId)).toEqual([ids.TW, ids.KH, ids.LD]);
	expect(nation.rows.map((r) => r.values)).toEqual([sum(), kh, sum()]);
	expect(nation.total).toEqual(kh);
	// The figure opens the merged unit's cases for the successor's chair.
	const behind = await chair.request<{ items: { id: string }[] }>(
		"GET",
		`/reports/form/cases?${Q3_2025}&cell=regular.visits&unit=${ids.KH}`,
	);
	expect(behind.body.items.map((c) => c.id)).toEqual([cases.N1, cases.N2]);
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
	// Outside the caller's scope: answered exactly as an unknown endpoint (the scope rule).
	const outside = await chair.request("GET", `/reports/form?${Q1}&under=${fx.seed.endpoints.LD}`);
	expect(outside.status).toBe(404);
	expect(outside.body).toMatchObject({ error: { code: "NOT_FOUND" } });
	const noIndex = await chair.request("GET", "/reports/form?kind=quarter&year=2026");
	expect(noIndex.body).toMatchObject({ error: { issues: [{ path: "query.index" }] } });
	const badCell = await chair.request("GET", `/reports/form/cases?${Q1}&cell=nope`);
	expect(badCell.body).toMatchObject({ error: { issues: [{ path: "query.cell" }] } });
});

/** One more case at Khánh Hòa's office, entered by its secretariat. */
async function enterAtKH(receivedAt: string, idNumber: string, contentType: string, field: string) {
	const secretariat = await fx.as("vanphong.kh");
	return secretariat.request("POST", "/cases", {
		endpointId: fx.seed.endpoints.KH,
		receivedAt,
		citizens: [{ fullName: `Công dân ${idNumber}`, address: "Địa chỉ", idNumber }],
		peopleCount: 1,
		summary: "Vụ việc thêm",
		contentType,
		field,
		request: "Đề nghị giải quyết",
	});
}

/** Periodic periods around the register: months, quarters, halves, nine months and years, across the reform. */
const PERIODS: PeriodSpec[] = [
	...[6, 7, 8, 9, 12].map((index) => ({ kind: "month" as const, year: 2025, index })),
	...[1, 2, 3].map((index) => ({ kind: "month" as const, year: 2026, index })),
	...[2, 3, 4].map((index) => ({ kind: "quarter" as const, year: 2025, index })),
	{ kind: "quarter", year: 2026, index: 1 },
	{ kind: "half-year", year: 2025, index: 2 },
	{ kind: "half-year", year: 2026, index: 1 },
	{ kind: "nine-months", year: 2025 },
	{ kind: "year", year: 2025 },
	{ kind: "year", year: 2026 },
];

/** Every period × every report root (the nation, each province, the merged one): months and scan cell for cell. */
async function expectMonthsAgreeWithScan(): Promise<number> {
	const { reports, records } = fx.platform;
	await reports.facts.catchUp();
	let compared = 0;
	for (const root of [null, fx.seed.endpoints.KH, fx.seed.endpoints.LD, cases.NT]) {
		const units = await UnitMap.build(records, root ?? null);
		for (const spec of PERIODS) {
			const period = resolvePeriod(spec);
			const months = await formStatistics(reports.facts, units, period, "months");
			const scan = await formStatistics(reports.facts, units, period, "scan");
			const label = `${spec.kind} ${spec.year}/${spec.index ?? ""} under ${root ?? "TW"}`;
			expect(months.rows, label).toEqual(scan.rows);
			expect(months.trend, label).toEqual(scan.trend);
			compared += months.total.reduce((n, v) => n + v, 0);
		}
		for (const spec of CUSTOM) {
			const period = resolvePeriod(spec);
			const months = await formStatistics(reports.facts, units, period, "months");
			const scan = await formStatistics(reports.facts, units, period, "scan");
			const label = `${spec.from} – ${spec.to} under ${root ?? "TW"}`;
			expect(months.rows, label).toEqual(scan.rows);
			expect(months.trend, label).toEqual(scan.trend);
			compared += months.total.reduce((n, v) => n + v, 0);
			await expectCellsAgreeWithScan(units, period, scan, label);
		}
		const q1 = resolvePeriod({ kind: "quarter", year: 2026, index: 1 });
		await expectCellsAgreeWithScan(units, q1, await formStatistics(reports.facts, units, q1, "scan"), "Q1/2026");
	}
	return compared;
}

/**
 * Custom ranges around the register: starting mid-month (of the cut-off and of the calendar), on a
 * reporting month's first day, a single day, across the reform; A3's earlier visit (A2, 10/01/2026)
 * falls inside some and outside others, as A2's (A1, 20/11/2025) does.
 */
const CUSTOM: PeriodSpec[] = [
	{ kind: "custom", from: "2026-01-01", to: "2026-02-28" },
	{ kind: "custom", from: "2026-01-10", to: "2026-02-14" },
	{ kind: "custom", from: "2026-01-11", to: "2026-03-20" },
	{ kind: "custom", from: "2025-12-15", to: "2026-04-30" },
	{ kind: "custom", from: "2025-11-21", to: "2026-01-10" },
	{ kind: "custom", from: "2026-03-15", to: "2026-03-15" },
	{ kind: "custom", from: "2025-06-01", to: "2026-06-30" },
	{ kind: "custom", from: "2025-06-25", to: "2025-08-31" },
];

/** Every column with a figure (and the first, even at zero), for the whole scope and each row counting in it: same figure, same list. */
async function expectCellsAgreeWithScan(units: UnitMap, period: Period, scan: FormResult, label: string) {
	const facts = fx.platform.reports.facts;
	for (const [i, id] of FORM_COLUMN_IDS.entries()) {
		for (const unit of [undefined, ...scan.rows.filter((r) => (r.values[i] ?? 0) > 0).map((r) => r.unitId)]) {
			if (!unit && scan.total[i] === 0 && i > 0) continue;
			const months = await cellCases(facts, units, period, id, unit, "months");
			const oracle = await cellCases(facts, units, period, id, unit, "scan");
			const where = `${label}, ${id}, ${unit ?? "all"}`;
			expect(months, where).toEqual(oracle);
			expect(months.total, where).toBe(unit ? scan.rows.find((r) => r.unitId === unit)?.values[i] : scan.total[i]);
		}
	}
}

it("answers custom ranges and the cases behind a figure from the month collections as the scan does", async () => {
	const chair = await fx.as("chutich.kh");
	const repeats = async (from: string, to: string) =>
		(
			await chair.request<{ total: number; items: { id: string }[] }>(
				"GET",
				`/reports/form/cases?kind=custom&from=${from}&to=${to}&cell=regular.matters-repeat`,
			)
		).body;
	// A2's earlier visit (A1, 20/11/2025) before the range, A3's (A2, 10/01/2026) inside: only A2 is an earlier matter.
	expect(await repeats("2026-01-01", "2026-02-28")).toMatchObject({ total: 1, items: [{ id: cases.A2 }] });
	// From 11/01 (mid-month of the cut-off), A2 is outside: A3 becomes the earlier matter.
	expect(await repeats("2026-01-11", "2026-02-28")).toMatchObject({ total: 1, items: [{ id: cases.A3 }] });
	// From 21/11/2025 to 10/01/2026: A2 comes back after A1, which is outside.
	expect(await repeats("2025-11-21", "2026-01-10")).toMatchObject({ total: 1, items: [{ id: cases.A2 }] });
	const visits = (await chair.request<FormResult>("GET", "/reports/form?kind=custom&from=2026-01-10&to=2026-02-14"))
		.body;
	const col = (id: string) => visits.total[FORM_COLUMN_IDS.indexOf(id)];
	// A2 and A3 (G voided; B before, C after): A3 is A2's matter again, A2 an earlier one.
	expect([col("regular.visits"), col("regular.matters-repeat"), col("complaint.land")]).toEqual([2, 1, 1]);
	// Long before the register (any year a day may name): nothing, not an error.
	const early = await chair.request<FormResult>("GET", "/reports/form?kind=custom&from=1999-12-20&to=2000-01-20");
	expect(early.status).toBe(200);
	expect(early.body.total.every((n) => n === 0)).toBe(true);
	expect(await expectMonthsAgreeWithScan()).toBeGreaterThan(0);
	// The month-case documents read whole instead of one endpoint at a time: the same answers.
	const { facts } = fx.platform.reports;
	const units = await UnitMap.build(fx.platform.records, null);
	const period = resolvePeriod({ kind: "custom", from: "2025-06-25", to: "2026-03-20" });
	const answers = async () => [
		await formStatistics(facts, units, period),
		await cellCases(facts, units, period, "regular.visits"),
	];
	const byEndpoint = await answers();
	facts.months.caseReads = "collection";
	const whole = await answers().finally(() => {
		facts.months.caseReads = "auto";
	});
	expect(whole.map((a) => ({ ...a, generatedAt: "" }))).toEqual(byEndpoint.map((a) => ({ ...a, generatedAt: "" })));
});

it("answers periodic reports from the pre-aggregated months exactly as the scan does, and keeps them on changes", async () => {
	expect(await expectMonthsAgreeWithScan()).toBeGreaterThan(0);
	// Changes the months must follow: a case moved to another month and endpoint, one voided, a
	// session's kind (its cases change column), a new case that repeats an earlier matter.
	const secretariat = await fx.as("vanphong.kh");
	const moved = await secretariat.request("PATCH", `/cases/${cases.A2}`, {
		changes: { receivedAt: "2025-12-20T02:00:00Z" },
		correction: { reason: "ghi sai ngày" },
	});
	expect(moved.status).toBe(201);
	const actor = { userId: "test", origin: "test" };
	// The API keeps a case's endpoint; a revision of the record may still move one (a repair).
	await fx.platform.records.cases.revise(
		String(cases.C),
		{ endpointId: fx.seed.endpoints["KH-NHATRANG"] },
		{ kind: "update", reason: "test: endpoint" },
		actor,
	);
	const voided = await secretariat.request("PATCH", `/cases/${cases.B}`, {
		changes: { voided: true },
		correction: { reason: "nhập nhầm" },
	});
	expect(voided.status).toBe(201);
	await fx.platform.records.sessions.revise(
		String(fx.seed.sessionId),
		{ kind: "regular" },
		{ kind: "update", reason: "test: kind" },
		actor,
	);
	const again = await enterAtKH("2026-02-01T02:00:00Z", "058190000011", "complaint", "admin.land");
	expect(again.status).toBe(201);
	await expectMonthsAgreeWithScan();
	// The changes showed: no leader's reception left in Q1/2026 (the session became regular).
	const central = await fx.as("trunguong");
	const q1 = (await central.request<FormResult>("GET", `/reports/form?${Q1}`)).body;
	expect(q1.total[FORM_COLUMN_IDS.indexOf("leaders.visits")]).toBe(0);
	// Rebuilt from scratch, the months hold the same figures as those kept change by change.
	const kept = await fx.platform.reports.facts.months.snapshot();
	await fx.platform.reports.facts.rebuildMonths();
	const rebuilt = await fx.platform.reports.facts.months.snapshot();
	expect(Object.keys(kept).length).toBeGreaterThan(5);
	expect(rebuilt).toEqual(kept);
	// Applying the same change twice changes nothing (a replayed sweep).
	const facts = fx.platform.reports.facts;
	const a2 = await facts.model.findById(cases.A2).lean();
	if (!a2) throw new Error("A2 has no facts");
	for (let i = 0; i < 2; i++) await facts.months.apply([a2._id], [monthCase(a2)], [facts.months.keyOfCase(a2)]);
	expect(await facts.months.snapshot()).toEqual(kept);
});

it("sweeps on the embedded database's one writer only after this process wrote: every write is still seen", async () => {
	const { records, database } = fx.platform;
	const seen: string[] = [];
	const sweeper = new AuditSweeper({
		auditLog: records.models.AuditEntry,
		cursors: sweepCursorModel(database.connection),
		name: `test-local-appends-${Date.now()}`,
		collections: ["cases"],
		handle: async (entries) => {
			for (const e of entries) seen.push(String((e.document as { entityId?: string }).entityId));
		},
		localAppends: () => records.audit.appends,
	});
	expect(await sweeper.sweep()).toBeGreaterThan(0);
	expect(await sweeper.sweep()).toBe(0);
	const entered = await enterAtKH("2026-02-02T02:00:00Z", "056190000099", "petition", "other");
	expect(entered.status).toBe(201);
	expect(await sweeper.sweep()).toBeGreaterThan(0);
	expect(seen).toContain(String(entered.body.id));
	expect(await sweeper.sweep()).toBe(0);
});

const byId = (a: ReportCase, b: ReportCase) => a._id.localeCompare(b._id);
const everyFact = async (facts: ReportFacts) => (await facts.model.find({}).lean()).sort(byId);

it("moves a database's facts from before the partitions into them on the first catch-up, and follows its sessions' kinds after", {
	timeout: 120_000,
}, async () => {
	const { reports, records, database, config } = fx.platform;
	await reports.facts.catchUp();
	const facts = await everyFact(reports.facts);
	const months = await reports.facts.months.snapshot();
	const session = String(fx.seed.sessionId);
	const counted = facts.filter((f) => f.sessionId === session);
	expect(counted.length).toBeGreaterThan(0);
	const column = counted[0]?.receptionKind;
	expect(counted.every((f) => f.receptionKind === column)).toBe(true);
	// A kind that moves them to the other column, and the kind they have now.
	const [other, otherColumn, now] =
		column === "leaders"
			? (["regular", "regular", "periodic"] as const)
			: (["periodic", "leaders", "regular"] as const);

	// The same database as a version before the partitions left it: every fact in `reportcases`.
	const db = database.connection.db;
	if (!db) throw new Error("not connected");
	for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
		if (/^(reportfacts_|reportsessioncases_|reportfactsparts$|partitionstates$)/.test(name))
			await db.dropCollection(name);
	await db.collection("reportcases").insertMany(facts as never[]);

	// A process started on it (another instance: the platform's own has prepared already).
	const started = () =>
		new ReportFacts(
			database.connection,
			records,
			fieldCatalogue(config.REGISTER_EXTRA_FIELDS),
			config.REPORT_CUTOFF_DAY,
		);
	const migrated = started();
	await migrated.init();
	await migrated.catchUp();
	expect(await everyFact(migrated)).toEqual(facts);
	expect(await migrated.months.snapshot()).toEqual(months);
	const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
	expect(names).not.toContain("reportcases");
	expect(names).toContain("reportfacts_0");

	// The session's kind changes: its cases move column, found through the session's list.
	const actor = { userId: "test", origin: "test" };
	await records.sessions.revise(session, { kind: other }, { kind: "update", reason: "test" }, actor);
	await migrated.catchUp();
	const after = await everyFact(migrated);
	const moved = after.filter((f) => f.sessionId === session);
	expect(moved.map((f) => f._id)).toEqual(counted.map((f) => f._id));
	expect(moved.every((f) => f.receptionKind === otherColumn)).toBe(true);
	// The months kept change by change hold what a rebuild from the facts gives.
	const kept = await migrated.months.snapshot();
	expect(kept).not.toEqual(months);
	await migrated.rebuildMonths();
	expect(await migrated.months.snapshot()).toEqual(kept);

	// And back, in a process started afresh (the kind known per session is read from the database).
	await records.sessions.revise(session, { kind: now }, { kind: "update", reason: "test" }, actor);
	const restarted = started();
	await restarted.catchUp();
	expect(await everyFact(restarted)).toEqual(facts);
	expect(await restarted.months.snapshot()).toEqual(months);
});
