import type { types } from "mediasoup";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MediaError } from "../../media/errors.js";
import { ProducerPipes } from "../../media/ProducerPipes.js";
import { WorkerPool } from "../../media/WorkerPool.js";
import { createLogger } from "../../server/logger.js";

const mediaCodecs: types.RtpCodecCapability[] = [{ kind: "video", mimeType: "video/VP8", clockRate: 90000 }];

let pool: WorkerPool;
let from: types.Router;
let to: types.Router;

beforeAll(async () => {
	pool = new WorkerPool({
		// Two workers, as in a spread session: a piped producer keeps its id, so never on the same worker.
		size: 2,
		logLevel: "warn",
		respawnDelayMs: 0,
		webRtc: { listenIp: "127.0.0.1", udpPortBase: 0, tcpPortBase: 0, protocols: ["udp"] },
		logger: createLogger("warn"),
	});
	await pool.start();
	const [one, two] = pool.workers;
	if (!one || !two) throw new Error("two workers needed");
	from = await one.createRouter({ mediaCodecs });
	to = await two.createRouter({ mediaCodecs });
});

afterAll(() => {
	pool.close();
});

let ssrc = 1000;
async function producer(): Promise<types.Producer> {
	const transport = await from.createPlainTransport({ listenIp: "127.0.0.1", rtcpMux: true, comedia: true });
	return transport.produce({
		kind: "video",
		rtpParameters: {
			codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000 }],
			encodings: [{ ssrc: ssrc++ }],
		},
	});
}

/** The media error a pipe was refused with. */
async function refusal(pipe: Promise<void>): Promise<MediaError> {
	const err = await pipe.then(
		() => null,
		(e: unknown) => e,
	);
	expect(err).toBeInstanceOf(MediaError);
	return err as MediaError;
}

it("pipes a producer once per target router: it can be consumed there", async () => {
	const pipes = new ProducerPipes();
	const produced = await producer();
	await Promise.all([pipes.ensure(from, produced, to), pipes.ensure(from, produced, to)]);
	expect(to.canConsume({ producerId: produced.id, rtpCapabilities: to.rtpCapabilities })).toBe(true);
});

it("answers NOT_FOUND for a producer closed before or while it is piped, whatever mediasoup's words", async () => {
	const pipes = new ProducerPipes();
	const before = await producer();
	before.close();
	expect((await refusal(pipes.ensure(from, before, to))).code).toBe("NOT_FOUND");

	// Closed after mediasoup took it from the router, before the pipe's consumer exists.
	const meanwhile = await producer();
	const pipe = pipes.ensure(from, meanwhile, to);
	meanwhile.close();
	const err = await refusal(pipe);
	expect(err.code).toBe("NOT_FOUND");
	expect(err.cause).toBeInstanceOf(Error);
});

it("answers MEDIA_ERROR, without mediasoup's message, when the producer is alive and the pipe still fails", async () => {
	const pipes = new ProducerPipes();
	const alive = await producer();
	// mediasoup refuses a router as its own destination.
	const err = await refusal(pipes.ensure(from, alive, from));
	expect(err.code).toBe("MEDIA_ERROR");
	expect(err.message).toBe(`could not pipe producer ${alive.id}`);
	expect(alive.closed).toBe(false);
});
