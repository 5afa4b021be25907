import { appendFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { isDuplicateKey } from "../../server/records/AuditLog.js";
import { AuditSeal } from "../../server/records/AuditSeal.js";
import { AuditSweeper, sweepCursorModel } from "../../server/records/AuditSweeper.js";
import type { AuditEntryRecord } from "../../server/records/models/AuditEntry.js";
import { eventually, startPlatform, tempDir } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
});

/** A data folder of its own (removed at the end) for an embedded database this process alone writes. */
async function embedded(
	prefix: string,
): Promise<{ MONGODB_URI: string; RB_DATA_DIR: string; SHUTDOWN_TIMEOUT_MS: string }> {
	const dataDir = await tempDir(prefix);
	cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
	return { MONGODB_URI: "", RB_DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: "2000" };
}

const fact = (sessionId: string, participantId: string) => ({
	sessionId,
	endpointId: "e",
	userId: "u",
	userName: "Cán bộ u",
	participantId,
	kind: "joined" as const,
});

it("appends without reading the log first: the embedded database refuses a second entry for one document", async () => {
	const platform = await startPlatform(await embedded("append-unique"));
	cleanups.push(() => platform.stop());
	platform.attendance.record(fact("s-1", "p"));
	await eventually(async () => (platform.records.writer.pendingCount === 0 ? true : undefined));
	const audit = platform.records.models.AuditEntry.collection;
	const last = (await audit.find().sort({ _id: -1 }).limit(1).next()) as unknown as AuditEntryRecord;
	// Another sequence number, the same document: the unique index on `ref` says no.
	const again = await audit.insertOne({ ...last, _id: last._id + 1 } as never).catch((err: unknown) => err);
	expect(isDuplicateKey(again)).toBe(true);
	expect(await audit.countDocuments({ ref: last.ref })).toBe(1);
	// The head this one writer knows is the database's: a checkpoint signs it without reading the log.
	expect(await platform.records.audit.knownHead()).toEqual(await platform.records.audit.head());
	expect(await platform.records.checkpoint()).toBe(true);
	expect(await platform.records.verifyAudit()).toMatchObject({ ok: true, checkpoints: 1 });
});

it("logs a replayed write exactly once when a crash fell between the document and its audit entry", {
	timeout: 120_000,
}, async () => {
	const env = await embedded("append-crash");
	const first = await startPlatform(env);
	first.attendance.record(fact("s-1", "p1"));
	await eventually(async () => (first.records.writer.pendingCount === 0 ? true : undefined));
	// The crash: the document is in the database, its entry never was, the journal still holds the write.
	const template = await first.records.models.AttendanceEvent.findOne({ sessionId: "s-1" }).lean();
	const { _id: _, ...rest } = template as unknown as Record<string, unknown>;
	const document = { ...rest, _id: "0000000000000000000000a1", participantId: "p2" };
	await first.records.models.AttendanceEvent.collection.insertOne(document as never);
	await first.stop();
	const put = JSON.stringify({
		op: "put",
		id: `AttendanceEvent/${document._id}`,
		payload: {
			model: "AttendanceEvent",
			document: { ...document, at: (rest.at as Date).toISOString() },
			actor: { userId: "u", origin: "signalling" },
			action: "insert",
		},
	});
	const seal = new AuditSeal(first.config.AUDIT_KEY ?? "");
	await appendFile(path.join(env.RB_DATA_DIR, "journal", "reception.jsonl"), `${put}\t${seal.journalMac(put)}\n`);

	const second = await startPlatform(env);
	cleanups.push(() => second.stop());
	await eventually(async () => (second.records.writer.pendingCount === 0 ? true : undefined), 60_000);
	const audit = second.records.models.AuditEntry;
	expect(await audit.countDocuments({ ref: `attendanceevents/${document._id}` })).toBe(1);
	expect(await second.records.models.AttendanceEvent.countDocuments({ sessionId: "s-1" })).toBe(2);
	expect(await second.records.verifyAudit()).toMatchObject({ ok: true, entries: 2, documents: 2 });
	// Replayed once more (the "done" line lost again): still one entry.
	await second.records.audit.append({
		collectionName: "attendanceevents",
		documentId: document._id,
		document: { ...document, at: (rest.at as Date).toISOString() },
		actor: { userId: "u", origin: "signalling" },
		action: "insert",
	});
	expect(await second.records.verifyAudit()).toMatchObject({ ok: true, entries: 2, documents: 2 });
});

it("hands this process's own entries to a sweeper from memory: the entries the log holds, in order, each once, across a restart", {
	timeout: 120_000,
}, async () => {
	const env = await embedded("append-tail");
	const seen: number[] = [];
	const sweeperOf = (platform: Awaited<ReturnType<typeof startPlatform>>) =>
		new AuditSweeper({
			auditLog: platform.records.models.AuditEntry,
			cursors: sweepCursorModel(platform.database.connection),
			name: "test-tail",
			collections: ["attendanceevents"],
			batchSize: 3,
			handle: async (entries) => {
				for (const e of entries) seen.push(e._id);
			},
			localAppends: () => platform.records.audit.appends,
			appended: (seq, collections) => platform.records.audit.appendedAfter(seq, collections),
		});
	const written = async (platform: Awaited<ReturnType<typeof startPlatform>>, sessionId: string, n: number) => {
		for (let i = 0; i < n; i++) platform.attendance.record(fact(sessionId, `p${i}`));
		await eventually(async () => (platform.records.writer.pendingCount === 0 ? true : undefined));
	};
	const everyEntry = async (platform: Awaited<ReturnType<typeof startPlatform>>) =>
		(await platform.records.models.AuditEntry.find({ collectionName: "attendanceevents" }).sort({ _id: 1 }).lean()).map(
			(e) => e._id,
		);

	const first = await startPlatform(env);
	const sweeper = sweeperOf(first);
	await written(first, "s-1", 4);
	expect(await sweeper.sweep()).toBe(4);
	await written(first, "s-2", 5);
	// What memory hands over is what the log holds (same fields, same hashes).
	const cursor = seen[seen.length - 1] ?? 0;
	const memory = first.records.audit.appendedAfter(cursor, new Set(["attendanceevents"]));
	const stored = await first.records.models.AuditEntry.find({ _id: { $gt: cursor } })
		.sort({ _id: 1 })
		.lean<AuditEntryRecord[]>();
	expect(JSON.parse(JSON.stringify(memory?.entries))).toEqual(JSON.parse(JSON.stringify(stored)));
	expect(await sweeper.sweep()).toBe(5);
	expect(await sweeper.sweep()).toBe(0);
	await written(first, "s-3", 2);
	await first.stop();

	// A new process holds none of the earlier entries: it reads them from the log, then from memory.
	const second = await startPlatform(env);
	cleanups.push(() => second.stop());
	const again = sweeperOf(second);
	await written(second, "s-4", 2);
	expect(await again.sweep()).toBe(4);
	await written(second, "s-5", 3);
	expect(await again.sweep()).toBe(3);
	expect(seen).toEqual(await everyEntry(second));
});

it("feeds the national database's outbox from memory on the embedded database: each case once, across a restart", {
	timeout: 120_000,
}, async () => {
	const env = { ...(await embedded("append-outbox")), NATIONAL_DB_MODE: "export" };
	const newCase = (endpointId: string) => ({
		receivedAt: "2026-03-02T02:00:00Z",
		endpointId,
		citizens: [{ fullName: "Công dân", address: "Nha Trang", idNumber: "056190001234" }],
		peopleCount: 1,
		summary: "Kiến nghị",
		contentType: "petition",
		field: "admin.other",
		request: "Xem xét",
	});
	const entered: string[] = [];
	let kh = "";
	const enter = async (fx: RecordsFixture) => {
		const res = await (await fx.as("vanphong.kh")).request("POST", "/cases", newCase(kh));
		expect(res.status).toBe(201);
		entered.push(String(res.body.id));
	};
	const outboxed = async (fx: RecordsFixture) =>
		(await fx.platform.nationalDb.models.Item.find({ kind: "case", entityId: { $in: entered } }).lean()).map(
			(i) => i.entityId,
		);

	const first = await startRecordsFixture(env);
	kh = String(first.seed.endpoints.KH);
	await first.platform.nationalDb.catchUp();
	await enter(first);
	await enter(first);
	await first.platform.nationalDb.catchUp();
	expect((await outboxed(first)).sort()).toEqual([...entered].sort());
	await enter(first);
	await first.platform.stop();

	// Started again on the same database: the demo is there already (the fixture seeds nothing).
	const second = await startRecordsFixture(env);
	cleanups.push(() => second.platform.stop());
	await enter(second);
	await second.platform.nationalDb.catchUp();
	await enter(second);
	await second.platform.nationalDb.catchUp();
	expect((await outboxed(second)).sort()).toEqual([...entered].sort());
});
