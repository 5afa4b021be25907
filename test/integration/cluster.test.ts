import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RedisServer } from "../../scripts/cluster/RedisServer.js";
import type { Platform } from "../../server/Platform.js";
import type {
	EndpointPresenceInfo,
	PresenceClientToServerEvents,
	PresenceServerToClientEvents,
	PresenceWelcome,
} from "../../signaling/presenceProtocol.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform, tempDir } from "../support/platform.js";
import { connectPeer, identity, newSessionId, official } from "../support/session.js";

type PresenceClient = Socket<PresenceServerToClientEvents, PresenceClientToServerEvents>;

let redis: RedisServer;
let nodeA: Platform;
let nodeB: Platform;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
	redis = await RedisServer.start();
	const cluster = { REDIS_URL: redis.url, NODE_TTL_MS: "1500", SESSION_LOBBY: "off", PRESENCE_HEARTBEAT_MS: "200" };
	nodeA = await startPlatform({ ...cluster, NODE_ID: "node-a", RB_DATA_DIR: await tempDir("node-a") });
	nodeB = await startPlatform({
		...cluster,
		NODE_ID: "node-b",
		RB_DATA_DIR: await tempDir("node-b"),
		MONGODB_URI: nodeA.config.MONGODB_URI ?? "",
	});
});
afterAll(async () => {
	try {
		for (const close of closers.reverse()) await close();
		await nodeA?.stop();
		await nodeB?.stop();
	} finally {
		await redis?.stop();
	}
});

function presenceSocket(node: Platform, token: string): PresenceClient {
	const socket: PresenceClient = io(`http://127.0.0.1:${node.port}/presence`, {
		auth: { token },
		transports: ["websocket"],
		reconnection: false,
	});
	closers.push(() => socket.disconnect());
	return socket;
}

it("registers both nodes with their load", async () => {
	const nodes = await eventually(async () => {
		const alive = await nodeA.cluster?.nodes();
		return alive && alive.length === 2 ? alive : undefined;
	});
	expect(nodes.map((n) => n.id).sort()).toEqual(["node-a", "node-b"]);
	expect(nodes[0]).toMatchObject({ load: expect.any(Number), draining: false, mediaAddress: "127.0.0.1" });
});

it("shows IT staff on node A an endpoint whose sockets are on node B", async () => {
	const watcher = presenceSocket(nodeA, nodeA.tokens.sign(official("it", "TW-CNTT", "central"), "access"));
	const seen: EndpointPresenceInfo[] = [];
	watcher.on("presenceChanged", (p) => {
		if (p.endpointId === "KH-CAMRANH") seen.push(p);
	});
	await new Promise<PresenceWelcome>((resolve) => watcher.once("welcome", resolve));

	const endpoint = presenceSocket(nodeB, nodeB.tokens.sign(official("operator", "KH-CAMRANH"), "access"));
	await new Promise<PresenceWelcome>((resolve) => endpoint.once("welcome", resolve));
	await endpoint.emitWithAck("heartbeat", { sentAt: Date.now() });

	await eventually(async () => (seen.some((p) => p.state === "online") ? true : undefined));
	// What the IT dashboard's REST view on node A reads.
	expect(nodeA.monitoring.presence.get("KH-CAMRANH")).toMatchObject({ state: "online", connections: 1 });
	// A watcher arriving on node A later is welcomed with it.
	const late = presenceSocket(nodeA, nodeA.tokens.sign(official("it", "TW-CNTT", "central"), "access"));
	const welcome = await new Promise<PresenceWelcome>((resolve) => late.once("welcome", resolve));
	expect(welcome.endpoints.map((e) => e.endpointId)).toContain("KH-CAMRANH");
});

it("hosts a session on one node while its endpoints' sockets sit on both; media flows through the host", async () => {
	const sessionId = newSessionId();
	const chair = await connectPeer(nodeA, sessionId, identity("Khánh Hòa", "chair", "province"));
	const operator = await connectPeer(nodeB, sessionId, identity("Cam Ranh", "operator", "commune"));
	closers.push(
		() => chair.close(),
		() => operator.close(),
	);
	await chair.join();
	await operator.join();
	const [host, other] = nodeA.signaling.session(sessionId) ? [nodeA, nodeB] : [nodeB, nodeA];
	expect(host.signaling.session(sessionId)).toBeDefined();
	expect(other.signaling.session(sessionId)).toBeUndefined();

	await exchange(chair, operator);
	// Every transport lives on the hosting node, whatever node carries the socket.
	expect(host.signaling.counts().transports).toBe(4);
	expect(other.signaling.counts().transports).toBe(0);
	// Notifications from the host reach sockets on the other node.
	expect(chair.received.some((r) => r.event === "participantJoined")).toBe(true);
	// Chair powers are carried too: the mute reaches the operator on the other node.
	await chair.call("setChairMute", { participantId: operator.participantId, muted: true });
	await operator.waitFor("chairMuteChanged", (p) => p.participantId === operator.participantId && p.muted);
});

async function exchange(a: EndpointPeer, b: EndpointPeer): Promise<void> {
	await a.receiveMedia();
	await b.receiveMedia();
	await a.sendMedia();
	await b.sendMedia();
	await a.awaitPacketsFrom(b.participantId, "video");
	await b.awaitPacketsFrom(a.participantId, "video");
}

it("closes a disabled user's sockets on every node, whichever node is told", async () => {
	const sessionId = newSessionId();
	const who = identity("Vạn Ninh", "operator", "commune");
	const peer = await connectPeer(nodeB, sessionId, who);
	closers.push(() => peer.close());
	const closed = new Promise((resolve) => peer.socket.once("disconnect", resolve));
	nodeA.signaling.disconnectUser(who.sub);
	expect(await closed).toBe("io server disconnect");
});

it("runs the 'offline before its session' check on one node at a time: one alert group per endpoint, raised once", async () => {
	const start = Date.now() + 10 * 60_000;
	const { document } = await nodeA.records.sessions.create(
		{
			kind: "regular",
			origin: { type: "scheduled" },
			title: "Phiên tiếp sắp bắt đầu",
			plannedStart: new Date(start),
			plannedEnd: new Date(start + 3_600_000),
			hostEndpointId: "KH-OFFLINE-HOST",
			chairUserId: "no-chair-yet",
			participantEndpointIds: ["KH-OFFLINE-COMMUNE"],
			status: "scheduled",
			scopeEndpointIds: ["KH-OFFLINE-HOST", "KH-OFFLINE-COMMUNE"],
		},
		{ userId: "test", origin: "test" },
	);
	const sessionId = String(document.entityId);
	// Both nodes' periodic checks fire at once, again and again: one node runs them, the other skips.
	for (let i = 0; i < 4; i++) {
		const ran = await Promise.all([nodeA, nodeB].map((n) => n.monitoring.alertMonitor.tick()));
		expect(ran.filter(Boolean)).toHaveLength(1);
	}
	const alerts = await nodeB.alerts.list({ endpointIds: null, sessionId, limit: 10 });
	expect(alerts.map((a) => [a.kind, a.endpointId, a.count]).sort()).toEqual([
		["offline-before-session", "KH-OFFLINE-COMMUNE", 1],
		["offline-before-session", "KH-OFFLINE-HOST", 1],
	]);
});
