import { Device, type types } from "mediasoup-client";
import { Chrome111 } from "mediasoup-client/handlers/Chrome111";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { installWebRtcGlobals, MediaPump } from "../support/webrtc.js";

installWebRtcGlobals();

/**
 * docs/protocol.md's "Joining with media", step by step, as an integrator would write it from the
 * page alone: untyped Socket.IO, mediasoup-client 3.18.7 fed the server's answers as they come, and
 * `newProducer` notices queued until the receive transport exists. Nothing from the repo's own
 * client code is used.
 */

// biome-ignore lint/suspicious/noExplicitAny: the documented answers, read as a new client reads JSON
type Json = any;

let fx: RecordsFixture;
let sessionId: string;
const closers: (() => void)[] = [];

beforeAll(async () => {
	fx = await startRecordsFixture({ SESSION_LOBBY: "off" });
	const secretariat = await fx.as("vanphong.kh");
	const created = await secretariat.request<{ id: string }>("POST", "/sessions", {
		kind: "unscheduled",
		origin: { type: "scheduled" },
		title: "Tiếp công dân theo tài liệu giao thức",
		plannedStart: new Date().toISOString(),
		plannedEnd: new Date(Date.now() + 3_600_000).toISOString(),
		hostEndpointId: fx.seed.endpoints.KH,
		chairUserId: fx.seed.users["chutich.kh"],
		participantEndpointIds: [fx.seed.endpoints["KH-NHATRANG"]],
	});
	sessionId = created.body.id;
	for (const to of ["open", "live"]) {
		expect((await secretariat.request("POST", `/sessions/${sessionId}/transitions`, { to })).status).toBe(201);
	}
});

afterAll(async () => {
	for (const close of closers.reverse()) close();
	await fx?.platform.stop();
});

/** Sends a request and returns `data`, or throws with the documented `error.code`. */
async function request(socket: Socket, name: string, payload: object): Promise<Json> {
	const ack: Json = await socket.timeout(20_000).emitWithAck(name, payload);
	if (ack.error) throw new Error(`${name}: ${ack.error.code} ${ack.error.message}`);
	return ack.data;
}

/** One endpoint following the documented flow; its receive transport can be opened later on purpose. */
async function endpoint(username: string) {
	// "The HTTP API issues it": POST /api/sessions/{id}/token answers 201 { token, sessionId }.
	const user = await fx.as(username);
	const pass = await user.request<{ token: string; sessionId: string }>("POST", `/sessions/${sessionId}/token`);
	expect(pass).toMatchObject({ status: 201, body: { token: expect.any(String), sessionId } });

	const socket = io(`http://127.0.0.1:${fx.platform.port}`, {
		auth: { token: pass.body.token },
		transports: ["websocket"],
		forceNew: true,
	});
	closers.push(() => socket.close());
	await new Promise<void>((resolve, reject) => {
		socket.once("connect", resolve);
		socket.once("connect_error", reject);
	});

	// `newProducer` may arrive before the receive transport exists: keep it until then.
	const queued: Json[] = [];
	let consumeNow: ((producer: Json) => Promise<void>) | null = null;
	socket.on("newProducer", (producer: Json) => {
		if (consumeNow) void consumeNow(producer);
		else queued.push(producer);
	});

	const joined = await request(socket, "join", {});
	expect(joined.status).toBe("joined");
	const device = new Device({ handlerFactory: Chrome111.createFactory() });
	await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });

	// Sending: the createTransport answer goes to mediasoup-client as it is.
	const sendTransport = device.createSendTransport(await request(socket, "createTransport", { direction: "send" }));
	sendTransport.on("connect", ({ dtlsParameters }, done, fail) => {
		request(socket, "connectTransport", { transportId: sendTransport.id, dtlsParameters }).then(() => done(), fail);
	});
	sendTransport.on("produce", ({ kind, rtpParameters, appData }, done, fail) => {
		request(socket, "produce", { transportId: sendTransport.id, kind, source: appData.source, rtpParameters }).then(
			({ producerId }) => done({ id: producerId }),
			fail,
		);
	});
	const pump = new MediaPump(false);
	closers.push(() => pump.stop());
	await sendTransport.produce({ track: pump.microphone, appData: { source: "microphone" } });
	await sendTransport.produce({ track: pump.camera, appData: { source: "camera" } });

	let recvTransport: types.Transport | null = null;
	const consumers: types.Consumer[] = [];
	/** Receiving: createTransport again, then each producer (the join's, the queued, the later ones). */
	const receive = async () => {
		const transport = device.createRecvTransport(await request(socket, "createTransport", { direction: "recv" }));
		transport.on("connect", ({ dtlsParameters }, done, fail) => {
			request(socket, "connectTransport", { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
		});
		recvTransport = transport;
		const consume = async (producer: Json) => {
			if (producer.participantId === joined.participantId) return;
			const answer = await request(socket, "consume", {
				transportId: transport.id,
				producerId: producer.producerId,
				rtpCapabilities: device.rtpCapabilities,
			});
			// The consume answer goes to mediasoup-client as it is, too.
			const consumer = await transport.consume(answer);
			consumers.push(consumer);
			await request(socket, "resumeConsumer", { consumerId: consumer.id });
		};
		for (const producer of [...joined.producers, ...queued.splice(0)]) await consume(producer);
		consumeNow = consume;
	};

	/** Packets received so far of each kind. */
	const received = async (): Promise<Record<"audio" | "video", number>> => {
		const counts = { audio: 0, video: 0 };
		const transport = recvTransport as types.Transport | null;
		if (!transport) return counts;
		for (const stat of (await transport.getStats()).values()) {
			if (stat.type === "inbound-rtp") counts[stat.kind as "audio" | "video"] += stat.packetsReceived ?? 0;
		}
		return counts;
	};
	closers.push(() => {
		sendTransport.close();
		(recvTransport as types.Transport | null)?.close();
	});
	return { joined, receive, received, consumers, queued };
}

it("follows docs/protocol.md's 'Joining with media' literally, and media flows both ways", {
	timeout: 120_000,
}, async () => {
	const chair = await endpoint("chutich.kh");
	const commune = await endpoint("canbo.nhatrang");
	// The commune consumes what the join listed; the chair learnt of the commune's producers by
	// `newProducer` before it had a receive transport, and consumes them from its queue.
	await commune.receive();
	expect(chair.queued).toHaveLength(2);
	await chair.receive();
	expect(chair.consumers.map((c) => c.kind).sort()).toEqual(["audio", "video"]);
	expect(commune.consumers.map((c) => c.kind).sort()).toEqual(["audio", "video"]);
	for (const side of [chair, commune]) {
		await eventually(async () => {
			const counts = await side.received();
			return counts.audio > 20 && counts.video > 5 ? true : undefined;
		}, 30_000);
	}
});
