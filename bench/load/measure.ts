import { readFile } from "node:fs/promises";
import os from "node:os";
import type { ConsumerReport, MediaGenerator } from "./MediaGenerator.js";

/** The thresholds a load passes at: every consumer together under this loss, and this one-way lag at p95. */
export const MAX_LOSS = 0.005;
export const MAX_LAG_P95_MS = 50;

/** What the consumers of one measurement window saw, together. */
export interface WindowSummary {
	consumers: number;
	/** Consumers that received nothing in the window. */
	silent: number;
	packetsPerSecond: number;
	/** Lost over expected, every consumer together (before any retransmission: the sidecar sends no NACK). */
	loss: number;
	/** The worst single consumer's loss. */
	worstLoss: number;
	lagP50Ms: number;
	lagP95Ms: number;
	lagP99Ms: number;
	lagMaxMs: number;
	meanJitterMs: number;
	passed: boolean;
}

export function summarize(reports: ConsumerReport[], seconds: number): WindowSummary {
	let packets = 0;
	let expected = 0;
	let lost = 0;
	let worstLoss = 0;
	let jitter = 0;
	let lagMax = 0;
	const histogram = new Map<number, number>();
	for (const r of reports) {
		packets += r.packets;
		expected += r.expected;
		lost += Math.max(0, r.lost);
		if (r.expected > 0) worstLoss = Math.max(worstLoss, Math.max(0, r.lost) / r.expected);
		jitter += r.jitterMs;
		lagMax = Math.max(lagMax, r.lagMaxMs);
		for (const [floor, n] of Object.entries(r.lagHistogram ?? {})) {
			histogram.set(Number(floor), (histogram.get(Number(floor)) ?? 0) + n);
		}
	}
	const buckets = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
	const percentile = (q: number): number => {
		const target = Math.ceil(q * packets);
		let seen = 0;
		for (const [floor, n] of buckets) {
			seen += n;
			if (seen >= target) return floor;
		}
		return lagMax;
	};
	const silent = reports.filter((r) => r.packets === 0).length;
	const loss = expected > 0 ? lost / expected : 0;
	const lagP95Ms = percentile(0.95);
	return {
		consumers: reports.length,
		silent,
		packetsPerSecond: packets / seconds,
		loss,
		worstLoss,
		lagP50Ms: percentile(0.5),
		lagP95Ms,
		lagP99Ms: percentile(0.99),
		lagMaxMs: lagMax,
		meanJitterMs: reports.length > 0 ? jitter / reports.length : 0,
		passed: reports.length > 0 && silent === 0 && loss < MAX_LOSS && lagP95Ms < MAX_LAG_P95_MS,
	};
}

/** User + system CPU seconds of a process so far. */
async function cpuSeconds(pid: number): Promise<number> {
	if (pid === process.pid) {
		const { user, system } = process.cpuUsage();
		return (user + system) / 1e6;
	}
	const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
	// utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU of named processes over a window, as a share of one core each. */
export async function cpuOver<T>(
	pids: Record<string, number>,
	during: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number>; seconds: number }> {
	const names = Object.keys(pids);
	const before = await Promise.all(names.map((n) => cpuSeconds(pids[n] ?? 0)));
	const started = process.hrtime.bigint();
	const result = await during();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const after = await Promise.all(names.map((n) => cpuSeconds(pids[n] ?? 0)));
	const cpu = Object.fromEntries(names.map((n, i) => [n, ((after[i] ?? 0) - (before[i] ?? 0)) / seconds]));
	return { result, cpu, seconds };
}

/** Datagrams the kernel dropped because a socket's receive buffer was full, by where. */
export interface SocketDrops {
	/** At the SFU's media port: packets from senders lost before the worker read them. */
	atWorker: number;
	/** At the generator's sockets connected to that port: packets from the SFU lost before the generator read them. */
	atGenerator: number;
}

/** Sums the `drops` column of /proc/net/udp for the SFU's ports and the sockets connected to them. */
export async function udpDrops(ports: readonly number[]): Promise<SocketDrops> {
	const drops: SocketDrops = { atWorker: 0, atGenerator: 0 };
	const table = await readFile("/proc/net/udp", "utf8").catch(() => "");
	for (const line of table.split("\n").slice(1)) {
		const fields = line.trim().split(/\s+/);
		const local = Number.parseInt(fields[1]?.split(":")[1] ?? "", 16);
		const remote = Number.parseInt(fields[2]?.split(":")[1] ?? "", 16);
		const dropped = Number(fields[12] ?? 0);
		if (ports.includes(local)) drops.atWorker += dropped;
		else if (ports.includes(remote)) drops.atGenerator += dropped;
	}
	return drops;
}

export interface Measurement {
	summary: WindowSummary;
	reports: ConsumerReport[];
	/** Share of one core per named process. */
	cpu: Record<string, number>;
	/** The machine's 1-minute load average at the end: other processes compete for the same cores. */
	loadAverage: number;
	/** Kernel socket drops during the window (how much of the loss happened where). */
	drops: SocketDrops;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lets the load settle, then measures one window: every consumer's stream and each process's CPU. */
export async function measureWindow(
	generator: MediaGenerator,
	pids: Record<string, number>,
	ports: readonly number[],
	settleMs: number,
	measureMs: number,
): Promise<Measurement> {
	await sleep(settleMs);
	await generator.stats(true);
	const dropsBefore = await udpDrops(ports);
	const { cpu, seconds } = await cpuOver(pids, () => sleep(measureMs));
	const dropsAfter = await udpDrops(ports);
	const { consumers } = await generator.stats(true);
	return {
		summary: summarize(consumers, seconds),
		reports: consumers,
		cpu,
		loadAverage: os.loadavg()[0] ?? 0,
		drops: {
			atWorker: dropsAfter.atWorker - dropsBefore.atWorker,
			atGenerator: dropsAfter.atGenerator - dropsBefore.atGenerator,
		},
	};
}
