import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { DEMO_PASSWORD, seedDemo } from "../../server/records/demoTopology.js";
import { eventually, startPlatform, tempDir } from "../support/platform.js";
import { call, sampleCase } from "../support/records.js";

/**
 * The record journal groups fsyncs off the event loop, is bounded while the database is away, and
 * pushes back (503, retryable) past its bound: every write that was acknowledged (201 or 202) lands
 * once the database returns; nothing refused was acknowledged.
 */

let platform: Platform;
let dataDir: string;
let endpointId: string;
let token: string;
beforeAll(async () => {
	dataDir = await tempDir("journal-bound");
	platform = await startPlatform({
		MONGODB_URI: "",
		RB_DATA_DIR: dataDir,
		RECORD_WRITE_WAIT_MS: "100",
		JOURNAL_MAX_PENDING: "12",
		BCRYPT_ROUNDS: "4",
	});
	const demo = await seedDemo(platform.records, 4);
	endpointId = demo.endpoints["KH-NHATRANG"] ?? "";
	const login = await call<{ accessToken: string }>(base(), "POST", "/auth/login", {
		username: "canbo.nhatrang",
		password: DEMO_PASSWORD,
	});
	token = login.body.accessToken;
}, 60_000);
afterAll(async () => {
	await platform?.stop();
	await rm(dataDir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${platform.port}/api`;
const journalFile = () => path.join(dataDir, "journal", "reception.jsonl");
const postCase = (summary: string) =>
	call<{ id?: string; pending?: boolean; error?: { code: string } }>(
		base(),
		"POST",
		"/cases",
		sampleCase(endpointId, { summary }),
		{ authorization: `Bearer ${token}` },
	);

it("groups the fsyncs of writes made together", async () => {
	const before = platform.records.writer.journalFlushes;
	for (let i = 0; i < 20; i++) {
		platform.attendance.record({
			sessionId: "s-grouped",
			endpointId,
			userId: `u-${i}`,
			userName: `Cán bộ ${i}`,
			participantId: `p-${i}`,
			kind: "joined",
		});
	}
	await platform.records.writer.flushed();
	const flushes = platform.records.writer.journalFlushes - before;
	expect(flushes).toBeGreaterThan(0);
	expect(flushes).toBeLessThan(20);
	const events = platform.records.models.AttendanceEvent;
	await eventually(async () => ((await events.countDocuments({ sessionId: "s-grouped" })) === 20 ? true : undefined));
	// Every write done: the file starts afresh (it never grows without bound).
	await eventually(async () => {
		const size = (await stat(journalFile())).size;
		return size === 0 && platform.records.writer.pendingCount === 0 ? true : undefined;
	});
});

it("refuses writes past its bound while the database is away, and lands every acknowledged one when it returns", {
	timeout: 120_000,
}, async () => {
	await platform.embeddedDatabase?.stop();
	const acknowledged: string[] = [];
	let refused = 0;
	for (let i = 0; i < 20; i++) {
		try {
			const outcome = await platform.records.outcomes.create(
				{
					sessionId: "s-outage",
					caseId: `c-${i}`,
					direction: "returned-to-locality",
					conclusion: `Công dân số ${i} thống nhất trở về địa phương.`,
					scopeEndpointIds: [endpointId],
				},
				{ userId: "u-chair", role: "chair", origin: "test" },
			);
			expect(outcome.pending).toBe(true);
			acknowledged.push(String(outcome.document.entityId));
		} catch (err) {
			expect(err).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
			refused++;
		}
	}
	expect(acknowledged).toHaveLength(12);
	expect(refused).toBe(8);
	// What was acknowledged is on disk, once each.
	const lines = (await readFile(journalFile(), "utf8")).split("\n").filter((l) => l.includes('"op":"put"'));
	for (const id of acknowledged) expect(lines.filter((l) => l.includes(`"entityId":"${id}"`))).toHaveLength(1);

	await platform.embeddedDatabase?.start();
	const outcomes = platform.records.models.Outcome;
	await eventually(async () => {
		const landed = await outcomes.countDocuments({ entityId: { $in: acknowledged } });
		return landed === acknowledged.length ? true : undefined;
	}, 60_000);
	// Room again: a new write is accepted.
	const after = await eventually(async () => {
		const answer = await postCase("Đề nghị sau khi cơ sở dữ liệu trở lại hoạt động bình thường.");
		return answer.status === 201 ? answer : undefined;
	}, 30_000);
	expect(after.body.pending).toBe(false);
	expect((await platform.records.verifyAudit()).ok).toBe(true);
});
