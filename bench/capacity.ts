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
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Platform } from "../server/Platform.js";
import { BareRouter, bareSfu } from "./load/BareRouter.js";
import { platformSfu, startBenchPlatform } from "./load/BenchPlatform.js";
import { MediaGenerator } from "./load/MediaGenerator.js";
import { MAX_LAG_P95_MS, MAX_LOSS, type Measurement } from "./load/measure.js";
import {
	type BenchContext,
	joinStorm,
	nationalSession,
	type RampStep,
	rampConsumers,
	type SessionResult,
	type StormResult,
	tetPeak,
} from "./load/scenarios.js";
import { BenchTopology } from "./load/topology.js";

const { values: args } = parseArgs({
	options: {
		only: { type: "string", default: "ramp,national,tet,storm" },
		ramp: { type: "string", default: "100,200,300,400,500,600" },
		national: { type: "string", default: "35" },
		tet: { type: "string", default: "50" },
		storm: { type: "string", default: "30" },
		"settle-ms": { type: "string", default: "2000" },
		"measure-ms": { type: "string", default: "4000" },
	},
});
const only = new Set(args.only.split(","));
const numbers = (s: string) => s.split(",").map(Number);

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)}` : "–");
const cores = (x: number | undefined) => `${((x ?? 0) * 100).toFixed(0)} %`;

function workerCpu(m: Measurement): number {
	return Math.max(
		...Object.entries(m.cpu)
			.filter(([n]) => n.startsWith("worker"))
			.map(([, v]) => v),
		0,
	);
}

function workersCpu(m: Measurement): string {
	return Object.entries(m.cpu)
		.filter(([n]) => n.startsWith("worker"))
		.map(([, v]) => cores(v))
		.join(" + ");
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

/** The largest passing step, and consumers per core of worker CPU at it (the slope when the worker was not saturated). */
function capacity(steps: RampStep[]): { consumers: number; perCore: number } {
	const passed = steps.filter((s) => s.measurement.summary.passed);
	const best = passed.at(-1);
	if (!best) return { consumers: 0, perCore: 0 };
	return { consumers: best.consumers, perCore: best.consumers / Math.max(workerCpu(best.measurement), 0.01) };
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
			"passed",
		],
		steps.map(({ consumers, measurement: m }) => [
			String(consumers),
			m.summary.packetsPerSecond.toFixed(0),
			pct(m.summary.loss),
			`${ms(m.summary.lagP50Ms)} / ${ms(m.summary.lagP95Ms)} / ${ms(m.summary.lagP99Ms)}`,
			cores(workerCpu(m)),
			cores(m.cpu.generator),
			cores(m.cpu["node (platform + orchestrator)"]),
			m.summary.passed ? "yes" : "no",
		]),
	);
}

function sessionRow(label: string, r: SessionResult): string[] {
	const s = r.measurement.summary;
	return [
		label,
		String(r.endpoints),
		`${r.videoReceiving} / ${r.videoExpected}`,
		String(s.consumers),
		s.packetsPerSecond.toFixed(0),
		`${pct(s.loss)} (worst ${pct(r.perConsumer.worstLoss)})`,
		`${ms(s.lagP50Ms)} / ${ms(s.lagP95Ms)} / ${ms(s.lagP99Ms)} (worst consumer p95 ${ms(r.perConsumer.worstLagP95Ms)})`,
		r.spread.map((w) => w.participants).join(" + ") || "–",
		workersCpu(r.measurement),
		cores(r.measurement.cpu.generator),
		s.passed ? "yes" : "no",
	];
}

const SESSION_HEADER = [
	"scenario",
	"endpoints",
	"video consumers receiving",
	"consumers",
	"packets/s out",
	"loss",
	"lag p50 / p95 / p99 (ms)",
	"participants per worker",
	"worker CPU",
	"generator CPU",
	"passed",
];

async function main(): Promise<void> {
	const started = Date.now();
	const dataDir = await mkdtemp(path.join(os.tmpdir(), "rb-capacity-"));
	const media = await MediaGenerator.start();
	const firsts = new Map<string, number>();
	media.on("first", (tag, at) => firsts.set(tag, at));
	let platform: Platform | null = await startBenchPlatform(dataDir, "load");
	const rampSteps = numbers(args.ramp);
	const tetCount = Number(args.tet);
	const stormJoiners = Number(args.storm);
	const tetCommunes = Array.from({ length: tetCount }, (_, i) => [3, 4, 5, 6, 7, 8][i % 6] as number).reduce(
		(a, n) => a + n - 1,
		0,
	);
	const topology = await BenchTopology.seed(
		platform.records,
		Math.max(Math.max(...rampSteps) / 5, tetCommunes, stormJoiners + 2),
		4,
	);
	const context = (p: Platform): BenchContext => ({
		media,
		topology: topology.on(p.records),
		firsts,
		spreadOf: async (id) => (await p.signaling.session(id)?.router())?.spread ?? [],
		settleMs: Number(args["settle-ms"]),
		measureMs: Number(args["measure-ms"]),
	});
	let ctx = context(platform);
	const results: {
		ramp?: { platform: RampStep[]; bare: RampStep[] };
		national: [string, SessionResult][];
		tet?: SessionResult;
		storm?: StormResult;
	} = { national: [] };
	try {
		console.log(`seeded and started in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		if (only.has("ramp")) {
			const onPlatform = await rampConsumers(ctx, platformSfu(platform), rampSteps);
			const bare = await BareRouter.start();
			try {
				results.ramp = {
					platform: onPlatform,
					bare: await rampConsumers({ ...ctx, spreadOf: undefined }, bareSfu(bare), rampSteps),
				};
			} finally {
				bare.close();
			}
			console.log(`ramp done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
		}
		if (only.has("national")) {
			for (const size of numbers(args.national)) {
				results.national.push([
					`national ${size}, one worker`,
					await nationalSession(ctx, platformSfu(platform), size, `one-${size}`),
				]);
			}
			console.log(`national (one worker) done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
		}
		if (only.has("tet")) {
			results.tet = await tetPeak(ctx, platformSfu(platform), tetCount);
			console.log(`Tết done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
		}
		if (only.has("storm")) {
			results.storm = await joinStorm(ctx, platformSfu(platform), stormJoiners, 5000);
			console.log(`storm done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
		}
		if (only.has("national")) {
			// The same session with spreading forced (SESSION_SPREAD=always): a platform restart.
			await platform.stop();
			platform = null;
			platform = await startBenchPlatform(dataDir, "always");
			ctx = context(platform);
			for (const size of numbers(args.national)) {
				results.national.push([
					`national ${size}, spread over two`,
					await nationalSession(ctx, platformSfu(platform), size, `two-${size}`),
				]);
			}
		}
	} finally {
		await media.stop();
		await platform?.stop();
		await rm(dataDir, { recursive: true, force: true });
	}

	console.log(
		`\n## Capacity over real WebRTC (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
	);
	console.log(
		`Thresholds: loss < ${pct(MAX_LOSS)} over every consumer, one-way lag p95 < ${MAX_LAG_P95_MS} ms, no silent consumer.\n`,
	);
	if (results.ramp) {
		console.log("### Consumers per core (video consumers of the full layer, 1.5 Mbps)\n");
		printRamp("platform session router", results.ramp.platform);
		printRamp("bare mediasoup router", results.ramp.bare);
		const p = capacity(results.ramp.platform);
		const b = capacity(results.ramp.bare);
		table(
			["", "largest passing", "consumers per worker core at it", "ratio platform / bare"],
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
	}
	const sessions: [string, SessionResult][] = [...results.national];
	if (results.tet) sessions.push([`Tết peak, ${tetCount} sessions of 3–8`, results.tet]);
	if (results.storm)
		sessions.push([
			`join storm, ${stormJoiners} in 5 s (steady state)`,
			{
				endpoints: stormJoiners + 3,
				measurement: results.storm.measurement,
				videoExpected: (stormJoiners + 3) * (stormJoiners + 2),
				videoReceiving: results.storm.measurement.reports.filter((r) => r.tag.endsWith(":video") && r.packets > 0)
					.length,
				spread: [],
				perConsumer: {
					worstLoss: Math.max(
						0,
						...results.storm.measurement.reports.map((r) => (r.expected > 0 ? Math.max(0, r.lost) / r.expected : 0)),
					),
					worstLagP95Ms: Math.max(0, ...results.storm.measurement.reports.map((r) => r.lagP95Ms)),
				},
			},
		]);
	if (sessions.length > 0) {
		console.log("### Sessions (speaker full layer, tiles low, every microphone)\n");
		table(
			SESSION_HEADER,
			sessions.map(([label, r]) => sessionRow(label, r)),
		);
	}
	if (results.storm) {
		const { toFirstPacketMs: any, toFirstVideoMs: video } = results.storm;
		console.log("### Join storm: join → first packet (ms)\n");
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

await main();
