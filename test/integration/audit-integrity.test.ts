import { createHash, createHmac } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Types } from "mongoose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { createLogger } from "../../server/logger.js";
import { Platform } from "../../server/Platform.js";
import { canonical, canonicalJson } from "../../server/records/canonicalJson.js";
import type { AuditEntryRecord } from "../../server/records/models/AuditEntry.js";
import { LOOPBACK_ENV } from "../support/loopback.js";
import { tempDir } from "../support/platform.js";
import { type RecordsFixture, sampleCase, startRecordsFixture } from "../support/records.js";

/**
 * The audit chain is keyed (HMAC under AUDIT_KEY, outside the database) and its head is checkpointed,
 * signed, into a file outside the database: whoever can write the database but lacks the key can
 * neither recompute the chain after a change nor cut its tail unseen; a platform with another key
 * refuses to start.
 */

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

const at = (code: string) => fx.seed.endpoints[code] ?? "";
const audit = () => fx.platform.records.models.AuditEntry.collection;

async function writeCases(n: number): Promise<void> {
	const operator = await fx.as("canbo.nhatrang");
	for (let i = 0; i < n; i++) {
		expect((await operator.request("POST", "/cases", sampleCase(at("KH-NHATRANG")))).status).toBe(201);
	}
}

/** What an intruder with the database but not the key can do: rewrite entries from `from` on, re-chained. */
async function recompute(from: number, hashOf: (text: string) => string, change: (e: AuditEntryRecord) => void) {
	const entries = await audit()
		.find({ _id: { $gte: from - 1 } } as never)
		.sort({ _id: 1 })
		.toArray();
	let prev = (entries[0] as unknown as AuditEntryRecord).hash;
	for (const raw of entries.slice(1)) {
		const entry = raw as unknown as AuditEntryRecord;
		change(entry);
		entry.prevHash = prev;
		const { hash: _h, ...rest } = canonical(entry) as Record<string, unknown>;
		entry.hash = hashOf(canonicalJson(rest));
		prev = entry.hash;
		await audit().replaceOne({ _id: entry._id } as never, entry as never);
	}
}

it("keys every entry and signs checkpoints into a 0600 file outside the database", async () => {
	await writeCases(2);
	const head = await audit().find().sort({ _id: -1 }).limit(1).next();
	expect(head).toMatchObject({ keyed: true });
	// The hash is not the plain SHA-256 anyone could recompute.
	const { hash, ...rest } = canonical(head) as Record<string, unknown>;
	expect(hash).not.toBe(createHash("sha256").update(canonicalJson(rest)).digest("hex"));
	expect(await fx.platform.records.checkpoint()).toBe(true);
	const database = new URL(fx.platform.config.MONGODB_URI ?? "").pathname.slice(1);
	const file = path.join(fx.platform.config.RB_DATA_DIR, "audit-checkpoints", `${database}.jsonl`);
	expect(((await stat(file)).mode & 0o777).toString(8)).toBe("600");
	expect(((await stat(path.dirname(file))).mode & 0o777).toString(8)).toBe("700");
	const report = await fx.platform.records.verifyAudit();
	expect(report).toMatchObject({ ok: true, problems: [] });
	expect(report.checkpoints).toBeGreaterThan(0);
});

it("catches a chain recomputed without the key, with SHA-256 or another key, and a downgrade to unkeyed", async () => {
	await writeCases(3);
	await fx.platform.records.checkpoint();
	const head = Number((await audit().find().sort({ _id: -1 }).limit(1).next())?._id);
	const hide = (e: AuditEntryRecord) => {
		if (e._id === head - 1) e.actor.userId = "someone-else";
	};
	const variants: [string, (text: string) => string, (e: AuditEntryRecord) => void][] = [
		["sha256", (t) => createHash("sha256").update(t).digest("hex"), hide],
		["another key", (t) => createHmac("sha256", "a-key-the-intruder-chose-0123456789").update(t).digest("hex"), hide],
		[
			"unkeyed",
			(t) => createHash("sha256").update(t).digest("hex"),
			(e) => {
				hide(e);
				delete e.keyed;
			},
		],
	];
	for (const [what, hashOf, change] of variants) {
		await recompute(head - 1, hashOf, change);
		const report = await fx.platform.records.verifyAudit();
		expect(report.ok, what).toBe(false);
		expect(report.problems, what).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					new RegExp(`audit entry ${head} (was modified|is not keyed|differs from its checkpoint)`),
				),
			]),
		);
		expect(report.problems.join("\n"), what).toMatch(/the chain was recomputed|was modified|is not keyed/);
	}
});

it("catches a truncated tail, entries and their records removed together, by the signed checkpoint", async () => {
	const fresh = await startRecordsFixture();
	try {
		const operator = await fresh.as("canbo.nhatrang");
		for (let i = 0; i < 3; i++) {
			await operator.request("POST", "/cases", sampleCase(fresh.seed.endpoints["KH-NHATRANG"] ?? ""));
		}
		await fresh.platform.records.checkpoint();
		const entries = fresh.platform.records.models.AuditEntry.collection;
		const tail = await entries.find().sort({ _id: -1 }).limit(2).toArray();
		for (const e of tail) {
			await fresh.platform.records.models.Case.collection.deleteOne({ _id: new Types.ObjectId(String(e.documentId)) });
			await entries.deleteOne({ _id: e._id } as never);
		}
		const report = await fresh.platform.records.verifyAudit();
		expect(report.ok).toBe(false);
		expect(report.problems, report.problems.join("\n")).toEqual([
			expect.stringMatching(/is missing: the chain was truncated$/),
		]);
	} finally {
		await fresh.platform.stop();
	}
});

it("refuses to start with another audit key, and without one on its own database", async () => {
	const uri = fx.platform.config.MONGODB_URI ?? "";
	const wrong = new Platform(
		loadConfig({
			...process.env,
			...LOOPBACK_ENV,
			MONGODB_URI: uri,
			JWT_SECRET: "x".repeat(32),
			AUDIT_KEY: "another-audit-key-than-the-log-was-written-with",
			RB_JOURNAL_DIR: await tempDir("journal"),
		}),
		createLogger("silent"),
	);
	await expect(wrong.start()).rejects.toThrow(/AUDIT_KEY/);
	await wrong.stop();
	const config = loadConfig({ ...process.env, ...LOOPBACK_ENV, MONGODB_URI: uri, JWT_SECRET: "x".repeat(32) });
	expect(() => new Platform(config, createLogger("silent"))).toThrow(/AUDIT_KEY/);
});
