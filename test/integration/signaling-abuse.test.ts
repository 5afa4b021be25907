import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId, socketUrl } from "../support/session.js";

let platform: Platform;
const peers: EndpointPeer[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
	platform = await startPlatform({
		SESSION_LOBBY: "off",
		SOCKET_REQUESTS_PER_SECOND: "5",
		SOCKET_REQUEST_BURST: "40",
		CHECKS_PER_USER: "2",
	});
});
afterAll(async () => {
	for (const s of sockets) s.close();
	for (const p of peers) await p.close();
	await platform?.stop();
});

async function peer(sessionId: string, who: ReturnType<typeof identity>): Promise<EndpointPeer> {
	const p = await connectPeer(platform, sessionId, who);
	peers.push(p);
	return p;
}

const code = (ack: unknown) => (ack as { error?: { code: string } }).error?.code;

/** Routers alive in every worker. */
async function routers(): Promise<number> {
	let total = 0;
	for (const worker of platform.workers.workers)
		total += ((await worker.dump()) as { routerIds: string[] }).routerIds.length;
	return total;
}

function checkSocket(userName: string): Promise<Socket> {
	const token = platform.tokens.sign(identity(userName, "operator", "commune"), "access");
	const socket = io(`${socketUrl(platform)}/check`, {
		auth: { token },
		transports: ["websocket"],
		reconnection: false,
		forceNew: true,
	});
	sockets.push(socket);
	return new Promise((resolve, reject) => {
		socket.once("connect", () => resolve(socket));
		socket.once("connect_error", reject);
	});
}

it("leaks no check router on a double start or a drop during start, and caps checks per user", async () => {
	const baseline = await routers();
	const twice = await checkSocket("kiem-tra-1");
	const answers = await Promise.all([twice.emitWithAck("start", {}), twice.emitWithAck("start", {})]);
	expect(answers.map(code).sort()).toEqual(["CONFLICT", undefined]);
	expect(await routers()).toBe(baseline + 1);

	const dropped = await checkSocket("kiem-tra-2");
	dropped.emit("start", {}, () => undefined);
	dropped.close();
	twice.close();
	await eventually(async () => ((await routers()) === baseline ? true : undefined));

	const held = [await checkSocket("kiem-tra-3"), await checkSocket("kiem-tra-3")];
	for (const s of held) expect(code(await s.emitWithAck("start", {}))).toBeUndefined();
	const third = await checkSocket("kiem-tra-3");
	expect(code(await third.emitWithAck("start", {}))).toBe("RATE_LIMITED");
	held[0]?.close();
	await eventually(async () => ((await routers()) === baseline + 1 ? true : undefined));
	expect(code(await third.emitWithAck("start", {}))).toBeUndefined();
});

it("refuses a codec of the wrong kind for the producer, on /check and in a session", async () => {
	const check = await checkSocket("kiem-tra-ma");
	await check.emitWithAck("start", {});
	const opus = { mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2 };
	const wrong = await check.emitWithAck("produce", {
		transportId: "t",
		kind: "video",
		rtpParameters: { codecs: [opus] },
	});
	expect(code(wrong)).toBe("VALIDATION_ERROR");

	const p = await peer(newSessionId(), identity("ma-sai", "operator", "commune"));
	await p.join();
	const screen = await p.request("produce", {
		transportId: "t",
		kind: "video",
		source: "screen",
		rtpParameters: { codecs: [opus] },
	});
	expect(code(screen)).toBe("VALIDATION_ERROR");
	expect((screen as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toContain(
		"rtpParameters.codecs",
	);
});

it("lets observers and inspectors watch but never publish, and answers a participant's own bad media MEDIA_ERROR", async () => {
	const sessionId = newSessionId();
	const chair = await peer(sessionId, identity("chu-tri-xem", "chair", "province"));
	await chair.join();
	await chair.sendMedia();
	const camera = chair.producer("camera").rtpParameters;
	// The same MID again on the chair's own send transport: mediasoup refuses the client's parameters.
	const sameMid = await chair.request("produce", {
		transportId: chair.sendTransportId ?? "",
		kind: "video",
		source: "screen",
		rtpParameters: camera as never,
	});
	expect(code(sameMid)).toBe("MEDIA_ERROR");

	for (const role of ["observer", "inspector"] as const) {
		const watcher = await peer(sessionId, identity(`xem-${role}`, role, "province"));
		await watcher.join();
		const send = await watcher.call("createTransport", { direction: "send" });
		const produced = await watcher.request("produce", {
			transportId: send.transportId,
			kind: "video",
			source: "camera",
			rtpParameters: camera as never,
		});
		expect(code(produced), role).toBe("FORBIDDEN");
		await watcher.receiveMedia();
		await watcher.awaitPacketsFrom(chair.participantId, "video");
	}
});

it("lets a peer consume each producer once", async () => {
	const sessionId = newSessionId();
	const sender = await peer(sessionId, identity("gui-mot", "operator", "commune"));
	await sender.join();
	await sender.sendMedia();
	const receiver = await peer(sessionId, identity("nhan-nhieu", "operator", "commune"));
	const joined = await receiver.join();
	if (joined.status !== "joined") throw new Error("not joined");
	const recv = await receiver.call("createTransport", { direction: "recv" });
	const producerId = sender.producer("camera").id;
	const consume = () =>
		receiver.request("consume", {
			transportId: recv.transportId,
			producerId,
			rtpCapabilities: joined.routerRtpCapabilities as never,
		});
	const answers = await Promise.all([consume(), consume(), consume()]);
	expect(answers.map(code).sort()).toEqual(["CANNOT_CONSUME", "CANNOT_CONSUME", undefined]);
	expect(code(await consume())).toBe("CANNOT_CONSUME");
});

it("limits each socket's request rate and refuses an oversized message with an error, keeping the connection", async () => {
	const p = await peer(newSessionId(), identity("gui-nhieu", "operator", "commune"));
	await p.join();
	const answers = await Promise.all(
		Array.from({ length: 80 }, () => p.request("restartIce", { transportId: "khong-co" })),
	);
	const codes = answers.map(code);
	expect(codes).toContain("RATE_LIMITED");
	expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeLessThanOrEqual(80 - 30);
	expect(p.socket.connected).toBe(true);

	// Over the message limit (256 KiB by default), under four times it: answered, not dropped.
	await new Promise((r) => setTimeout(r, 2000));
	const big = await p.request("restartIce", { transportId: "x".repeat(600_000) });
	expect(code(big)).toBe("PAYLOAD_TOO_LARGE");
	expect(p.socket.connected).toBe(true);
});
