import type { types } from "mediasoup";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { WorkerPool } from "../../media/WorkerPool.js";

/** Counts the platform's moving parts report for `/metrics`; each is read when Prometheus scrapes. */
export interface MetricSources {
	workers: WorkerPool;
	/** Live sessions, participants, transports, producers, consumers. */
	media?: () => Record<"sessions" | "participants" | "transports" | "producers" | "consumers", number>;
	connectedEndpoints?: () => number;
	pendingRecordWrites?: () => number;
}

/** The Prometheus registry: process defaults, mediasoup workers, sessions and signalling traffic. */
export class Metrics {
	readonly registry = new Registry();
	readonly signalingEvents: Counter<"event">;
	readonly signalingErrors: Counter<"event" | "code">;
	#sources: MetricSources;

	constructor(sources: MetricSources) {
		this.#sources = sources;
		const registers = [this.registry];
		collectDefaultMetrics({ register: this.registry, prefix: "rb_" });

		const workerLabels = ["slot", "pid"] as const;
		// Both worker gauges read one resource-usage call per worker per scrape (the registry collects
		// every metric at once, so the second gauge joins the call the first one started).
		let scrape: Promise<{ labels: Record<"slot" | "pid", string>; usage: types.WorkerResourceUsage }[]> | null = null;
		const usages = () => {
			scrape ??= Promise.all(
				this.#sources.workers.workers.map(async (worker) => ({
					labels: { slot: String((worker.appData as { slot?: number }).slot ?? ""), pid: String(worker.pid) },
					usage: await worker.getResourceUsage(),
				})),
			).finally(() => {
				scrape = null;
			});
			return scrape;
		};
		const workerGauge = (name: string, help: string, value: (u: types.WorkerResourceUsage) => number) => {
			const gauge: Gauge<"slot" | "pid"> = new Gauge({
				name,
				help,
				labelNames: workerLabels,
				registers,
				collect: async () => {
					gauge.reset();
					for (const { labels, usage } of await usages().catch(() => [])) gauge.set(labels, value(usage));
				},
			});
		};
		workerGauge(
			"rb_mediasoup_worker_cpu_seconds",
			"CPU time (user + system) a mediasoup worker has used",
			(u) => (u.ru_utime + u.ru_stime) / 1000,
		);
		workerGauge(
			"rb_mediasoup_worker_max_rss_bytes",
			"Peak resident memory of a mediasoup worker",
			(u) => u.ru_maxrss * 1024,
		);
		new Gauge({
			name: "rb_mediasoup_workers_alive",
			help: "mediasoup workers alive",
			registers,
			collect() {
				this.set(sources.workers.status().filter((w) => w.alive).length);
			},
		});
		const media = new Gauge({
			name: "rb_media_objects",
			help: "Live sessions, participants, transports, producers and consumers",
			labelNames: ["kind"] as const,
			registers,
			collect: () => {
				for (const [kind, n] of Object.entries(this.#sources.media?.() ?? {})) media.set({ kind }, n);
			},
		});
		new Gauge({
			name: "rb_connected_endpoints",
			help: "Endpoints with a live presence connection",
			registers,
			collect() {
				this.set(sources.connectedEndpoints?.() ?? 0);
			},
		});
		new Gauge({
			name: "rb_pending_record_writes",
			help: "Attendance and outcome writes journaled but not yet in the database",
			registers,
			collect() {
				this.set(sources.pendingRecordWrites?.() ?? 0);
			},
		});
		this.signalingEvents = new Counter({
			name: "rb_signaling_events_total",
			help: "Signalling requests received, by event",
			labelNames: ["event"] as const,
			registers,
		});
		this.signalingErrors = new Counter({
			name: "rb_signaling_errors_total",
			help: "Signalling requests refused or failed, by event and error code",
			labelNames: ["event", "code"] as const,
			registers,
		});
	}

	/** Parts that start after the registry (signalling, presence, records) plug their counts in here. */
	addSources(sources: Partial<Omit<MetricSources, "workers">>): void {
		this.#sources = { ...this.#sources, ...sources };
	}
}
