import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../../server/net.js";
import { LOOPBACK_ENV } from "../support/loopback.js";
import { eventually, getJson, tempDir } from "../support/platform.js";
import { call, type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
let second: ChildProcess | undefined;
let secondBase = "";
let journalDir = "";
let output = "";

beforeAll(async () => {
	fx = await startRecordsFixture();
	// A second platform process on the same database (its own journal), as a second server would be.
	journalDir = await tempDir("journal");
	const port = await freePort();
	second = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
		env: {
			...process.env,
			...LOOPBACK_ENV,
			PORT: String(port),
			MONGODB_URI: fx.platform.config.MONGODB_URI,
			JWT_SECRET: fx.platform.config.JWT_SECRET,
			AUDIT_KEY: fx.platform.config.AUDIT_KEY,
			DEMO_SEED: "off",
			RB_JOURNAL_DIR: journalDir,
		},
		stdio: ["ignore", "pipe", "pipe"],
	});
	second.stdout?.on("data", (d) => {
		output += d;
	});
	second.stderr?.on("data", (d) => {
		output += d;
	});
	await eventually(async () => {
		if (second?.exitCode !== null) throw new Error(`second platform exited:\n${output}`);
		const r = await getJson(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
		return r?.status === 200 ? true : undefined;
	}, 90_000);
	secondBase = `http://127.0.0.1:${port}/api`;
}, 120_000);

afterAll(async () => {
	if (second && second.exitCode === null) {
		const exited = once(second, "exit");
		second.kill("SIGTERM");
		await exited;
	}
	await fx?.platform.stop();
	if (journalDir) await rm(journalDir, { recursive: true, force: true });
});

it("50 cases entered at once at one endpoint through two platform processes get 50 consecutive numbers", async () => {
	const operator = await fx.as("canbo.nhatrang");
	const body = (i: number) => ({
		receivedAt: new Date().toISOString(),
		endpointId: fx.seed.endpoints["KH-NHATRANG"],
		citizens: [
			{ fullName: `Công dân ${i}`, address: "Phường Nha Trang", idNumber: `0560800${String(i).padStart(5, "0")}` },
		],
		peopleCount: 1,
		summary: `Kiến nghị số ${i}`,
		contentType: "petition",
		field: "admin.other",
		request: "Đề nghị xem xét.",
	});
	const headers = { authorization: `Bearer ${operator.accessToken}` };
	const answers = await Promise.all(
		Array.from({ length: 50 }, (_, i) =>
			call<{ registerSeq: number; registerNumber: string }>(
				i % 2 === 0 ? fx.base : secondBase,
				"POST",
				"/cases",
				body(i),
				headers,
			),
		),
	);
	// 202: journalled, landing a moment later (the writers queue behind each other); the number is in the answer.
	expect(answers.every((a) => a.status === 201 || a.status === 202)).toBe(true);
	const seqs = answers.map((a) => a.body.registerSeq).sort((a, b) => a - b);
	expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
	expect(new Set(answers.map((a) => a.body.registerNumber)).size).toBe(50);
	const stored = await eventually(async () => {
		const list = await operator.request<{ items: { registerSeq: number }[]; total: number }>(
			"GET",
			`/cases?endpoint=${fx.seed.endpoints["KH-NHATRANG"]}&limit=200`,
		);
		return list.body.total === 50 ? list.body.items.map((c) => c.registerSeq) : undefined;
	}, 30_000);
	expect(stored.sort((a, b) => a - b)).toEqual(seqs);
});
