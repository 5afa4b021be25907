import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { IdentityClaims } from "../../server/auth/TokenService.js";
import type { Platform } from "../../server/Platform.js";
import type {
	EndpointPresenceInfo,
	PresenceClientToServerEvents,
	PresenceServerToClientEvents,
	PresenceWelcome,
} from "../../signaling/presenceProtocol.js";
import { eventually, startPlatform } from "../support/platform.js";

type PresenceClient = Socket<PresenceServerToClientEvents, PresenceClientToServerEvents>;

let platform: Platform;
const sockets: PresenceClient[] = [];

beforeAll(async () => {
	platform = await startPlatform({
		PRESENCE_HEARTBEAT_MS: "200",
		PRESENCE_DEGRADED_AFTER_MS: "700",
		PRESENCE_OFFLINE_AFTER_MS: "1400",
	});
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	await platform?.stop();
});

function identity(role: IdentityClaims["role"], endpointId: string): IdentityClaims {
	return { sub: `u-${role}-${endpointId}`, name: `${role} ${endpointId}`, role, endpointId, endpointLevel: "district" };
}

function connect(token: string): PresenceClient {
	const socket: PresenceClient = io(`http://127.0.0.1:${platform.port}/presence`, {
		auth: { token },
		transports: ["websocket"],
		reconnection: false,
	});
	sockets.push(socket);
	return socket;
}

it("shows a silent endpoint offline after the heartbeat timeout, and online again when it returns", async () => {
	const watcher = connect(platform.tokens.sign(identity("it", "NT-TTTT"), "access"));
	const seen: EndpointPresenceInfo[] = [];
	watcher.on("presenceChanged", (p) => {
		if (p.endpointId === "NT-PHANRANG") seen.push(p);
	});
	await new Promise<PresenceWelcome>((resolve) => watcher.once("welcome", resolve));

	const endpoint = connect(platform.tokens.sign(identity("operator", "NT-PHANRANG"), "access"));
	const welcome = await new Promise<PresenceWelcome>((resolve) => endpoint.once("welcome", resolve));
	expect(welcome).toEqual({ heartbeatMs: 200, endpoints: [] });
	const beat = () => endpoint.emitWithAck("heartbeat", { sentAt: Date.now() });
	let beating = setInterval(beat, welcome.heartbeatMs);

	await eventually(async () => (seen.some((p) => p.state === "online") ? true : undefined));
	await new Promise((r) => setTimeout(r, 1000));
	expect(platform.monitoring.presence.get("NT-PHANRANG")?.state).toBe("online");

	// Silent: the socket stays open but no heartbeat arrives (a frozen tab, a stalled network).
	clearInterval(beating);
	await eventually(async () => (seen.some((p) => p.state === "offline") ? true : undefined));
	expect(seen.map((p) => p.state)).toEqual(["online", "degraded", "offline"]);
	expect(seen.at(-1)).toMatchObject({ reason: expect.stringMatching(/^no heartbeat for \d+ s$/), connections: 1 });

	beating = setInterval(beat, welcome.heartbeatMs);
	await eventually(async () => (seen.at(-1)?.state === "online" ? true : undefined));
	clearInterval(beating);
	expect(platform.monitoring.presence.get("NT-PHANRANG")).toMatchObject({ state: "online", connections: 1 });
});

it("answers a heartbeat with the server time, refuses a malformed one and a bad token", async () => {
	const endpoint = connect(platform.tokens.sign(identity("operator", "NT-NINHHAI"), "access"));
	await new Promise((resolve) => endpoint.once("welcome", resolve));
	const ok = await endpoint.emitWithAck("heartbeat", { sentAt: 42 });
	expect(ok).toMatchObject({ data: { sentAt: 42, serverTime: expect.any(Number) } });
	const bad = await endpoint.emitWithAck("heartbeat", { sentAt: "soon" } as never);
	expect(bad).toMatchObject({ error: { code: "VALIDATION_ERROR" } });

	const intruder = connect("not-a-jwt");
	const refusal = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
		intruder.once("connect_error", resolve),
	);
	expect(refusal.data?.code).toBe("TOKEN_INVALID");

	const sessionToken = connect(platform.tokens.sign(identity("operator", "NT-NINHHAI"), "session", "s-1"));
	const wrongUse = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
		sessionToken.once("connect_error", resolve),
	);
	expect(wrongUse.data?.code).toBe("TOKEN_WRONG_SCOPE");
});

it("lets IT staff ask an endpoint's open clients to run the connectivity check, and no one else", async () => {
	const endpoint = connect(platform.tokens.sign(identity("operator", "NT-THUANBAC"), "access"));
	await new Promise((resolve) => endpoint.once("welcome", resolve));
	const asked = new Promise<{ by: string }>((resolve) => endpoint.once("checkRequested", resolve));

	const itStaff = connect(platform.tokens.sign(identity("it", "NT-STTTT"), "access"));
	await new Promise((resolve) => itStaff.once("welcome", resolve));
	expect(await itStaff.emitWithAck("requestCheck", { endpointId: "NT-THUANBAC" })).toEqual({ data: { clients: 1 } });
	expect(await asked).toEqual({ by: "it NT-STTTT" });

	const chair = connect(platform.tokens.sign(identity("chair", "NT-UBND"), "access"));
	await new Promise((resolve) => chair.once("welcome", resolve));
	expect(await chair.emitWithAck("requestCheck", { endpointId: "NT-THUANBAC" })).toMatchObject({
		error: { code: "FORBIDDEN" },
	});
});
