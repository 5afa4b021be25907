import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import { seedDemo } from "../../server/records/demoTopology.js";
import type {
	EndpointPresenceInfo,
	PresenceClientToServerEvents,
	PresenceServerToClientEvents,
	PresenceWelcome,
} from "../../signaling/presenceProtocol.js";
import { eventually, startPlatform } from "../support/platform.js";
import { official } from "../support/session.js";

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
	const watcher = connect(platform.tokens.sign(official("it", "TW-CNTT", "central"), "access"));
	const seen: EndpointPresenceInfo[] = [];
	watcher.on("presenceChanged", (p) => {
		if (p.endpointId === "NT-PHANRANG") seen.push(p);
	});
	await new Promise<PresenceWelcome>((resolve) => watcher.once("welcome", resolve));

	const endpoint = connect(platform.tokens.sign(official("operator", "NT-PHANRANG"), "access"));
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
	const endpoint = connect(platform.tokens.sign(official("operator", "NT-NINHHAI"), "access"));
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

	const sessionToken = connect(platform.tokens.sign(official("operator", "NT-NINHHAI"), "session", "s-1"));
	const wrongUse = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
		sessionToken.once("connect_error", resolve),
	);
	expect(wrongUse.data?.code).toBe("TOKEN_WRONG_SCOPE");
});

it("lets IT staff ask an endpoint's open clients to run the connectivity check, and no one else", async () => {
	const endpoint = connect(platform.tokens.sign(official("operator", "NT-THUANBAC"), "access"));
	await new Promise((resolve) => endpoint.once("welcome", resolve));
	const asked = new Promise<{ by: string }>((resolve) => endpoint.once("checkRequested", resolve));

	const itStaff = connect(platform.tokens.sign(official("it", "TW-CNTT", "central"), "access"));
	await new Promise((resolve) => itStaff.once("welcome", resolve));
	expect(await itStaff.emitWithAck("requestCheck", { endpointId: "NT-THUANBAC" })).toEqual({ data: { clients: 1 } });
	expect(await asked).toEqual({ by: "it TW-CNTT" });

	const chair = connect(platform.tokens.sign(official("chair", "NT-UBND"), "access"));
	await new Promise((resolve) => chair.once("welcome", resolve));
	expect(await chair.emitWithAck("requestCheck", { endpointId: "NT-THUANBAC" })).toMatchObject({
		error: { code: "FORBIDDEN" },
	});
});

it("tells a province's IT staff only about endpoints in its province, and refuses checks outside it", async () => {
	const demo = await seedDemo(platform.records, 4);
	const endpointOf = (code: string) => demo.endpoints[code] ?? "";
	const itKhanhHoa = connect(platform.tokens.sign(official("it", endpointOf("KH"), "province"), "access"));
	const heard: string[] = [];
	itKhanhHoa.on("presenceChanged", (p) => heard.push(p.endpointId));
	await new Promise((resolve) => itKhanhHoa.once("welcome", resolve));

	const baoLam = connect(platform.tokens.sign(official("operator", endpointOf("LD-BAOLAM")), "access"));
	const nhaTrang = connect(platform.tokens.sign(official("operator", endpointOf("KH-NHATRANG")), "access"));
	await Promise.all([baoLam, nhaTrang].map((s) => new Promise((resolve) => s.once("welcome", resolve))));
	await eventually(async () => (heard.includes(endpointOf("KH-NHATRANG")) ? true : undefined));
	expect(heard).not.toContain(endpointOf("LD-BAOLAM"));

	expect(await itKhanhHoa.emitWithAck("requestCheck", { endpointId: endpointOf("LD-BAOLAM") })).toMatchObject({
		error: { code: "FORBIDDEN", message: expect.stringContaining("outside your endpoint scope") },
	});
	expect(await itKhanhHoa.emitWithAck("requestCheck", { endpointId: endpointOf("KH-NHATRANG") })).toEqual({
		data: { clients: 1 },
	});
});
