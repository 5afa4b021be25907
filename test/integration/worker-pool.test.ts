import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { eventually, getJson, startPlatform } from "../support/platform.js";

let platform: Platform;

beforeAll(async () => {
	platform = await startPlatform({ MEDIASOUP_WORKERS: "2", WORKER_RESPAWN_DELAY_MS: "1500" });
});

afterAll(async () => {
	await platform?.stop();
});

it("replaces a killed worker, and /readyz reports the outage and then the recovery", async () => {
	const readyz = `http://127.0.0.1:${platform.port}/readyz`;
	expect((await getJson(readyz)).status).toBe(200);

	const victim = platform.workers.status()[0];
	if (!victim?.pid) throw new Error("no worker in slot 0");
	process.kill(victim.pid, "SIGKILL");

	const outage = await eventually(async () => {
		const r = await getJson(readyz);
		return r.status === 503 ? r.body : undefined;
	});
	expect(outage).toMatchObject({
		ready: false,
		checks: { database: { ready: true }, workers: { ready: false, reason: "1 of 2 workers not alive" } },
	});

	const recovered = await eventually(async () => {
		const r = await getJson(readyz);
		return r.status === 200 ? r.body : undefined;
	});
	expect(recovered).toMatchObject({ ready: true });
	const slots = platform.workers.status();
	expect(slots.every((s) => s.alive)).toBe(true);
	expect(slots[0]?.pid).not.toBe(victim.pid);
});
