import { appendFile, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { AuditSeal } from "../../server/records/AuditSeal.js";
import type { AttendanceFact } from "../../signaling/AttendanceRecorder.js";
import { eventually, startPlatform, tempDir } from "../support/platform.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
});

/** A session's worth of attendance: three endpoints join, one drops and comes back, all leave. */
function sessionFacts(sessionId: string): AttendanceFact[] {
	const seat = (endpointId: string, userId: string) => ({
		sessionId,
		endpointId,
		userId,
		userName: `Cán bộ ${userId}`,
		participantId: `p-${userId}`,
	});
	const central = seat("ep-central", "u-central");
	const province = seat("ep-province", "u-chair");
	const commune = seat("ep-commune", "u-operator");
	return [
		{ ...central, kind: "joined" },
		{ ...province, kind: "joined" },
		{ ...commune, kind: "waiting-in-lobby" },
		{ ...commune, kind: "admitted", actorUserId: "u-chair" },
		{ ...commune, kind: "joined", details: { userAgent: "test" } },
		{ ...commune, kind: "reconnecting" },
		{ ...commune, kind: "reconnected" },
		{ ...commune, kind: "muted-by-chair", actorUserId: "u-chair" },
		{ ...commune, kind: "left" },
		{ ...central, kind: "left" },
		{ ...province, kind: "left" },
		{ ...province, kind: "session-ended" },
	];
}

it("keeps attendance recorded while the database is down and writes each fact exactly once when it returns", {
	timeout: 120_000,
}, async () => {
	const dataDir = await tempDir("outage");
	cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
	const platform: Platform = await startPlatform({
		MONGODB_URI: "",
		RB_DATA_DIR: dataDir,
		RECORD_WRITE_WAIT_MS: "200",
	});
	cleanups.push(() => platform.stop());
	const events = platform.records.models.AttendanceEvent;

	platform.attendance.record({
		sessionId: "s-1",
		endpointId: "ep-central",
		userId: "u-central",
		userName: "Cán bộ u-central",
		participantId: "p0",
		kind: "joined",
	});
	await eventually(async () => ((await events.countDocuments({ sessionId: "s-1" })) === 1 ? true : undefined));

	await platform.embeddedDatabase?.stop();
	const facts = sessionFacts("s-2");
	for (const fact of facts) platform.attendance.record(fact);

	// Each fact is on local disk once the journal's next flush (grouped, off the event loop) is done.
	await platform.records.writer.flushed();
	const journal = await readFile(path.join(dataDir, "journal", "reception.jsonl"), "utf8");
	expect(journal.split("\n").filter((l) => l.includes('"op":"put"') && l.includes('"s-2"'))).toHaveLength(facts.length);

	// An outcome decided during the outage is accepted as pending, not lost.
	const outcome = await platform.records.outcomes.create(
		{
			sessionId: "s-2",
			caseId: "c-1",
			direction: "returned-to-locality",
			conclusion: "Công dân thống nhất trở về địa phương.",
			scopeEndpointIds: ["ep-province"],
		},
		{ userId: "u-chair", role: "chair", origin: "test" },
	);
	expect(outcome.pending).toBe(true);

	await platform.embeddedDatabase?.start();
	const stored = await eventually(async () => {
		const docs = await events.find({ sessionId: "s-2" }).sort({ at: 1 }).lean();
		return docs.length >= facts.length && platform.records.writer.pendingCount === 0 ? docs : undefined;
	}, 60_000);

	expect(stored).toHaveLength(facts.length);
	expect(stored.map((d) => [d.participantId, d.kind])).toEqual(facts.map((f) => [f.participantId, f.kind]));
	expect(new Set(stored.map((d) => d._id)).size).toBe(facts.length);
	expect(stored[3]).toMatchObject({ kind: "admitted", actorUserId: "u-chair", endpointId: "ep-commune" });
	expect(await events.countDocuments()).toBe(facts.length + 1);
	expect(await platform.records.outcomes.find({ sessionId: "s-2" })).toEqual([
		expect.objectContaining({ entityId: outcome.document.entityId, direction: "returned-to-locality", rev: 1 }),
	]);
	// Every write also reached the audit log once, and the chain verifies.
	const audit = await platform.records.verifyAudit();
	expect(audit).toMatchObject({ ok: true, entries: facts.length + 2, documents: facts.length + 2 });
});

it("replays what a stopped process left in its journal, once, even a write that landed before the crash, and no line without the audit key's MAC", {
	timeout: 120_000,
}, async () => {
	const dataDir = await tempDir("replay");
	cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
	const env = { MONGODB_URI: "", RB_DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: "2000" };
	const first = await startPlatform(env);
	first.attendance.record({
		sessionId: "s-3",
		endpointId: "e",
		userId: "u",
		userName: "Cán bộ u",
		participantId: "p",
		kind: "joined",
	});
	await eventually(async () => (first.records.writer.pendingCount === 0 ? true : undefined));
	const landed = await first.records.models.AttendanceEvent.findOne({ sessionId: "s-3" }).lean();

	await first.embeddedDatabase?.stop();
	const facts = sessionFacts("s-4");
	for (const fact of facts) first.attendance.record(fact);
	await first.stop();

	// A crash between the insert and its "done" line leaves a put for a write the database has.
	const journal = path.join(dataDir, "journal", "reception.jsonl");
	const { _id, ...rest } = landed as unknown as Record<string, unknown>;
	const payload = {
		model: "AttendanceEvent",
		document: { _id, ...rest, at: (rest.at as Date).toISOString() },
		actor: { userId: "u", origin: "signalling" },
		action: "insert",
	};
	const seal = new AuditSeal(first.config.AUDIT_KEY ?? "");
	const put = JSON.stringify({ op: "put", id: `AttendanceEvent/${String(_id)}`, payload });
	await appendFile(journal, `${put}\t${seal.journalMac(put)}\n`);
	// Lines slipped in by someone without the audit key: a forged fact, unsigned and wrongly signed.
	const forged = (sessionId: string) =>
		JSON.stringify({
			op: "put",
			id: `AttendanceEvent/forged-${sessionId}`,
			payload: { ...payload, document: { ...payload.document, _id: undefined, sessionId } },
		});
	const otherKey = new AuditSeal("another-key-another-key-another-key-0123");
	await appendFile(
		journal,
		`${forged("s-unsigned")}\n${forged("s-other-key")}\t${otherKey.journalMac(forged("s-other-key"))}\n`,
	);

	const second = await startPlatform(env);
	cleanups.push(() => second.stop());
	const events = second.records.models.AttendanceEvent;
	await eventually(async () => (second.records.writer.pendingCount === 0 ? true : undefined), 60_000);
	expect(await events.countDocuments({ sessionId: "s-4" })).toBe(facts.length);
	expect(await events.countDocuments({ sessionId: "s-3" })).toBe(1);
	expect(await events.countDocuments({ sessionId: { $in: ["s-unsigned", "s-other-key"] } })).toBe(0);
	const refused = await readFile(`${journal}.refused`, "utf8");
	expect(refused).toContain('"sessionId":"s-unsigned"');
	expect(refused).toContain('"sessionId":"s-other-key"');
	expect(await second.records.verifyAudit()).toMatchObject({ ok: true, entries: facts.length + 1 });
});
