import { afterAll, beforeAll, expect, it } from "vitest";
import { PresenceClient } from "../../client/src/health/PresenceClient.js";
import type { ErrorBody } from "../../domain/errors.js";
import type { SessionChange } from "../../signaling/presenceProtocol.js";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
const clients: PresenceClient[] = [];

beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	for (const c of clients) c.close();
	await fx?.platform.stop();
});

/** A signed-in user's presence channel, collecting what it is pushed about sessions. */
async function listen(username: string): Promise<SessionChange[]> {
	const client = new PresenceClient({
		url: `http://127.0.0.1:${fx.platform.port}`,
		token: (await fx.as(username)).accessToken,
	});
	clients.push(client);
	const changes: SessionChange[] = [];
	client.on("sessionChanged", (c) => changes.push(c));
	await eventually(async () => (client.connected ? true : undefined));
	return changes;
}

const sessionPath = () => `/sessions/${fx.seed.sessionId}`;

it("pushes a session's steps, outcomes and attendance to the clients whose scope covers it", async () => {
	const operator = await listen("canbo.nhatrang");
	const observer = await listen("quansat.kh");
	const otherProvince = await listen("canbo.xuanhuong");
	const secretariat = await listen("vanphong.kh");

	const secretary = await fx.as("vanphong.kh");
	expect((await secretary.request("POST", `${sessionPath()}/transitions`, { to: "open" })).status).toBe(201);
	await eventually(async () => (operator.some((c) => c.status === "open") ? true : undefined));
	expect(operator.at(-1)).toMatchObject({ sessionId: fx.seed.sessionId, aspect: "session", status: "open", rev: 2 });
	await eventually(async () => (observer.some((c) => c.status === "open") ? true : undefined));

	expect((await secretary.request("POST", `${sessionPath()}/transitions`, { to: "live" })).status).toBe(201);
	const outcome = await secretary.request("POST", "/outcomes", {
		sessionId: fx.seed.sessionId,
		caseId: fx.seed.caseId,
		direction: "guide",
		conclusion: "Hướng dẫn công dân gửi đơn đến UBND phường.",
	});
	expect(outcome.status).toBe(201);
	await eventually(async () => (secretariat.some((c) => c.aspect === "outcomes") ? true : undefined));
	await eventually(async () => (operator.some((c) => c.aspect === "outcomes") ? true : undefined));
	// Observers may not read outcomes: they are not told of them; another province hears of nothing.
	await new Promise((r) => setTimeout(r, 300));
	expect(observer.some((c) => c.aspect === "outcomes")).toBe(false);
	expect(otherProvince).toEqual([]);
});

it("refuses a second outcome for one case in one session with its own code", async () => {
	const secretary = await fx.as("vanphong.kh");
	const again = await secretary.request<{ error: ErrorBody }>("POST", "/outcomes", {
		sessionId: fx.seed.sessionId,
		caseId: fx.seed.caseId,
		direction: "accept",
		conclusion: "Thụ lý giải quyết.",
	});
	expect(again).toMatchObject({ status: 409, body: { error: { code: "ALREADY_RECORDED" } } });
});

it("refuses implausible input naming each field, its issue and its bound", async () => {
	const secretary = await fx.as("vanphong.kh");
	const session = (await secretary.request<{ plannedStart: string }>("GET", sessionPath())).body;
	const outcomes = (
		await secretary.request<{ items: { id: string }[] }>("GET", `/outcomes?sessionId=${fx.seed.sessionId}`)
	).body.items;
	const change = (changes: Record<string, unknown>) =>
		secretary.request<{ error: ErrorBody }>("PATCH", `/outcomes/${outcomes[0]?.id}`, { changes });

	const longConclusion = await change({ conclusion: "x".repeat(21_000) });
	expect(longConclusion.status).toBe(400);
	expect(longConclusion.body.error.issues).toEqual([
		expect.objectContaining({ path: "changes.conclusion", code: "too_long", limit: 10_000 }),
	]);

	const early = await change({
		assignments: [{ agency: "Sở Tài nguyên", task: "Rà soát", deadline: "2020-01-01", reportTo: "UBND tỉnh" }],
	});
	expect(early.status).toBe(400);
	const [issue] = early.body.error.issues ?? [];
	expect(issue).toMatchObject({ path: "body.assignments.0.deadline", code: "too_early" });
	// The bound is midnight in Vietnam of the session's day.
	expect(new Date(String(issue?.limit)).getTime()).toBeLessThanOrEqual(new Date(session.plannedStart).getTime());

	expect((await secretary.request("POST", `${sessionPath()}/transitions`, { to: "ended" })).status).toBe(201);
	const missing = await secretary.request<{ error: ErrorBody }>("POST", `${sessionPath()}/transitions`, {
		to: "concluded",
	});
	expect(missing.body.error).toMatchObject({
		code: "VALIDATION_ERROR",
		issues: [{ path: "body.notice", code: "required" }],
	});
	const noRecipients = await secretary.request<{ error: ErrorBody }>("POST", `${sessionPath()}/transitions`, {
		to: "concluded",
		notice: { number: "12/TB-UBND", recipients: Array.from({ length: 51 }, (_, i) => `Nơi nhận ${i}`) },
	});
	expect(noRecipients.body.error.issues).toEqual([
		expect.objectContaining({ path: "body.notice.recipients", code: "too_many", limit: 50 }),
	]);
});
