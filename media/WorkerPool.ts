import { EventEmitter } from "node:events";
import type { types } from "mediasoup";
import * as mediasoup from "mediasoup";
import type { Logger } from "pino";

type Worker = types.Worker;

export interface WorkerPoolOptions {
	size: number;
	logLevel: types.WorkerLogLevel;
	/** Wait before replacing a dead worker, so a worker that crashes at start does not spin. */
	respawnDelayMs: number;
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
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
	readonly #options: WorkerPoolOptions;
	readonly #slots: (Worker | null)[];
	#closed = false;

	constructor(options: WorkerPoolOptions) {
		super();
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
		this.#slots[slot] = worker;
		logger.info({ slot, pid: worker.pid }, "mediasoup worker started");
		worker.on("died", (error) => this.#onDied(slot, worker, error));
	}

	#onDied(slot: number, worker: Worker, error: Error): void {
		this.#options.logger.error({ slot, pid: worker.pid, err: error }, "mediasoup worker died; replacing it");
		this.#slots[slot] = null;
		this.emit("workerdied", slot, worker.pid, error);
		const respawn = (): void => {
			if (this.#closed) return;
			this.#spawn(slot)
				.then(() => {
					const replacement = this.#slots[slot];
					if (replacement) this.emit("workerreplaced", slot, replacement);
				})
				.catch((err: unknown) => {
					this.#options.logger.error({ slot, err }, "could not replace mediasoup worker; retrying");
					setTimeout(respawn, Math.max(this.#options.respawnDelayMs, 1000));
				});
		};
		setTimeout(respawn, this.#options.respawnDelayMs);
	}
}
