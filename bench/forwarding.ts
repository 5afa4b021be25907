/**
 * Forwarding benchmark: one video producer to N consumers (N = 10, 50, 200), through the router of
 * a live session opened on this platform by real signalling, and through a bare mediasoup router on
 * its own worker, on the same offered load in the same run. Prints packets forwarded per second,
 * the worker's CPU and the platform / bare ratios.
 *
 *   npx tsx bench/forwarding.ts            (MONGODB_URI to use a database instead of the embedded one)
 *
 * RTP goes in and out over plain UDP on loopback so the load generator stays cheap; the platform's
 * own WebRTC transports carry the signalling participant only. Bounded: a few seconds per step.
 */
import { randomUUID } from "node:crypto";
import dgram from "node:dgram";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as mediasoup from "mediasoup";
import { io } from "socket.io-client";
import { loadConfig } from "../server/config.js";
import { createLogger } from "../server/logger.js";
import { Platform } from "../server/Platform.js";
import { LOOPBACK_ENV } from "../test/support/loopback.js";
import { parseRtp, vp8KeyframePacket } from "../test/support/rtp.js";

type Router = mediasoup.types.Router;

const FAN_OUTS = [10, 50, 200];
/** Packets per second leaving the worker at every fan-out, the same on both sides: light, then heavy. */
const OFFERED_OUT_PPS = [20_000, 60_000];
/** mediasoup's bandwidth-probation packets carry this SSRC; they are not forwarded media. */
const PROBATION_SSRC = 1234;
const WARMUP_MS = 1_000;
const MEASURE_MS = 5_000;
const PAYLOAD_TYPE = 101;

interface Measurement {
	forwardedPerSecond: number;
	/** Share of one core the worker used while forwarding. */
	workerCpu: number;
}

async function workerCpuSeconds(pid: number): Promise<number> {
	const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
	// utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(router: Router, workerPid: number, fanOut: number, outPps: number): Promise<Measurement> {
	const sink = dgram.createSocket({ type: "udp4", recvBufferSize: 8 * 1024 * 1024 });
	sink.bind(0, "127.0.0.1");
	await once(sink, "listening");
	let received = 0;
	sink.on("message", (packet) => {
		const rtp = parseRtp(packet);
		if (rtp && rtp.ssrc !== PROBATION_SSRC) received++;
	});
	const ingress = await router.createPlainTransport({ listenIp: "127.0.0.1", rtcpMux: true, comedia: true });
	const producer = await ingress.produce({
		kind: "video",
		rtpParameters: {
			codecs: [{ mimeType: "video/VP8", payloadType: PAYLOAD_TYPE, clockRate: 90000 }],
			encodings: [{ ssrc: 4242 }],
		},
	});
	const egress = [];
	for (let i = 0; i < fanOut; i++) {
		const transport = await router.createPlainTransport({ listenIp: "127.0.0.1", rtcpMux: true, comedia: false });
		await transport.connect({ ip: "127.0.0.1", port: sink.address().port });
		await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
		egress.push(transport);
	}

	const sender = dgram.createSocket("udp4");
	const perTick = Math.max(1, Math.round(outPps / fanOut / 100));
	let seq = 0;
	const stream = { payloadType: PAYLOAD_TYPE, ssrc: 4242, clockRate: 90000 };
	const pump = setInterval(() => {
		for (let i = 0; i < perTick; i++)
			sender.send(vp8KeyframePacket(stream, ++seq, 1200), ingress.tuple.localPort, "127.0.0.1");
	}, 10);

	await new Promise((r) => setTimeout(r, WARMUP_MS));
	const cpuBefore = await workerCpuSeconds(workerPid);
	const countBefore = received;
	const started = process.hrtime.bigint();
	await new Promise((r) => setTimeout(r, MEASURE_MS));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const result = {
		forwardedPerSecond: (received - countBefore) / seconds,
		workerCpu: ((await workerCpuSeconds(workerPid)) - cpuBefore) / seconds,
	};

	clearInterval(pump);
	sender.close();
	for (const t of egress) t.close();
	ingress.close();
	sink.close();
	return result;
}

/** The router the platform created for a session when a chair joined through signalling. */
async function platformSessionRouter(
	platform: Platform,
	routers: Router[],
): Promise<{ router: Router; leave(): void }> {
	const sessionId = `bench-${randomUUID()}`;
	const token = platform.tokens.sign(
		{ sub: "bench-chair", name: "Bench", role: "chair", endpointId: "bench", endpointLevel: "central" },
		"session",
		sessionId,
	);
	const socket = io(`http://127.0.0.1:${platform.port}`, {
		auth: { token },
		transports: ["websocket"],
		reconnection: false,
	});
	const joined = await socket.timeout(10_000).emitWithAck("join", {});
	if (!joined || "error" in joined) throw new Error(`bench join refused: ${JSON.stringify(joined)}`);
	const router = routers.at(-1);
	if (!router) throw new Error("the platform created no router");
	return { router, leave: () => socket.close() };
}

async function main(): Promise<void> {
	const routers: Router[] = [];
	mediasoup.observer.on("newworker", (worker) => worker.observer.on("newrouter", (r) => routers.push(r)));

	const dataDir = await mkdtemp(path.join(os.tmpdir(), "rb-bench-"));
	const config = loadConfig({
		...process.env,
		...LOOPBACK_ENV,
		RB_DATA_DIR: dataDir,
	});
	const platform = new Platform(config, createLogger("warn"));
	await platform.start();
	const bareWorker = await mediasoup.createWorker({ logLevel: "warn" });
	const session = await platformSessionRouter(platform, routers);
	try {
		const platformRouter = session.router;
		const platformPid = platform.workers.workers[0]?.pid ?? 0;
		const bareRouter = await bareWorker.createRouter({
			mediaCodecs: [{ kind: "video", mimeType: "video/VP8", clockRate: 90000 }],
		});
		console.log(`RTP packets of 1,200 B on loopback; ${MEASURE_MS / 1000} s per step`);
		console.log("offered out | N    | platform pkt/s | platform CPU | bare pkt/s | bare CPU | ratio pkt/s | ratio CPU");
		for (const [outPps, n] of OFFERED_OUT_PPS.flatMap((pps) => FAN_OUTS.map((fanOut) => [pps, fanOut] as const))) {
			const onPlatform = await measure(platformRouter, platformPid, n, outPps);
			const bare = await measure(bareRouter, bareWorker.pid, n, outPps);
			console.log(
				[
					String(outPps).padStart(11),
					String(n).padEnd(4),
					onPlatform.forwardedPerSecond.toFixed(0).padStart(14),
					`${(onPlatform.workerCpu * 100).toFixed(1)} %`.padStart(12),
					bare.forwardedPerSecond.toFixed(0).padStart(10),
					`${(bare.workerCpu * 100).toFixed(1)} %`.padStart(8),
					(onPlatform.forwardedPerSecond / bare.forwardedPerSecond).toFixed(3).padStart(11),
					(onPlatform.workerCpu / bare.workerCpu).toFixed(2).padStart(9),
				].join(" | "),
			);
		}
	} finally {
		session.leave();
		bareWorker.close();
		await platform.stop();
		await rm(dataDir, { recursive: true, force: true });
	}
}

await main();
