import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ClusterLayout } from "../../scripts/cluster/ClusterLayout.js";
import type { NodeProcess } from "../../scripts/cluster/NodeProcess.js";
import type { NodeEntry } from "../../server/cluster/NodeRegistry.js";
import type { Platform } from "../../server/Platform.js";
import {
	awaitMediaEverywhere,
	closeEndpoints,
	consumersNow,
	type SeatedEndpoint,
	seatEndpoints,
} from "../support/clusterSession.js";
import { eventually, startPlatform, tempDir } from "../support/platform.js";
import { identity, newSessionId } from "../support/session.js";

// Redis, two nodes as their own processes and nginx, all on loopback; one session of three real
// WebRTC endpoints lives through a Redis restart, its host's SIGKILL, and the next host's drain.
let records: Platform;
let layout: ClusterLayout;
let redis: Redis;
let endpoints: SeatedEndpoint[] = [];
const sessionId = newSessionId();

beforeAll(async () => {
	// Records and session tokens for the test, on the nodes' database; not a node of the cluster.
	records = await startPlatform();
	layout = await ClusterLayout.start({
		dir: await tempDir("cluster"),
		mongodbUri: records.config.MONGODB_URI ?? "",
		jwtSecret: records.config.JWT_SECRET ?? "",
		auditKey: records.config.AUDIT_KEY ?? "",
		env: { SESSION_LOBBY: "off", RECONNECT_GRACE_MS: "60000", LOG_LEVEL: process.env.CLUSTER_LOG ?? "warn" },
		log: process.env.CLUSTER_LOG ? "inherit" : "ignore",
	});
	redis = new Redis(layout.redis.url, { maxRetriesPerRequest: null });
	redis.on("error", () => undefined);
	endpoints = await seatEndpoints(layout.url, records, sessionId, [
		identity("Khánh Hòa", "chair", "province"),
		identity("Cam Ranh", "operator", "commune"),
		identity("Ninh Hòa", "operator", "commune"),
	]);
}, 120_000);
afterAll(async () => {
	closeEndpoints(endpoints);
	redis?.disconnect();
	try {
		await layout?.stop();
	} finally {
		await records?.stop();
	}
});

async function nodesInRegistry(): Promise<NodeEntry[]> {
	const values = await redis.mget(layout.nodes.map((n) => `rb:node:${n.id}`));
	return values.flatMap((v) => (v ? [JSON.parse(v) as NodeEntry] : []));
}

async function hostingNode(): Promise<NodeProcess> {
	const id = await redis.get(`rb:host:${sessionId}`);
	const node = layout.nodes.find((n) => n.id === id);
	if (!node) throw new Error(`no live node hosts the session (${id})`);
	return node;
}

async function attendance(): Promise<{ participantId: string; kind: string }[]> {
	const events = records.database.connection.collection("attendanceevents");
	return (await events.find({ sessionId }).sort({ at: 1 }).toArray()) as never;
}

it("seats three endpoints whose sockets sit on both nodes, all media through the hosting node", async () => {
	await awaitMediaEverywhere(endpoints, 30_000);
	const nodes = await eventually(async () => {
		const entries = await nodesInRegistry();
		return entries.length === 2 && entries.every((n) => n.sockets > 0) ? entries : undefined;
	});
	expect(nodes.filter((n) => n.sessions === 1)).toHaveLength(1);
	expect((await hostingNode()).running).toBe(true);
});

it("keeps media flowing through a Redis restart, and signalling works again once it is back", async () => {
	const host = await hostingNode();
	const consumers = consumersNow(endpoints);
	await layout.redis.restart(2000);
	// The media path never touched Redis: the same consumers keep receiving.
	await awaitMediaEverywhere(endpoints, 20_000, new Set());
	expect(consumersNow(endpoints)).toEqual(consumers);
	// Signalling across nodes again: a chair action reaches every endpoint, and nobody was moved.
	const [chair, operator] = endpoints as [SeatedEndpoint, SeatedEndpoint];
	await eventually(async () =>
		chair.client
			.request("setChairMute", { participantId: operator.participantId, muted: true })
			.then(() => true)
			.catch(() => undefined),
	);
	await eventually(async () => (operator.client.me?.chairMuted ? true : undefined));
	await chair.client.request("setChairMute", { participantId: operator.participantId, muted: false });
	expect(await hostingNode()).toBe(host);
	expect(endpoints.every((e) => e.ended.length === 0)).toBe(true);
}, 90_000);

it("takes the session over within 30 s when its hosting node is killed: same seats, media again, attendance continuous", async () => {
	const host = await hostingNode();
	const before = consumersNow(endpoints);
	const ids = endpoints.map((e) => e.participantId);
	await host.kill("SIGKILL");
	// Every endpoint receives every other's audio and video again on new consumers, through the other node.
	await awaitMediaEverywhere(endpoints, 30_000, before);
	expect((await hostingNode()).id).not.toBe(host.id);
	expect(endpoints.map((e) => e.client.participantId)).toEqual(ids);
	expect(endpoints.every((e) => e.ended.length === 0)).toBe(true);
	const events = await eventually(async () => {
		const all = await attendance();
		return ids.every((id) => all.some((e) => e.participantId === id && e.kind === "reconnected")) ? all : undefined;
	});
	// A reconnection, never a leave and a new join: each participant joined once and never left.
	for (const id of ids) {
		const mine = events.filter((e) => e.participantId === id).map((e) => e.kind);
		expect(mine.filter((k) => k === "joined")).toHaveLength(1);
		expect(mine).not.toContain("left");
		expect(mine).toContain("reconnecting");
	}
	expect(events.map((e) => e.participantId).every((id) => ids.includes(id))).toBe(true);
	await host.start();
}, 120_000);

it("moves the session off a node that is told to stop (SIGTERM), with no endpoint seeing the session end", async () => {
	await eventually(async () => ((await nodesInRegistry()).length === 2 ? true : undefined));
	const host = await hostingNode();
	const before = consumersNow(endpoints);
	await host.kill("SIGTERM");
	await awaitMediaEverywhere(endpoints, 30_000, before);
	expect((await hostingNode()).id).not.toBe(host.id);
	expect(endpoints.every((e) => e.ended.length === 0)).toBe(true);
	const events = await attendance();
	expect(events.filter((e) => e.kind === "session-ended" || e.kind === "left")).toEqual([]);
}, 120_000);
