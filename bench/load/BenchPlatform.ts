import type { types } from "mediasoup";
import { loadConfig } from "../../server/config.js";
import { createLogger } from "../../server/logger.js";
import { Platform } from "../../server/Platform.js";
import { LOOPBACK_ENV } from "../../test/support/loopback.js";
import type { MediaGenerator } from "./MediaGenerator.js";
import { PlatformSession, type SfuSession, sessionTokenFor } from "./SfuSession.js";
import { BENCH_PASSWORD, type BenchUser } from "./topology.js";

/**
 * The platform as the benchmark runs it: the process's own code on loopback with the embedded
 * database in `dataDir`, two workers, the lobby off (endpoints enter directly) and cheap password
 * hashes; `spread` chooses how sessions spread over the workers.
 */
export async function startBenchPlatform(dataDir: string, spread: "load" | "always"): Promise<Platform> {
	const config = loadConfig({
		...process.env,
		...LOOPBACK_ENV,
		RB_DATA_DIR: dataDir,
		DEMO_SEED: "off",
		SESSION_LOBBY: "off",
		BCRYPT_ROUNDS: "4",
		MEDIASOUP_WORKERS: "2",
		SESSION_SPREAD: spread,
		JWT_SECRET: "bench-secret-for-signing-tokens-0123456789",
		AUDIT_KEY: "bench-audit-key-for-the-hmac-chain-0123456789",
	});
	// Warnings would be the alert monitor noticing that the benchmark's endpoints have no presence client.
	const platform = new Platform(config, createLogger("error"));
	await platform.start();
	return platform;
}

/** What the scenarios run against: the platform (HTTP sign-in, Socket.IO) or a bare router. */
export interface Sfu {
	readonly name: string;
	/** One endpoint's session: signs in as `user` and connects, for the platform. */
	connect(user: BenchUser, sessionId: string): Promise<SfuSession>;
	/** The worker processes that carry `sessionId`, by name, for CPU accounting. */
	workerPids(sessionId?: string): Promise<Record<string, number>>;
	/** The UDP sockets the SFU's media arrives on: one per worker, with the worker's pid. */
	mediaSockets(): Promise<{ pid: number; port: number }[]>;
}

/** The UDP port of a WebRtcServer, from the worker's own dump. */
export async function udpPortOf(server: types.WebRtcServer): Promise<number[]> {
	const dump = (await server.dump()) as { udpSockets?: { port: number }[] };
	return (dump.udpSockets ?? []).map((s) => s.port);
}

export function platformSfu(platform: Platform): Sfu {
	const origin = `http://127.0.0.1:${platform.port}`;
	return {
		name: "platform",
		async connect(user, sessionId) {
			const token = await sessionTokenFor(origin, { username: user.username, password: BENCH_PASSWORD }, sessionId);
			return PlatformSession.connect(origin, token);
		},
		async workerPids() {
			return Object.fromEntries(platform.workers.workers.map((w, i) => [`worker ${i}`, w.pid]));
		},
		async mediaSockets() {
			const sockets = await Promise.all(
				platform.workers.workers.map(async (w) =>
					(await udpPortOf(platform.workers.webRtcServer(w))).map((port) => ({ pid: w.pid, port })),
				),
			);
			return sockets.flat();
		},
	};
}

/** Processes whose CPU every measurement reports besides the workers. */
export function generatorPids(media: MediaGenerator): Record<string, number> {
	return { generator: media.pid, "node (platform + orchestrator)": process.pid };
}
