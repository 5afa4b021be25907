import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { DEMO_PASSWORD, seedDemo } from "../../server/records/demoTopology.js";
import { startPlatform } from "../support/platform.js";

let platform: Platform;

beforeAll(async () => {
	platform = await startPlatform({ LOGIN_MAX_FAILURES: "3" });
	await seedDemo(platform.records, 4);
});
afterAll(async () => {
	await platform?.stop();
});

function login(username: string, password: string): Promise<Response> {
	return fetch(`http://127.0.0.1:${platform.port}/api/auth/login`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ username, password }),
	});
}

it("stops password guessing on one account after the allowed failures, and leaves other accounts alone", async () => {
	for (let i = 0; i < 3; i++) expect((await login("chutich.kh", "doan-mat-khau")).status).toBe(401);
	const blocked = await login("chutich.kh", DEMO_PASSWORD);
	expect(blocked.status).toBe(429);
	expect(await blocked.json()).toEqual({
		error: { code: "TOO_MANY_ATTEMPTS", message: "too many failed sign-ins; wait and try again" },
	});
	expect((await login("vanphong.kh", DEMO_PASSWORD)).status).toBe(200);
});
