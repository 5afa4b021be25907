import { afterAll, beforeAll, expect, it } from "vitest";
import { type RecordsFixture, sampleCase, startRecordsFixture } from "../support/records.js";

/**
 * Retries under an Idempotency-Key get the first answer, status and body, whatever the write:
 * a change with `expectedRev` is not refused as stale by its own first try, nor written twice.
 * (test/integration/openapi.test.ts retries every documented write the same way.)
 */

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture({ SESSION_LOBBY: "on" });
});
afterAll(async () => {
	await fx?.platform.stop();
});

const at = (code: string) => fx.seed.endpoints[code] ?? "";

async function newCase(): Promise<string> {
	const operator = await fx.as("canbo.nhatrang");
	const created = await operator.request("POST", "/cases", sampleCase(at("KH-NHATRANG")));
	expect(created.status).toBe(201);
	return String(created.body.id);
}

it("answers a retried change with its first answer, not a second revision or a conflict", async () => {
	const operator = await fx.as("canbo.nhatrang");
	const id = await newCase();
	const key = { "idempotency-key": "patch-retry-1" };
	const change = { changes: { request: "Hòa giải lần hai." }, expectedRev: 1 };
	const first = await operator.request("PATCH", `/cases/${id}`, change, key);
	expect(first.status).toBe(201);
	expect(first.body.rev).toBe(2);
	for (let i = 0; i < 3; i++) {
		const retry = await operator.request("PATCH", `/cases/${id}`, change, key);
		expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
		expect(retry.headers.get("idempotent-replayed")).toBe("true");
	}
	const history = await operator.request<{ items: { rev: number }[] }>("GET", `/cases/${id}/history`);
	expect(history.body.items.map((r) => r.rev)).toEqual([1, 2]);
});

it("lands concurrent retries once, each answered alike", async () => {
	const operator = await fx.as("canbo.nhatrang");
	const id = await newCase();
	const key = { "idempotency-key": "patch-concurrent" };
	const change = { changes: { request: "Đối thoại." }, expectedRev: 1 };
	const answers = await Promise.all(
		Array.from({ length: 5 }, () => operator.request("PATCH", `/cases/${id}`, change, key)),
	);
	for (const a of answers) expect({ status: a.status, body: a.body }).toEqual({ status: 201, body: answers[0]?.body });
	const history = await operator.request<{ items: unknown[] }>("GET", `/cases/${id}/history`);
	expect(history.body.items).toHaveLength(2);
});

it("answers a retried lifecycle step with its first answer", async () => {
	const secretariat = await fx.as("vanphong.kh");
	const session = fx.seed.sessionId ?? "";
	const key = { "idempotency-key": "open-the-session" };
	const first = await secretariat.request("POST", `/sessions/${session}/transitions`, { to: "open" }, key);
	expect(first.status).toBe(201);
	const retry = await secretariat.request("POST", `/sessions/${session}/transitions`, { to: "open" }, key);
	expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
	// Without the key the same step is a second request, refused as the record now stands.
	const again = await secretariat.request("POST", `/sessions/${session}/transitions`, { to: "open" });
	expect(again.status).toBe(409);
});

it("keeps the first refusal too, and refuses a key reused for another request", async () => {
	const operator = await fx.as("canbo.nhatrang");
	const id = await newCase();
	const key = { "idempotency-key": "stale-then-retried" };
	const stale = { changes: { request: "x" }, expectedRev: 7 };
	const first = await operator.request("PATCH", `/cases/${id}`, stale, key);
	expect(first.status).toBe(409);
	const retry = await operator.request("PATCH", `/cases/${id}`, stale, key);
	expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
	const other = await operator.request<{ error: { code: string; issues: { path: string }[] } }>(
		"PATCH",
		`/cases/${id}`,
		{ changes: { request: "y" }, expectedRev: 1 },
		key,
	);
	expect(other.status).toBe(400);
	expect(other.body.error.issues[0]?.path).toBe("header.idempotency-key");
	for (const bad of ["x".repeat(256), "with space", "tab\there"]) {
		const refused = await operator.request("PATCH", `/cases/${id}`, stale, { "idempotency-key": bad });
		expect(refused.status, bad.slice(0, 20)).toBe(400);
	}
});

it("keys are per user: another user's same key is their own request", async () => {
	const a = await fx.as("canbo.nhatrang");
	const b = await fx.as("vanphong.kh");
	const id = await newCase();
	const key = { "idempotency-key": "shared-key" };
	const first = await a.request("PATCH", `/cases/${id}`, { changes: { request: "A" } }, key);
	const second = await b.request("PATCH", `/cases/${id}`, { changes: { request: "B" } }, key);
	expect([first.status, second.status]).toEqual([201, 201]);
	expect(second.body.rev).toBe(3);
	expect(second.headers.get("idempotent-replayed")).toBeNull();
});

it("a retry after the kept answer is lost still gets the revision that landed, not an invented one", async () => {
	const operator = await fx.as("canbo.nhatrang");
	const id = await newCase();
	const key = { "idempotency-key": "answer-lost" };
	const change = { changes: { request: "Lần một." }, expectedRev: 1 };
	const first = await operator.request("PATCH", `/cases/${id}`, change, key);
	await fx.platform.database.connection.collection("idempotentanswers").deleteMany({});
	const retry = await operator.request("PATCH", `/cases/${id}`, change, key);
	expect(retry.body.rev).toBe(2);
	expect(retry.body.revisionId).toBe(first.body.revisionId);
	const history = await operator.request<{ items: unknown[] }>("GET", `/cases/${id}/history`);
	expect(history.body.items).toHaveLength(2);
});
