// npx tsx bench/failover.ts [--runs 3] [--ttl 3000]: how long a live session's endpoints are without
// media when its hosting node dies (SIGKILL) or drains (SIGTERM), on docs/operations.md's layout on
// loopback (Redis, two node processes, nginx). Three endpoints (the app's SessionClient over
// libwebrtc, microphone and camera each) send and receive; the time runs from the signal until every
// endpoint receives every other's audio and video again on new consumers. Results: docs/performance.md.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { ClusterLayout } from "../scripts/cluster/ClusterLayout.js";
import { createLogger } from "../server/logger.js";
import { auditKeyOf } from "../server/records/secrets.js";
import {
	awaitMediaEverywhere,
	closeEndpoints,
	consumersNow,
	type SeatedEndpoint,
	seatEndpoints,
} from "../test/support/clusterSession.js";
import { identity, newSessionId } from "../test/support/liveRecord.js";
import { startBenchPlatform } from "./load/BenchPlatform.js";

const { values } = parseArgs({
	options: { runs: { type: "string", default: "3" }, ttl: { type: "string", default: "3000" } },
});
const runs = Number(values.runs);
const dir = await mkdtemp(path.join(os.tmpdir(), "rb-failover-"));
// The records and session tokens; its embedded database is the one the nodes share.
const records = await startBenchPlatform(path.join(dir, "records"), "load");
const layout = await ClusterLayout.start({
	dir,
	mongodbUri: records.embeddedDatabase?.uri ?? "",
	jwtSecret: records.config.JWT_SECRET ?? "",
	// The key the records platform generated into its data folder: every node verifies the same chain.
	auditKey: auditKeyOf(records.config, createLogger("error")),
	env: {
		SESSION_LOBBY: "off",
		RECONNECT_GRACE_MS: "60000",
		NODE_TTL_MS: values.ttl,
		LOG_LEVEL: process.env.CLUSTER_LOG ?? "warn",
	},
	log: process.env.CLUSTER_LOG ? "inherit" : "ignore",
});
const redis = new Redis(layout.redis.url);
const sessionId = newSessionId();
let endpoints: SeatedEndpoint[] = [];
const rows: { run: number; signal: string; takenOverMs: number; mediaMs: number }[] = [];

async function host() {
	const id = await redis.get(`rb:host:${sessionId}`);
	const node = layout.nodes.find((n) => n.id === id);
	if (!node) throw new Error(`nobody hosts the session (${id})`);
	return node;
}

try {
	endpoints = await seatEndpoints(layout.url, records, sessionId, [
		identity("Khánh Hòa", "chair", "province"),
		identity("Cam Ranh", "operator", "commune"),
		identity("Ninh Hòa", "operator", "commune"),
	]);
	await awaitMediaEverywhere(endpoints, 30_000);
	for (let run = 1; run <= runs; run++) {
		for (const signal of (process.env.FAILOVER_ORDER ?? "SIGKILL,SIGTERM").split(",") as NodeJS.Signals[]) {
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const victim = await host();
			const before = consumersNow(endpoints);
			const started = Date.now();
			const killed = victim.kill(signal);
			let takenOverMs = 0;
			const watching = (async () => {
				while ((await redis.get(`rb:host:${sessionId}`)) === victim.id) await new Promise((r) => setTimeout(r, 20));
				takenOverMs = Date.now() - started;
			})();
			await awaitMediaEverywhere(endpoints, 60_000, before).catch((err: unknown) => {
				for (const e of endpoints)
					console.log(e.who.name, e.client.state, e.states.join(" "), e.client.remoteTracks().length);
				throw err;
			});
			const mediaMs = Date.now() - started;
			await Promise.all([killed, watching]);
			rows.push({ run, signal, takenOverMs, mediaMs });
			console.log(
				`run ${run} ${signal}: session taken over after ${takenOverMs} ms, media everywhere after ${mediaMs} ms`,
			);
			await victim.start();
		}
	}
	for (const signal of ["SIGKILL", "SIGTERM"]) {
		const mine = rows.filter((r) => r.signal === signal).map((r) => r.mediaMs);
		const sorted = [...mine].sort((a, b) => a - b);
		console.log(
			`${signal}: media everywhere again after median ${sorted[Math.floor(sorted.length / 2)]} ms ` +
				`(min ${sorted[0]}, max ${sorted.at(-1)}, ${mine.length} runs, NODE_TTL_MS ${values.ttl})`,
		);
	}
} finally {
	closeEndpoints(endpoints);
	redis.disconnect();
	await layout.stop();
	await records.stop();
	if (!process.env.KEEP) await rm(dir, { recursive: true, force: true });
	else console.log("kept", dir);
}
