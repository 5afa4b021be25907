import dgram from "node:dgram";
import { once } from "node:events";
import type { types } from "mediasoup";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WorkerPool } from "../../media/WorkerPool.js";
import { createLogger } from "../../server/logger.js";
import { type ParsedRtp, parseRtp, vp8KeyframePacket } from "../support/rtp.js";

const mediaCodecs: types.RtpCodecCapability[] = [
	{ kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2 },
	{ kind: "video", mimeType: "video/VP8", clockRate: 90000 },
];

let pool: WorkerPool;
const sockets: dgram.Socket[] = [];

beforeAll(async () => {
	pool = new WorkerPool({
		size: 1,
		logLevel: "warn",
		respawnDelayMs: 0,
		webRtc: { listenIp: "127.0.0.1", udpPortBase: 0, tcpPortBase: 0, protocols: ["udp", "tcp"] },
		logger: createLogger("warn"),
	});
	await pool.start();
});

afterAll(() => {
	for (const s of sockets) s.close();
	pool.close();
});

async function udpSocket(): Promise<dgram.Socket> {
	const socket = dgram.createSocket("udp4");
	sockets.push(socket);
	socket.bind(0, "127.0.0.1");
	await once(socket, "listening");
	return socket;
}

it("forwards paced VP8 RTP from a plain-transport producer to a plain-transport consumer", async () => {
	const [worker] = pool.workers;
	if (!worker) throw new Error("no worker");
	const router = await worker.createRouter({ mediaCodecs });

	const sender = await udpSocket();
	const ingress = await router.createPlainTransport({ listenIp: "127.0.0.1", rtcpMux: true, comedia: true });
	const producer = await ingress.produce({
		kind: "video",
		rtpParameters: {
			codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000 }],
			encodings: [{ ssrc: 1111 }],
		},
	});

	const receiver = await udpSocket();
	const received: ParsedRtp[] = [];
	receiver.on("message", (msg) => {
		const rtp = parseRtp(msg);
		if (rtp) received.push(rtp);
	});
	const egress = await router.createPlainTransport({ listenIp: "127.0.0.1", rtcpMux: true, comedia: false });
	await egress.connect({ ip: "127.0.0.1", port: receiver.address().port });
	const consumer = await egress.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
	const consumerEncoding = consumer.rtpParameters.encodings?.[0];
	const consumerCodec = consumer.rtpParameters.codecs[0];

	// Paced at one packet per 5 ms: a burst would overflow the receiving socket's buffer.
	const sent = 200;
	for (let seq = 1; seq <= sent; seq++) {
		sender.send(
			vp8KeyframePacket({ payloadType: 101, ssrc: 1111, clockRate: 90000 }, seq),
			ingress.tuple.localPort,
			"127.0.0.1",
		);
		await new Promise((r) => setTimeout(r, 5));
	}
	await new Promise((r) => setTimeout(r, 300));

	// Besides media, the consumer may send bandwidth-probation packets on their own SSRC.
	const media = received.filter((p) => p.ssrc === consumerEncoding?.ssrc);
	expect(media.length).toBeGreaterThan(sent * 0.9);
	expect(new Set(media.map((p) => p.payloadType))).toEqual(new Set([consumerCodec?.payloadType]));
	expect(received.some((p) => p.ssrc === 1111)).toBe(false);
	router.close();
});
