import { afterAll, beforeAll, expect, it } from "vitest";
import { fieldCatalogue } from "../../domain/register.js";
import { type ReportCase, ReportFacts } from "../../server/reports/ReportFacts.js";
import { seedKnownRegister } from "../support/knownRegister.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture({ NATIONAL_DB_MODE: "off" });
	await seedKnownRegister(fx);
});
afterAll(async () => {
	await fx?.platform.stop();
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
	const leaders = facts.filter((f) => f.sessionId === String(fx.seed.sessionId));
	expect(leaders.length).toBeGreaterThan(0);
	expect(leaders.every((f) => f.receptionKind === "leaders")).toBe(true);

	// The same database as a version before the partitions left it: every fact in `reportcases`.
	const db = database.connection.db;
	if (!db) throw new Error("not connected");
	for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
		if (/^(reportfacts_|reportsessioncases_|reportfactsparts$)/.test(name)) await db.dropCollection(name);
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
	expect(names.filter((n) => n.startsWith("reportfacts_")).length).toBeGreaterThan(1);

	// The session's kind changes: its cases move column, found through the session's list.
	const actor = { userId: "test", origin: "test" };
	await records.sessions.revise(
		String(fx.seed.sessionId),
		{ kind: "regular" },
		{ kind: "update", reason: "test" },
		actor,
	);
	await migrated.catchUp();
	const after = await everyFact(migrated);
	const moved = after.filter((f) => f.sessionId === String(fx.seed.sessionId));
	expect(moved.map((f) => f._id)).toEqual(leaders.map((f) => f._id));
	expect(moved.every((f) => f.receptionKind === "regular")).toBe(true);
	// The months kept change by change hold what a rebuild from the facts gives.
	const kept = await migrated.months.snapshot();
	expect(kept).not.toEqual(months);
	await migrated.rebuildMonths();
	expect(await migrated.months.snapshot()).toEqual(kept);

	// And back, in a process started afresh (the kind known per session is read from the database).
	await records.sessions.revise(
		String(fx.seed.sessionId),
		{ kind: "periodic" },
		{ kind: "update", reason: "test" },
		actor,
	);
	const restarted = started();
	await restarted.catchUp();
	expect(await everyFact(restarted)).toEqual(facts);
	expect(await restarted.months.snapshot()).toEqual(months);
});
