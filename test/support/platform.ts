import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { inject } from "vitest";
import { loadConfig } from "../../server/config.js";
import { createLogger, type Logger } from "../../server/logger.js";
import { Platform, type PlatformOptions } from "../../server/Platform.js";
import { LOOPBACK_ENV } from "./loopback.js";

/** A unique database name per test file, so files never see each other's documents. */
export function testDatabaseUri(): string {
	const url = new URL(inject("mongodbUri"));
	url.pathname = `/rb_test_${process.pid}_${Date.now()}`;
	return url.toString();
}

export function tempDir(prefix: string): Promise<string> {
	return mkdtemp(path.join(os.tmpdir(), `rb-${prefix}-`));
}

/** A platform on a random loopback port; `env` overrides settings as the environment would. */
export async function startPlatform(
	env: Record<string, string> = {},
	logger?: Logger,
	options: PlatformOptions = {},
): Promise<Platform> {
	const config = loadConfig({
		...process.env,
		...LOOPBACK_ENV,
		// Tests make the records they need; the embedded default's demo topology would be in the way.
		DEMO_SEED: "off",
		JWT_SECRET: "test-secret-for-signing-tokens-0123456789",
		AUDIT_KEY: "test-audit-key-for-the-hmac-chain-0123456789",
		MONGODB_URI: testDatabaseUri(),
		...env,
	});
	const platform = new Platform(config, logger ?? createLogger(config.LOG_LEVEL), options);
	await platform.start();
	return platform;
}

export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
	const res = await fetch(url);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Polls until `check` returns a value, for things that become true a little later (a respawn). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** A logger that keeps every line it writes, to assert on what an operator would read in the log. */
export function recordingLogger(level = "info"): { logger: Logger; lines: Record<string, unknown>[] } {
	const lines: Record<string, unknown>[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString().split("\n"))
				if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
			done();
		},
	});
	return { logger: pino({ level }, sink), lines };
}
