import { stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { createLogger } from "../../server/logger.js";
import { Platform } from "../../server/Platform.js";
import { LOOPBACK_ENV } from "../support/loopback.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture({ SESSION_LOBBY: "on" });
});
afterAll(async () => {
	await fx?.platform.stop();
});

it("refuses query operators on every list instead of ignoring them", async () => {
	const client = await fx.as("trunguong");
	for (const query of ["status[$ne]=cancelled", "status%5B%24ne%5D=x", "role[$in]=chair", "$where=1", "a.b=1"]) {
		for (const list of ["/sessions", "/cases", "/users", "/outcomes"]) {
			const res = await client.request<{ error: { code: string } }>("GET", `${list}?${query}`);
			expect(res.status, `${list}?${query}`).toBe(400);
			expect(res.body.error.code).toBe("VALIDATION_ERROR");
		}
	}
	expect((await client.request("GET", "/sessions?status=scheduled")).status).toBe(200);
});

it("keeps the journal to the platform's own user, and allows sockets only to its own origin", async () => {
	const journal = fx.platform.config.RB_JOURNAL_DIR ?? path.join(fx.platform.config.RB_DATA_DIR, "journal");
	await fx.platform.records.sessions.revise(
		fx.seed.sessionId ?? "",
		{ title: "Phiên có nhật ký" },
		{ kind: "update" },
		{ userId: "test", role: "central", origin: "test" },
	);
	const database = new URL(fx.platform.config.MONGODB_URI ?? "").pathname.slice(1);
	const file = await stat(path.join(journal, `${database}.jsonl`));
	expect((file.mode & 0o777).toString(8)).toBe("600");
	const res = await fetch(`http://127.0.0.1:${fx.platform.port}/`);
	const csp = res.headers.get("content-security-policy") ?? "";
	expect(csp).toMatch(/connect-src 'self'(;|$)/);
});

it("refuses to start on its own database without a chosen JWT secret", () => {
	const config = loadConfig({
		...process.env,
		...LOOPBACK_ENV,
		MONGODB_URI: fx.platform.config.MONGODB_URI ?? "",
		JWT_SECRET: "",
	});
	expect(() => new Platform(config, createLogger("silent"))).toThrow(/JWT_SECRET/);
});

it("tells the room when the chair denies a waiting endpoint", async () => {
	const sessionId = newSessionId();
	const chair = await connectPeer(fx.platform, sessionId, identity("chu-tri-tu-choi", "chair", "province"));
	await chair.join();
	const waiting = await connectPeer(fx.platform, sessionId, identity("xa-cho", "operator", "commune"));
	const seat = await waiting.join();
	await chair.call("deny", { participantId: seat.participantId });
	expect(await chair.waitFor("participantLeft", (l) => l.participantId === seat.participantId)).toEqual({
		participantId: seat.participantId,
		reason: "denied",
	});
	await waiting.close();
	await chair.close();
});
