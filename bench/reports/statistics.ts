/**
 * Statistics benchmark: the citizen-reception form for one province over a reporting year of
 * 100,000 cases (and the national total over it and three more provinces), on the embedded FerretDB.
 * Prints, side by side, the median of several runs of each question answered from the month
 * collections (totals rows, and month-case documents for the cases behind a figure and the months a
 * custom range cuts) and by scanning the case facts; docs/performance.md keeps the figures.
 *
 *   npx tsx bench/reports/statistics.ts            (CASES=100000 by default; MONGODB_URI to use a database)
 *   CASES=20000 OTHER_CASES=5000 COMMUNES=65 RUNS=3 SCAN_RUNS=1 SWEEP_CASES=500 npx tsx bench/reports/statistics.ts
 *   AUDIT_ENTRIES=40000 …    (the catch-up before a report, on a larger audit log)
 *
 * The cases go straight into the case facts (the projection statistics read, docs/reports.md) and the
 * month documents are then built from it in one pass: the benchmark measures the question, not the
 * entry of 100,000 cases. How fast the audit sweeper keeps both from real record writes is measured
 * separately on SWEEP_CASES cases.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { STANDARD_FIELDS } from "../../domain/register.js";
import { DEFAULT_CUTOFF_DAY, resolvePeriod } from "../../domain/reportPeriods.js";
import { loadConfig } from "../../server/config.js";
import { Database } from "../../server/db/Database.js";
import { EmbeddedDatabase } from "../../server/db/EmbeddedDatabase.js";
import { createLogger } from "../../server/logger.js";
import { Records } from "../../server/records/Records.js";
import { cellCases, type FormSource, formStatistics } from "../../server/reports/FormStatistics.js";
import { type ReportCase, ReportFacts } from "../../server/reports/ReportFacts.js";
import { UnitMap } from "../../server/reports/UnitMap.js";
import { generateCases } from "./registerData.js";

const CASES = Number(process.env.CASES ?? 100_000);
const OTHER_PROVINCES = 3;
const OTHER_CASES = Number(process.env.OTHER_CASES ?? 20_000);
const COMMUNES = Number(process.env.COMMUNES ?? 65);
const RUNS = Number(process.env.RUNS ?? 5);
/** The scan takes minutes at full size under load: fewer runs of it. */
const SCAN_RUNS = Number(process.env.SCAN_RUNS ?? 1);
const SWEEP_CASES = Number(process.env.SWEEP_CASES ?? 200);
/** Cases written one at a time, each followed by the catch-up a report pays (before and after AUDIT_ENTRIES). */
const CATCHUP_RUNS = Number(process.env.CATCHUP_RUNS ?? RUNS);
/**
 * Filler entries in the audit log before the catch-up is timed (0: none). A year of 100,000 cases
 * leaves at least as many entries; the sweeper's range read decodes every one on FerretDB v1. They
 * get negative sequence numbers, so the chain and the cursor are untouched.
 */
const AUDIT_ENTRIES = Number(process.env.AUDIT_ENTRIES ?? 0);

const logger = createLogger("warn");
const config = loadConfig({ ...process.env, DEMO_SEED: "off" });
const dir = await mkdtemp(path.join(os.tmpdir(), "rb-bench-reports-"));
const embedded = config.MONGODB_URI
	? null
	: new EmbeddedDatabase({ binary: config.FERRETDB_BIN, dataDir: dir, logger });
await embedded?.start();
const database = new Database(logger);
await database.connect(config.MONGODB_URI ?? embedded?.uri ?? "", `bench_reports_${Date.now()}`);
const records = new Records({
	connection: database.connection,
	logger,
	journalDir: dir,
	writeWaitMs: 30_000,
	auditKey: randomBytes(32).toString("hex"),
	checkpointDir: dir,
});
records.openJournal("bench");
await records.start();
// The bench is the database's only writer, as the platform is on its embedded database.
const facts = new ReportFacts(database.connection, records, STANDARD_FIELDS, DEFAULT_CUTOFF_DAY, !config.MONGODB_URI);
await facts.init();

const actor = { userId: "bench", origin: "bench" };
async function endpoint(code: string, level: string, parent: { entityId: string; ancestors: string[] } | null) {
	const { document } = await records.endpoints.create(
		{
			code,
			name: code,
			level,
			parentId: parent?.entityId ?? null,
			ancestors: parent ? [...parent.ancestors, parent.entityId] : [],
			active: true,
		},
		actor,
	);
	return { entityId: String(document.entityId), ancestors: (document.ancestors as string[]) ?? [] };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed(runs: number, run: () => Promise<unknown>): Promise<{ median: number; runs: number[] }> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await run();
		times.push(performance.now() - t0);
	}
	return { median: [...times].sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0, runs: times };
}
const runsOf = (t: { runs: number[] }) => t.runs.map((ms) => (ms / 1000).toFixed(2)).join(", ");
const load = () =>
	os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(" ");

/** One question both ways: the month collections (RUNS) and the scan of `reportcases` (SCAN_RUNS), one line. */
async function sideBySide(label: string, run: (source: FormSource) => Promise<unknown>): Promise<number> {
	const months = await timed(RUNS, () => run("months"));
	const scan = SCAN_RUNS > 0 ? await timed(SCAN_RUNS, () => run("scan")) : null;
	console.log(
		`${label} | months: median ${seconds(months.median)} (${runsOf(months)}) | scan: ${
			scan ? `median ${seconds(scan.median)} (${runsOf(scan)})` : "not run"
		} | load ${load()}`,
	);
	return months.median;
}

async function single(label: string, run: () => Promise<unknown>): Promise<void> {
	const t = await timed(RUNS, run);
	console.log(`${label}: median ${seconds(t.median)} (${runsOf(t)}) | load ${load()}`);
}

try {
	const t0 = performance.now();
	const central = await endpoint("TW", "central", null);
	const year = resolvePeriod({ kind: "year", year: 2026 });
	const provinces: { id: string; endpointIds: string[] }[] = [];
	for (let p = 0; p <= OTHER_PROVINCES; p++) {
		const province = await endpoint(`P${p}`, "province", central);
		const ids = [province.entityId];
		for (let c = 0; c < COMMUNES; c++) ids.push((await endpoint(`P${p}-C${c}`, "commune", province)).entityId);
		provinces.push({ id: province.entityId, endpointIds: ids });
	}
	console.log(`endpoints: ${provinces.length} provinces × ${COMMUNES} communes in ${seconds(performance.now() - t0)}`);

	// The facts' collections made (a new database's first catch-up) before the cases go straight in.
	await facts.catchUp();
	const t1 = performance.now();
	let total = 0;
	const generated: ReportCase[] = [];
	for (const [p, province] of provinces.entries()) {
		const cases = generateCases(
			p === 0 ? CASES : OTHER_CASES,
			province.endpointIds,
			year.from,
			year.to,
			42 + p,
			`p${p}-`,
		);
		generated.push(...cases);
		total += cases.length;
	}
	// In one go: the facts' collections are made as many as 160,000 facts need at once.
	await facts.model.insertMany(generated);
	console.log(`generated ${total} cases (${CASES} in the measured province) in ${seconds(performance.now() - t1)}`);
	const tm = performance.now();
	const monthDocs = await facts.rebuildMonths();
	console.log(`month documents built from the facts: ${monthDocs} in ${seconds(performance.now() - tm)}`);

	const province = provinces[0];
	if (!province) throw new Error("no province");
	const provinceUnits = await UnitMap.build(records, province.id);
	const nationUnits = await UnitMap.build(records, null);
	const check = await formStatistics(facts, provinceUnits, year, "months");
	const counted = (check.total[0] ?? 0) + (check.total[8] ?? 0);
	console.log(`visits counted in the province's year: ${counted} (cases not voided and inside the cut-off period)`);
	const provinceMs = await sideBySide(`form, one province, year 2026 (${CASES} cases)`, (source) =>
		formStatistics(facts, provinceUnits, year, source),
	);
	await single("unit map of the province (endpoints read)", () => UnitMap.build(records, province.id));
	const quarter = resolvePeriod({ kind: "quarter", year: 2026, index: 2 });
	await sideBySide("form, one province, a quarter", (source) => formStatistics(facts, provinceUnits, quarter, source));
	await sideBySide(`form, national total, year 2026 (${total} cases)`, (source) =>
		formStatistics(facts, nationUnits, year, source),
	);
	// The cases behind a figure: a common one (its first 1,000 cases are in the year's first months)
	// and a rare one (fewer than 1,000 in the year: every month's cases are read).
	await sideBySide("cases behind a figure, province year, complaints about land", (source) =>
		cellCases(facts, provinceUnits, year, "complaint.land", undefined, source),
	);
	await sideBySide("cases behind a figure, province year, delegations received by the head (rare)", (source) =>
		cellCases(facts, provinceUnits, year, "leaders.delegations", undefined, source),
	);
	const customYear = resolvePeriod({ kind: "custom", from: "2026-01-01", to: "2026-12-31" });
	await sideBySide("form, one province, custom range 01/01/2026 – 31/12/2026", (source) =>
		formStatistics(facts, provinceUnits, customYear, source),
	);
	const custom45 = resolvePeriod({ kind: "custom", from: "2026-03-20", to: "2026-05-03" });
	await sideBySide("form, one province, custom range of 45 days from mid-month (20/03 – 03/05/2026)", (source) =>
		formStatistics(facts, provinceUnits, custom45, source),
	);
	// How the month-case documents are read: a `{ _id }` read per endpoint, or the month's collection.
	for (const how of ["by-endpoint", "collection"] as const) {
		facts.months.caseReads = how;
		await single(`reading the month-case documents ${how}: the rare figure's cases (all 12 months)`, () =>
			cellCases(facts, provinceUnits, year, "leaders.delegations"),
		);
		await single(`reading the month-case documents ${how}: the 45-day range (2 months cut)`, () =>
			formStatistics(facts, provinceUnits, custom45),
		);
	}
	facts.months.caseReads = "auto";
	await single("nothing new to sweep (one catch-up)", () => facts.catchUp());

	// The projection filled from real record writes: cases through the journal and audit log, then one sweep.
	const writeCase = (seq: number, receivedAt: Date, endpointId: string | undefined, idNumber: string) =>
		records.cases.create(
			{
				registerNumber: `S${seq}/2026`,
				registerYear: 2026,
				registerSeq: seq,
				receivedAt,
				endpointId,
				endpointName: "X",
				receivingOfficer: { name: "Cán bộ" },
				citizens: [{ fullName: "A", address: "B", idNumber, idKind: "cccd" }],
				peopleCount: 1,
				representativeCount: 0,
				summary: "S",
				contentType: "complaint",
				field: "admin.land",
				request: "R",
				status: "received",
				scopeEndpointIds: [endpointId],
			},
			actor,
		);
	const t2 = performance.now();
	for (let i = 0; i < SWEEP_CASES; i++)
		await writeCase(
			i + 1,
			new Date(year.from.getTime() + i * 60_000),
			province.endpointIds[1 + (i % COMMUNES)],
			"056190000001",
		);
	const written = performance.now() - t2;
	const t3 = performance.now();
	const swept = await facts.catchUp();
	console.log(
		`record writes: ${SWEEP_CASES} cases in ${seconds(written)}; sweeping their audit entries into the facts and the month documents: ${swept} entries in ${seconds(performance.now() - t3)}`,
	);
	// What a statistics request pays after one new case: the catch-up sweep of its audit entry; and
	// what writing that case costs. Measured on the audit log as it is, then with AUDIT_ENTRIES more.
	let written1 = SWEEP_CASES;
	const afterOneCase = async (label: string): Promise<void> => {
		const writes: number[] = [];
		const catchUps: number[] = [];
		for (let i = 0; i < CATCHUP_RUNS; i++) {
			written1++;
			const tw = performance.now();
			await writeCase(
				written1,
				new Date(year.from.getTime() + 86_400_000 * (i + 1)),
				province.endpointIds[1],
				"056190000002",
			);
			writes.push(performance.now() - tw);
			const t = performance.now();
			await facts.catchUp();
			catchUps.push(performance.now() - t);
		}
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
		const list = (xs: number[]) => xs.map((t) => (t / 1000).toFixed(2)).join(", ");
		console.log(
			`${label}: writing one case: median ${seconds(median(writes))} (${list(writes)}); catch-up before a report after it: median ${seconds(median(catchUps))} (${list(catchUps)}) | load ${load()}`,
		);
	};
	const entries = async () => records.models.AuditEntry.estimatedDocumentCount();
	await afterOneCase(`audit log of ${await entries()} entries`);
	if (AUDIT_ENTRIES > 0) {
		const filler = (i: number) => ({
			_id: -1 - i,
			ref: `bench/${i}`,
			at: new Date(),
			actor: actor,
			action: "create",
			collectionName: "bench",
			documentId: `bench-${i}`,
			document: { summary: "x".repeat(1_000), citizens: [{ fullName: "A", address: "B" }] },
			prevHash: "0".repeat(64),
			hash: "0".repeat(64),
		});
		const ta = performance.now();
		for (let i = 0; i < AUDIT_ENTRIES; i += 5_000)
			await records.models.AuditEntry.collection.insertMany(
				Array.from({ length: Math.min(5_000, AUDIT_ENTRIES - i) }, (_, j) => filler(i + j)) as never[],
			);
		console.log(`audit log filled with ${AUDIT_ENTRIES} more entries in ${seconds(performance.now() - ta)}`);
		await afterOneCase(`audit log of ${await entries()} entries`);
	}
	console.log(`GOAL (< 2 s for a province-year of ${CASES}): ${provinceMs < 2000 ? "met" : "NOT met"}`);
} finally {
	await records.stop(5_000);
	await database.close();
	await embedded?.stop();
	await rm(dir, { recursive: true, force: true });
}
