import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

/** `npm run audit:verify` against the fixture's database: its exit code and log lines. */
async function verifyCommand(): Promise<{ code: number; output: string }> {
	const env = {
		...process.env,
		MONGODB_URI: fx.platform.config.MONGODB_URI,
		AUDIT_KEY: fx.platform.config.AUDIT_KEY,
		LOG_LEVEL: "info",
	};
	try {
		const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/verify-audit.ts"], { env });
		return { code: 0, output: stdout };
	} catch (err) {
		const e = err as { code: number; stdout: string };
		return { code: e.code, output: e.stdout };
	}
}

it("chains every write, and the verifier catches a modified, a missing entry and a record changed behind the log", {
	timeout: 60_000,
}, async () => {
	const audit = fx.platform.records.models.AuditEntry.collection;
	const chair = await fx.as("chutich.kh");
	await chair.request("POST", `/sessions/${fx.seed.sessionId}/transitions`, { to: "open" });
	const first = await audit.findOne({ _id: 1 as never });
	expect(first).toMatchObject({ prevHash: "0".repeat(64), actor: { userId: "seed", origin: "seed" } });
	const last = await audit.find().sort({ _id: -1 }).limit(1).next();
	expect(last).toMatchObject({
		collectionName: "receptionsessions",
		actor: { userId: fx.seed.users["chutich.kh"], role: "chair" },
	});
	expect(last?.actor.origin).toMatch(/127\.0\.0\.1/);

	expect(await verifyCommand()).toMatchObject({ code: 0 });

	// Someone edits an entry in the database to hide who did it.
	await audit.updateOne({ _id: 3 as never }, { $set: { "actor.userId": "someone-else" } });
	let report = await fx.platform.records.verifyAudit();
	expect(report.ok).toBe(false);
	expect(report.problems).toEqual(["audit entry 3 was modified"]);

	// … and deletes another, and changes a case in place.
	await audit.deleteOne({ _id: 5 as never });
	await fx.platform.records.models.Case.collection.updateOne({}, { $set: { peopleCount: 2 } });
	report = await fx.platform.records.verifyAudit();
	expect(report.problems).toEqual(
		expect.arrayContaining([
			"audit entry 3 was modified",
			"audit entries 5..5 are missing",
			expect.stringMatching(/^cases\/\w+ differs from what the audit log recorded$/),
			expect.stringMatching(/has no audit entry$/),
		]),
	);

	const cli = await verifyCommand();
	expect(cli.code).toBe(1);
	expect(cli.output).toContain("audit entry 3 was modified");
});
