import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { REQUEST_NAMES } from "../../signaling/protocol.js";
import { type ClientSocket, connectSocket, type EndpointPeer } from "../support/EndpointPeer.js";
import { startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId, socketUrl } from "../support/session.js";

const SECRET = "test-secret-of-at-least-thirty-two-characters";
const who = identity("tinh", "operator", "province");
let platform: Platform;
const sockets: ClientSocket[] = [];
const peers: EndpointPeer[] = [];

beforeAll(async () => {
	platform = await startPlatform({ JWT_SECRET: SECRET, SESSION_LOBBY: "off" });
});

afterAll(async () => {
	for (const s of sockets) s.close();
	for (const p of peers) await p.close();
	await platform?.stop();
});

/** The code of a refused handshake, or "CONNECTED". */
async function handshake(token: unknown): Promise<string> {
	try {
		sockets.push(await connectSocket(socketUrl(platform), token));
		return "CONNECTED";
	} catch (err) {
		return (err as { data?: { code?: string } }).data?.code ?? `no code: ${(err as Error).message}`;
	}
}

describe("the handshake refuses", () => {
	it("a missing token with TOKEN_MISSING", async () => {
		expect(await handshake(undefined)).toBe("TOKEN_MISSING");
		expect(await handshake("")).toBe("TOKEN_MISSING");
	});

	it("a malformed or wrongly signed token with TOKEN_INVALID", async () => {
		expect(await handshake("not-a-jwt")).toBe("TOKEN_INVALID");
		const forged = jwt.sign({ ...who, use: "session", sessionId: "s1" }, "another-secret-of-thirty-two-characters!", {
			issuer: "reception-bridge",
		});
		expect(await handshake(forged)).toBe("TOKEN_INVALID");
		const noClaims = jwt.sign({ use: "session", sessionId: "s1" }, SECRET, { issuer: "reception-bridge" });
		expect(await handshake(noClaims)).toBe("TOKEN_INVALID");
	});

	it("an expired token with TOKEN_EXPIRED", async () => {
		const expired = jwt.sign(
			{ ...who, use: "session", sessionId: "s1", exp: Math.floor(Date.now() / 1000) - 60 },
			SECRET,
			{ issuer: "reception-bridge" },
		);
		expect(await handshake(expired)).toBe("TOKEN_EXPIRED");
	});

	it("an access token, or a session token for no session, with TOKEN_WRONG_SCOPE", async () => {
		expect(await handshake(platform.tokens.sign(who, "access"))).toBe("TOKEN_WRONG_SCOPE");
		expect(await handshake(platform.tokens.sign(who, "session"))).toBe("TOKEN_WRONG_SCOPE");
	});

	it("but accepts a session token scoped to a session", async () => {
		expect(await handshake(platform.tokens.sign(who, "session", newSessionId()))).toBe("CONNECTED");
	});
});

it("refuses a malformed payload for every request with VALIDATION_ERROR, and stays up", async () => {
	const peer = await connectPeer(platform, newSessionId(), who);
	peers.push(peer);
	const malformed: unknown[] = ["text", 42, null, [], { unexpected: true }, { transportId: 7, direction: "up" }];
	for (const name of REQUEST_NAMES) {
		for (const payload of malformed) {
			const ack = await peer.request(name, payload as never);
			expect(ack, `${name} ${JSON.stringify(payload)}`).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
		}
	}
	// A producer whose source does not match its kind is malformed too.
	const wrongSource = await peer.request("produce", {
		transportId: "t",
		kind: "audio",
		source: "camera",
		rtpParameters: { codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000 }] },
	});
	expect(wrongSource).toMatchObject({ error: { code: "VALIDATION_ERROR", issues: [{ path: "source" }] } });

	// Well-formed requests before joining are refused as such; after joining, the server still works.
	for (const name of REQUEST_NAMES) {
		if (name === "join") continue;
		const ack = await peer.request(name, validPayloads[name] as never);
		expect(ack, name).toMatchObject({ error: { code: "NOT_IN_SESSION" } });
	}
	expect(await peer.join()).toMatchObject({ status: "joined" });
	expect(await peer.request("resumeConsumer", { consumerId: "nope" })).toMatchObject({ error: { code: "NOT_FOUND" } });
	expect(await peer.request("setChairMute", { participantId: peer.participantId, muted: true })).toMatchObject({
		error: { code: "FORBIDDEN" },
	});
	expect(await peer.request("createTransport", { direction: "send" })).toHaveProperty("data.transportId");
});

const validPayloads: Record<string, unknown> = {
	createTransport: { direction: "send" },
	connectTransport: { transportId: "t", dtlsParameters: { fingerprints: [{ algorithm: "sha-256", value: "AA" }] } },
	restartIce: { transportId: "t" },
	produce: {
		transportId: "t",
		kind: "audio",
		source: "microphone",
		rtpParameters: { codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000 }] },
	},
	consume: { transportId: "t", producerId: "p", rtpCapabilities: {} },
	resumeConsumer: { consumerId: "c" },
	setPreferredLayers: { consumerId: "c", spatialLayer: 0 },
	pauseProducer: { producerId: "p" },
	resumeProducer: { producerId: "p" },
	closeProducer: { producerId: "p" },
	leave: {},
	setChairMute: { participantId: "x", muted: true },
	removeParticipant: { participantId: "x" },
	setLobby: { enabled: false },
	admit: { participantId: "x" },
	admitAll: {},
	deny: { participantId: "x" },
	endSession: {},
};
