import { afterAll, beforeAll, expect, it } from "vitest";
import { SIGN_IN_LIMITS } from "../../domain/api/auth.js";
import { DEMO_PASSWORD } from "../../server/records/demoTopology.js";
import { heapAfterGc, MB } from "../support/heap.js";
import { call, type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture({
		LOGIN_MAX_FAILURES: "3",
		LOGIN_ACCOUNT_MAX_FAILURES: "5",
		// Addresses come from X-Forwarded-For, so one test can sign in "from" many places.
		TRUST_PROXY: "1",
	});
});
afterAll(async () => {
	await fx?.platform.stop();
});

const login = (body: unknown, from = "198.51.100.1") =>
	call<{ error?: { code: string; issues?: { path: string }[] } }>(fx.base, "POST", "/auth/login", body, {
		"x-forwarded-for": from,
	});

it("keeps nothing of sign-ins with oversized fields: the heap does not grow with fresh huge usernames", async () => {
	const huge = (i: number) => `${i}-${"x".repeat(900_000)}`;
	await login({ username: huge(-1), password: "p" });
	const before = await heapAfterGc();
	const statuses = new Set<number>();
	for (let i = 0; i < 120; i++) {
		statuses.add((await login({ username: huge(i), password: "wrong" }, `203.0.113.${i % 250}`)).status);
	}
	const grown = (await heapAfterGc()) - before;
	// 120 requests of ~0.9 MB each: keeping any of them would show as tens of megabytes.
	expect(grown).toBeLessThan(30 * MB);
	expect([...statuses]).toEqual([400]);
});

it("refuses every oversized or wrongly typed sign-in field before it is counted, naming the field", async () => {
	const good = { username: "chutich.kh", password: DEMO_PASSWORD };
	const variants: [string, Record<string, unknown>][] = [
		["username", { ...good, username: "u".repeat(SIGN_IN_LIMITS.username + 1) }],
		["password", { ...good, password: "p".repeat(SIGN_IN_LIMITS.password + 1) }],
		["endpointId", { ...good, endpointId: "e".repeat(SIGN_IN_LIMITS.endpointId + 1) }],
		["username", { ...good, username: { $ne: "" } }],
		["username", { ...good, username: ["chutich.kh"] }],
		["password", { ...good, password: 12345678 }],
		["username", { password: DEMO_PASSWORD }],
	];
	for (const [field, body] of variants) {
		const res = await login(body, "198.51.100.7");
		expect(res.status, field).toBe(400);
		expect(res.body.error?.issues?.map((i) => i.path)).toContain(`body.${field}`);
	}
	// None of them counted as a failed attempt at this address.
	expect((await login(good, "198.51.100.7")).status).toBe(200);
	const refresh = await call(fx.base, "POST", "/auth/refresh", { refreshToken: "t".repeat(SIGN_IN_LIMITS.token + 1) });
	expect(refresh.status).toBe(400);
});

it("limits failed sign-ins to one account across addresses", async () => {
	for (let i = 0; i < 5; i++) {
		expect((await login({ username: "vanphong.ld", password: "doan-sai" }, `192.0.2.${i + 1}`)).status).toBe(401);
	}
	const blocked = await login({ username: "vanphong.ld", password: DEMO_PASSWORD }, "192.0.2.99");
	expect(blocked.status).toBe(429);
	expect(blocked.body.error?.code).toBe("TOO_MANY_ATTEMPTS");
	// Another account from the same address is unaffected.
	expect((await login({ username: "chutich.ld", password: DEMO_PASSWORD }, "192.0.2.99")).status).toBe(200);
});

it("answers an unknown username exactly as a wrong password", async () => {
	const unknown = await login({ username: "khong.ton.tai", password: "doan-sai" }, "198.51.100.50");
	const wrong = await login({ username: "chutich.kh", password: "doan-sai" }, "198.51.100.51");
	expect(unknown.status).toBe(401);
	expect(unknown.body).toEqual(wrong.body);
});
