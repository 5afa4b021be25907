import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { Mutex } from "redis-semaphore";
import { ReceptionError } from "../../domain/errors.js";
import { KEYS } from "./keys.js";

export interface ClusterLocksOptions {
	redis: Redis;
	/** A holder that stops renewing (a dead node) frees its lock after this long. */
	ttlMs: number;
	/** How long `exclusive` waits for another node's turn (or for Redis) before refusing. */
	waitMs: number;
	logger: Logger;
}

/** Another node held the lock longer than we may wait, or Redis did not answer in that time. */
export class ClusterLockTimeoutError extends ReceptionError {
	constructor(name: string, waitMs: number) {
		super("CLUSTER_BUSY", `cluster lock ${name} not obtained within ${waitMs} ms; retry`);
	}
}

/** Runs a task so that no other node runs one under the same name at the same time. */
export type Exclusive = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Cluster-wide mutual exclusion on the cluster's Redis (docs/operations.md, "Several nodes"), with
 * redis-semaphore's Mutex: `SET NX PX` with a random token, renewed while held, released by a Lua
 * script that deletes the key only if it still holds this holder's token.
 */
export class ClusterLocks {
	readonly #options: ClusterLocksOptions;
	readonly #held = new Set<Mutex>();
	readonly #leases: Lease[] = [];

	constructor(options: ClusterLocksOptions) {
		this.#options = options;
	}

	/** Serialises `name` across nodes; within this node, callers queue behind one another too. */
	exclusive(name: string): Exclusive {
		let queue: Promise<unknown> = Promise.resolve();
		return <T>(task: () => Promise<T>) => {
			const run = queue.then(
				() => this.#locked(name, task),
				() => this.#locked(name, task),
			);
			queue = run.catch(() => undefined);
			return run;
		};
	}

	/** A lease one node holds at a time, renewed while it lives: the node that runs a periodic task. */
	lease(name: string): Lease {
		const mutex = this.#mutex(name, { acquireTimeout: this.#options.waitMs, acquireAttemptsLimit: 1 });
		const lease = new Lease(mutex, name, this.#options.logger);
		this.#leases.push(lease);
		return lease;
	}

	/** Stops renewing and releases every lock and lease this node holds (before Redis disconnects). */
	async close(): Promise<void> {
		await Promise.all([...this.#held].map((m) => m.release().catch(() => undefined)));
		await Promise.all(this.#leases.map((l) => l.release()));
	}

	async #locked<T>(name: string, task: () => Promise<T>): Promise<T> {
		const { waitMs } = this.#options;
		const mutex = this.#mutex(name, { acquireTimeout: waitMs });
		// Commands wait for Redis while it is away: the wait is bounded here, not only between attempts.
		const abort = new AbortController();
		const attempt = mutex.tryAcquire(abort.signal).catch(() => false);
		let timer: NodeJS.Timeout | undefined;
		const timedOut = new Promise<false>((resolve) => {
			timer = setTimeout(() => resolve(false), waitMs);
		});
		const acquired = await Promise.race([attempt, timedOut]);
		clearTimeout(timer);
		if (!acquired) {
			abort.abort();
			// A SET that lands after we gave up is released at once (else it would expire after its TTL).
			void attempt.then((late) => (late ? mutex.release() : undefined)).catch(() => undefined);
			throw new ClusterLockTimeoutError(name, waitMs);
		}
		this.#held.add(mutex);
		try {
			return await task();
		} finally {
			this.#held.delete(mutex);
			await mutex
				.release()
				.catch((err: unknown) => this.#options.logger.warn({ err, lock: name }, "lock not released"));
		}
	}

	#mutex(name: string, acquire: { acquireTimeout: number; acquireAttemptsLimit?: number }): Mutex {
		const { redis, ttlMs, logger } = this.#options;
		return new Mutex(redis, KEYS.lock(name), {
			lockTimeout: ttlMs,
			...acquire,
			retryInterval: 50,
			refreshInterval: Math.max(100, Math.floor(ttlMs / 3)),
			// The holder lost it (Redis away longer than the TTL): another node may run meanwhile.
			onLockLost: (err) => logger.warn({ err: err.message, lock: name }, "cluster lock lost"),
		});
	}
}

/** Held by at most one node at a time; `held()` takes it when free and tells whether this node has it. */
export class Lease {
	readonly #mutex: Mutex;
	readonly #name: string;
	readonly #logger: Logger;
	#closed = false;

	constructor(mutex: Mutex, name: string, logger: Logger) {
		this.#mutex = mutex;
		this.#name = name;
		this.#logger = logger;
	}

	async held(): Promise<boolean> {
		if (this.#closed) return false;
		if (this.#mutex.isAcquired) return true;
		const taken = await this.#mutex.tryAcquire();
		if (taken) this.#logger.info({ lease: this.#name }, "cluster lease taken");
		return taken;
	}

	async release(): Promise<void> {
		this.#closed = true;
		await this.#mutex.release().catch(() => undefined);
	}
}
