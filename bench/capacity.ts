/**
 * Capacity over real WebRTC (issue 17): every scenario in one run, printed as the tables of
 * docs/performance.md.
 *
 *   npx tsx bench/capacity.ts                       the whole run (about 6 minutes on 2 cores)
 *   npx tsx bench/capacity.ts --only ramp --ramp 100,200
 *
 * The load is real WebRTC: endpoints sign in over HTTP, take a session token, join over Socket.IO and
 * negotiate mediasoup transports as docs/protocol.md says; the media sidecar (bench/mediagen, Go on
 * pion, built on first use by bench/build-mediagen.sh from the Go module proxy) runs ICE, DTLS and
 * SRTP, sends a microphone and a three-layer simulcast camera per sender and measures every consumer.
 * Scenarios: consumers per core against a bare mediasoup router (ratio); the national session on one
 * worker and spread over two; the Tết peak; the join storm.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Platform } from "../server/Platform.js";
import { BareRouter, bareSfu } from "./load/BareRouter.js";
import { platformSfu, type Sfu, startBenchPlatform } from "./load/BenchPlatform.js";
import { MediaGenerator } from "./load/MediaGenerator.js";
import { MAX_LAG_P95_MS, MAX_LOSS, type Measurement } from "./load/measure.js";
import {
	type BenchContext,
	joinStorm,
	nationalSession,
	type Ramp,
	type RampStep,
	rampConsumers,
	type SessionResult,
	type StormResult,
	TET_SIZES,
	tetPeak,
} from "./load/scenarios.js";
import { BenchTopology } from "./load/topology.js";

const { values: args } = parseArgs({
	options: {
		only: { type: "string", default: "ramp,national,tet,storm" },
		ramp: { type: "string", default: "100,200,300,400,500,600" },
		national: { type: "string", default: "15,25,35" },
		tet: { type: "string", default: "12,25,50" },
		storm: { type: "string", default: "30" },
		"settle-ms": { type: "string", default: "2000" },
		"measure-ms": { type: "string", default: "4000" },
		// perf on the platform's worker (or the generator) at the heaviest consumers-per-core step; "none": skip.
		profile: { type: "string", default: "worker" },
		// Receive buffer for the workers' media sockets, in bytes, as `sysctl net.core.rmem_default` would
		// give it (the bench sets it on the workers' own sockets only); unset: the system default.
		"worker-rcvbuf": { type: "string" },
		// Every measurement, per consumer, as JSON.
		json: { type: "string" },
	},
});
const only = new Set(args.only.split(","));
const numbers = (s: string) => s.split(",").map(Number);

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)}` : "–");
const cores = (x: number | undefined) => `${((x ?? 0) * 100).toFixed(0)} %`;
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

function workerCpus(m: Measurement): number[] {
	return Object.entries(m.cpu)
		.filter(([n]) => n.startsWith("worker"))
		.map(([, v]) => v);
}

function table(header: string[], rows: string[][]): void {
	console.log(`| ${header.join(" | ")} |`);
	console.log(`| ${header.map(() => "---").join(" | ")} |`);
	for (const row of rows) console.log(`| ${row.join(" | ")} |`);
	console.log("");
}

function percentile(values: number[], q: number): number {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** The largest passing load, and consumers per core of worker CPU there: the slope to a full core. */
function slope(loads: { consumers: number; measurement: Measurement }[]): { consumers: number; perCore: number } {
	const best = loads.filter((l) => l.measurement.summary.passed).at(-1);
	if (!best) return { consumers: 0, perCore: 0 };
	const cpu = workerCpus(best.measurement).reduce((a, b) => a + b, 0);
	return { consumers: best.consumers, perCore: best.consumers / Math.max(cpu, 0.01) };
}

function printRamp(name: string, steps: RampStep[]): void {
	console.log(`#### ${name}\n`);
	table(
		[
			"consumers",
			"packets/s out",
			"loss",
			"lag p50 / p95 / p99 (ms)",
			"worker CPU",
			"generator CPU",
			"node CPU",
			"socket drops in / out",
			"load avg",
			"passed",
		],
		steps.map(({ consumers, measurement: m }) => [
			String(consumers),
			m.summary.packetsPerSecond.toFixed(0),
			pct(m.summary.loss),
			`${ms(m.summary.lagP50Ms)} / ${ms(m.summary.lagP95Ms)} / ${ms(m.summary.lagP99Ms)}`,
			cores(Math.max(...workerCpus(m))),
			cores(m.cpu.generator),
			cores(m.cpu[NODE]),
			drops(m),
			m.loadAverage.toFixed(1),
			m.summary.passed ? "yes" : "no",
		]),
	);
}

const NODE = "node (platform + orchestrator)";

/** Datagrams the kernel dropped in the window: at the worker's port (from senders) / at the generator's sockets. */
const drops = (m: Measurement) => `${m.drops.atWorker} / ${m.drops.atGenerator}`;

function sessionRow(label: string, r: SessionResult): string[] {
	const m = r.measurement;
	const s = m.summary;
	return [
		label,
		String(r.endpoints),
		`${r.videoReceiving} / ${r.videoExpected}`,
		String(s.consumers),
		s.packetsPerSecond.toFixed(0),
		`${pct(s.loss)} (worst ${pct(r.perConsumer.worstLoss)})`,
		`${ms(s.lagP50Ms)} / ${ms(s.lagP95Ms)} / ${ms(s.lagP99Ms)} (worst ${ms(r.perConsumer.worstLagP95Ms)})`,
		r.spread.length > 0 ? r.spread.map((w) => w.participants).join(" + ") : "–",
		workerCpus(m).map(cores).join(" + "),
		cores(m.cpu.generator),
		drops(m),
		m.loadAverage.toFixed(1),
		s.passed ? "yes" : "no",
	];
}

const SESSION_HEADER = [
	"scenario",
	"endpoints",
	"video consumers receiving",
	"consumers",
	"packets/s out",
	"loss (worst consumer)",
	"lag p50 / p95 / p99 (worst consumer p95), ms",
	"participants per worker",
	"worker CPU",
	"generator CPU",
	"socket drops in / out",
	"load avg",
	"passed",
];

interface Results {
	ramp?: { platform: Ramp; bare: Ramp };
	national: { one: SessionResult[]; two: SessionResult[] };
	tet: SessionResult[];
	storm?: StormResult;
}

/** Gives the SFU's media sockets the asked receive buffer, if any. */
async function tuneBuffers(media: MediaGenerator, sfu: Sfu): Promise<void> {
	const bytes = Number(args["worker-rcvbuf"] ?? 0);
	if (!bytes) return;
	for (const { pid, port } of await sfu.mediaSockets()) {
		const took = await media.enlargeReceiveBuffer(pid, port, bytes);
		console.log(`${sfu.name}: worker ${pid} port ${port} receive buffer ${took} bytes`);
	}
}

async function run(results: Results, cleanup: (stop: () => Promise<void>) => void): Promise<void> {
	const started = Date.now();
	const dataDir = await mkdtemp(path.join(os.tmpdir(), "rb-capacity-"));
	const media = await MediaGenerator.start();
	let platform: Platform | null = null;
	cleanup(async () => {
		await media.stop();
		await platform?.stop();
		await rm(dataDir, { recursive: true, force: true });
	});
	const firsts = new Map<string, number>();
	media.on("first", (tag, at) => firsts.set(tag, at));
	platform = await startBenchPlatform(dataDir, "load");
	await tuneBuffers(media, platformSfu(platform));
	const rampSteps = numbers(args.ramp);
	const tetCommunes = Array.from(
		{ length: Math.max(...numbers(args.tet)) },
		(_, i) => TET_SIZES[i % 6] as number,
	).reduce((a, n) => a + n - 1, 0);
	const topology = await BenchTopology.seed(
		platform.records,
		Math.max(Math.max(...rampSteps) / 5, tetCommunes, Number(args.storm) + 2),
		4,
	);
	// Each growing scenario takes no new step past its share of the run's time.
	const context = (p: Platform, budgetSeconds = 60): BenchContext => ({
		media,
		topology: topology.on(p.records),
		firsts,
		spreadOf: async (id) => (await p.signaling.session(id)?.router())?.spread ?? [],
		settleMs: Number(args["settle-ms"]),
		measureMs: Number(args["measure-ms"]),
		deadline: Date.now() + budgetSeconds * 1000,
	});
	console.log(`seeded and started in ${elapsed(started)}`);
	if (only.has("ramp")) {
		const onPlatform = await rampConsumers(context(platform, 75), platformSfu(platform), rampSteps, {
			...(args.profile === "worker" || args.profile === "generator" ? { profile: args.profile } : {}),
		});
		const bare = await BareRouter.start();
		try {
			await tuneBuffers(media, bareSfu(bare));
			results.ramp = {
				platform: onPlatform,
				bare: await rampConsumers({ ...context(platform, 75), spreadOf: undefined }, bareSfu(bare), rampSteps),
			};
		} finally {
			bare.close();
		}
		console.log(`consumers per core done at ${elapsed(started)}`);
	}
	if (only.has("national")) {
		const sizes = numbers(args.national);
		results.national.one = await nationalSession(context(platform), platformSfu(platform), sizes, "one");
		console.log(`national session (one worker) done at ${elapsed(started)}`);
	}
	if (only.has("tet")) {
		results.tet = await tetPeak(context(platform, 90), platformSfu(platform), numbers(args.tet));
		console.log(`Tết peak done at ${elapsed(started)}`);
	}
	if (only.has("storm")) {
		results.storm = await joinStorm(context(platform), platformSfu(platform), Number(args.storm), 5000);
		console.log(`join storm done at ${elapsed(started)}`);
	}
	if (only.has("national")) {
		// The same session with spreading forced (SESSION_SPREAD=always): a platform restart.
		await platform.stop();
		platform = null;
		platform = await startBenchPlatform(dataDir, "always");
		await tuneBuffers(media, platformSfu(platform));
		const sizes = numbers(args.national);
		results.national.two = await nationalSession(context(platform), platformSfu(platform), sizes, "two");
		console.log(`national session (spread over two) done at ${elapsed(started)}`);
	}
}

function print(results: Results, started: number): void {
	console.log(
		`\n## Capacity over real WebRTC (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${elapsed(started)})\n`,
	);
	const rcvbuf = args["worker-rcvbuf"];
	console.log(
		`Workers' media socket receive buffer: ${rcvbuf ? `${rcvbuf} bytes (set by the bench)` : "the system default"}.\n`,
	);
	console.log(
		`A load passes at loss < ${pct(MAX_LOSS)} over every consumer, one-way lag p95 < ${MAX_LAG_P95_MS} ms and no silent consumer.\n`,
	);
	if (results.ramp) {
		console.log("### Consumers per core (video consumers of the full layer, 1.5 Mbps)\n");
		printRamp("platform session router", results.ramp.platform.steps);
		printRamp("bare mediasoup router", results.ramp.bare.steps);
		const p = slope(results.ramp.platform.steps);
		const b = slope(results.ramp.bare.steps);
		table(
			["", "largest passing (consumers)", "consumers per worker core there", "platform / bare"],
			[
				[
					"platform",
					String(p.consumers),
					p.perCore.toFixed(0),
					b.perCore > 0 ? (p.perCore / b.perCore).toFixed(2) : "–",
				],
				["bare", String(b.consumers), b.perCore.toFixed(0), ""],
			],
		);
		const profile = results.ramp.platform.profile;
		if (profile) {
			console.log(`#### Profile of the ${args.profile} at the heaviest step (perf, cpu-clock)\n`);
			if (profile.unavailable) console.log(`perf unavailable: ${profile.unavailable}\n`);
			else {
				table(
					["share", "object"],
					profile.objects.map((o) => [pct(o.share), o.object]),
				);
				table(
					["share", "object", "symbol"],
					profile.top.map((t) => [pct(t.share), t.object, t.symbol]),
				);
			}
		}
	}
	const sessions: [string, SessionResult][] = [
		...results.national.one.map((r): [string, SessionResult] => [`national, one worker`, r]),
		...results.national.two.map((r): [string, SessionResult] => [`national, spread over two`, r]),
		...results.tet.map((r): [string, SessionResult] => [`Tết peak, ${r.sessions} sessions`, r]),
	];
	if (results.storm) sessions.push([`join storm (steady state after)`, results.storm.session]);
	if (sessions.length > 0) {
		console.log("### Sessions (speaker full layer, tiles low, every microphone)\n");
		table(
			SESSION_HEADER,
			sessions.map(([label, r]) => sessionRow(label, r)),
		);
		const slopes = [
			["national, one worker", results.national.one],
			["national, spread over two", results.national.two],
			["Tết peak", results.tet],
		] as const;
		table(
			["scenario", "largest passing (endpoints)", "consumers there", "consumers per worker core"],
			slopes
				.filter(([, rs]) => rs.length > 0)
				.map(([name, rs]) => {
					const passing = rs.filter((r) => r.measurement.summary.passed).at(-1);
					const sl = slope(rs.map((r) => ({ consumers: r.measurement.summary.consumers, measurement: r.measurement })));
					return [name, passing ? String(passing.endpoints) : "none", String(sl.consumers), sl.perCore.toFixed(0)];
				}),
		);
	}
	if (results.storm) {
		const { toFirstPacketMs: any, toFirstVideoMs: video, joiners } = results.storm;
		console.log(`### Join storm: ${joiners} endpoints joining within 5 s, join → first packet (ms)\n`);
		table(
			["", "p50", "p95", "p99", "max"],
			[
				[
					"any media",
					ms(percentile(any, 0.5)),
					ms(percentile(any, 0.95)),
					ms(percentile(any, 0.99)),
					ms(Math.max(...any)),
				],
				[
					"video",
					ms(percentile(video, 0.5)),
					ms(percentile(video, 0.95)),
					ms(percentile(video, 0.99)),
					ms(Math.max(...video)),
				],
			],
		);
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	const results: Results = { national: { one: [], two: [] }, tet: [] };
	let stop: () => Promise<void> = async () => undefined;
	const finish = async () => {
		await stop();
		print(results, started);
		if (args.json) await writeFile(args.json, JSON.stringify(results, null, 1));
	};
	// Interrupted, it still cleans up and prints what it measured.
	const interrupted = async () => {
		await finish();
		process.exit(130);
	};
	process.once("SIGINT", interrupted);
	process.once("SIGTERM", interrupted);
	// One endpoint's failure is reported by its scenario; it must not cost the whole run.
	process.on("unhandledRejection", (err) => console.error("unhandled rejection:", err));
	try {
		await run(results, (s) => {
			stop = s;
		});
	} finally {
		await finish();
	}
}

await main();
