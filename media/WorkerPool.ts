import type { types } from "mediasoup";
import * as mediasoup from "mediasoup";
import type { Logger } from "pino";
import { SafeEmitter } from "../domain/SafeEmitter.js";

type Worker = types.Worker;
type WebRtcServer = types.WebRtcServer;

/** Where each worker's one WebRtcServer listens: one UDP and one TCP port per worker. */
export interface WebRtcListenOptions {
	listenIp: string;
	/** The address clients are told to reach (behind NAT, or when listening on 0.0.0.0). */
	announcedIp?: string;
	/** The worker in slot i listens on base + i; 0 lets the system choose a free port. */
	udpPortBase: number;
	tcpPortBase: number;
	/** Which of UDP and TCP the server listens on; TCP alone suits networks that drop UDP anyway. */
	protocols: readonly types.TransportProtocol[];
}

export interface WorkerPoolOptions {
	size: number;
	logLevel: types.WorkerLogLevel;
	/** Wait before replacing a dead worker, so a worker that crashes at start does not spin. */
	respawnDelayMs: number;
	webRtc: WebRtcListenOptions;
	logger: Logger;
}

export interface WorkerStatus {
	slot: number;
	pid: number | null;
	alive: boolean;
}

export interface WorkerPoolEvents {
	workerdied: [slot: number, pid: number, error: Error];
	workerreplaced: [slot: number, worker: Worker];
}

/**
 * A fixed number of mediasoup workers (one per core by default). A worker that dies is logged and
 * replaced in the same slot; its routers are gone, and whoever used them learns it from `workerdied`.
 */
export class WorkerPool extends SafeEmitter<WorkerPoolEvents> {
	readonly #options: WorkerPoolOptions;
	readonly #slots: (Worker | null)[];
	readonly #webRtcServers = new WeakMap<Worker, WebRtcServer>();
	readonly #routerCounts = new WeakMap<Worker, number>();
	readonly #consumerCounts = new WeakMap<Worker, number>();
	#closed = false;

	constructor(options: WorkerPoolOptions) {
		super(options.logger);
		this.#options = options;
		this.#slots = new Array<Worker | null>(options.size).fill(null);
	}

	async start(): Promise<void> {
		await Promise.all(this.#slots.map((_, slot) => this.#spawn(slot)));
	}

	get workers(): Worker[] {
		return this.#slots.filter((w): w is Worker => w !== null);
	}

	status(): WorkerStatus[] {
		return this.#slots.map((w, slot) => ({ slot, pid: w?.pid ?? null, alive: w !== null && !w.closed }));
	}

	/** The live worker with the fewest routers; null while every slot is waiting to respawn. */
	leastLoaded(routerCount: (worker: Worker) => number): Worker | null {
		let best: Worker | null = null;
		for (const w of this.workers) {
			if (best === null || routerCount(w) < routerCount(best)) best = w;
		}
		return best;
	}

	/** The WebRtcServer every WebRtcTransport on this worker shares. */
	webRtcServer(worker: Worker): WebRtcServer {
		const server = this.#webRtcServers.get(worker);
		if (!server) throw new Error(`worker ${worker.pid} has no WebRtcServer`);
		return server;
	}

	routerCount(worker: Worker): number {
		return this.#routerCounts.get(worker) ?? 0;
	}

	/** Consumers the worker forwards to, pipe consumers included: its load as sessions spread. */
	consumerCount(worker: Worker): number {
		return this.#consumerCounts.get(worker) ?? 0;
	}

	close(): void {
		this.#closed = true;
		for (const w of this.workers) w.close();
		this.#slots.fill(null);
	}

	async #spawn(slot: number): Promise<void> {
		const { logLevel, logger } = this.#options;
		const worker = await mediasoup.createWorker({ logLevel, appData: { slot } });
		if (this.#closed) {
			worker.close();
			return;
		}
		const server = await worker.createWebRtcServer({ listenInfos: this.#listenInfos(slot) }).catch((err: unknown) => {
			worker.close();
			throw err;
		});
		this.#webRtcServers.set(worker, server);
		worker.observer.on("newrouter", (router) => {
			this.#routerCounts.set(worker, this.routerCount(worker) + 1);
			router.observer.once("close", () => this.#routerCounts.set(worker, this.routerCount(worker) - 1));
			router.observer.on("newtransport", (transport) =>
				transport.observer.on("newconsumer", (consumer) => {
					this.#consumerCounts.set(worker, this.consumerCount(worker) + 1);
					consumer.observer.once("close", () => this.#consumerCounts.set(worker, this.consumerCount(worker) - 1));
				}),
			);
		});
		this.#slots[slot] = worker;
		logger.info({ slot, pid: worker.pid, listen: this.#listenInfos(slot) }, "mediasoup worker started");
		worker.on("died", (error) => this.#onDied(slot, worker, error));
	}

	#listenInfos(slot: number): types.WebRtcServerListenInfo[] {
		const { listenIp: ip, announcedIp, udpPortBase, tcpPortBase, protocols } = this.#options.webRtc;
		const port = (base: number): number => (base === 0 ? 0 : base + slot);
		const base = { udp: udpPortBase, tcp: tcpPortBase };
		return protocols.map((protocol) => ({
			protocol,
			ip,
			port: port(base[protocol]),
			...(announcedIp ? { announcedIp } : {}),
		}));
	}

	#onDied(slot: number, worker: Worker, error: Error): void {
		this.#options.logger.error({ slot, pid: worker.pid, err: error }, "mediasoup worker died; replacing it");
		this.#slots[slot] = null;
		this.safeEmit("workerdied", slot, worker.pid, error);
		const respawn = (): void => {
			if (this.#closed) return;
			this.#spawn(slot)
				.then(() => {
					const replacement = this.#slots[slot];
					if (replacement) this.safeEmit("workerreplaced", slot, replacement);
				})
				.catch((err: unknown) => {
					this.#options.logger.error({ slot, err }, "could not replace mediasoup worker; retrying");
					setTimeout(respawn, Math.max(this.#options.respawnDelayMs, 1000));
				});
		};
		setTimeout(respawn, this.#options.respawnDelayMs);
	}
}
