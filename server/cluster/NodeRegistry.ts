import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { KEYS } from "./keys.js";

export type NodeStats = Pick<NodeEntry, "load" | "sessions" | "sockets">;

/** What a node tells the others about itself. */
export interface NodeEntry {
	id: string;
	/** Seats hosted here plus sockets held here: a new session goes to the node with the least. */
	load: number;
	/** Live sessions hosted here, and Socket.IO connections held here (any namespace). */
	sessions: number;
	sockets: number;
	/** Stopping: hosts nothing new, hands its sessions over. */
	draining: boolean;
	/** The address its media transports announce (clients send media there). */
	mediaAddress: string | null;
	at: string;
}

export interface NodeRegistryOptions {
	nodeId: string;
	ttlMs: number;
	stats: () => NodeStats;
	mediaAddress: string | null;
	logger: Logger;
}

/**
 * This node's registration in Redis, renewed every third of its TTL, and what it knows of the others.
 * After Redis comes back from an outage (when every registration may have expired at once) nobody is
 * judged dead until each node had two TTLs to register again.
 */
export class NodeRegistry {
	readonly #redis: Redis;
	readonly #options: NodeRegistryOptions;
	#draining = false;
	#judgeAfter = 0;
	#timer: NodeJS.Timeout | null = null;
	#beating: Promise<void> = Promise.resolve();
	readonly #onBeat: (() => Promise<void>)[] = [];

	constructor(redis: Redis, options: NodeRegistryOptions) {
		this.#redis = redis;
		this.#options = options;
		// Renewals come every third of a TTL: one TTL lets every live node register again, two after an outage.
		let outages = 0;
		redis.on("ready", () => {
			this.#judgeAfter = Date.now() + (outages++ === 0 ? 1 : 2) * options.ttlMs;
		});
	}

	get nodeId(): string {
		return this.#options.nodeId;
	}

	/** Whether registrations may be trusted to say who is dead (not just after a Redis outage). */
	get judging(): boolean {
		return Date.now() >= this.#judgeAfter && this.#redis.status === "ready";
	}

	/** Runs after each renewal (the failover watch, re-asserting hosted sessions). */
	onBeat(run: () => Promise<void>): void {
		this.#onBeat.push(run);
	}

	async start(): Promise<void> {
		await this.beat();
		this.#timer = setInterval(() => void this.beat(), Math.max(100, Math.floor(this.#options.ttlMs / 3)));
		this.#timer.unref();
	}

	/** Renews the registration now; one renewal at a time. */
	beat(): Promise<void> {
		this.#beating = this.#beating.then(() => this.#beat());
		return this.#beating;
	}

	async #beat(): Promise<void> {
		if (this.#redis.status !== "ready") return;
		const { nodeId, ttlMs, stats, mediaAddress, logger } = this.#options;
		const entry: NodeEntry = {
			id: nodeId,
			...stats(),
			draining: this.#draining,
			mediaAddress,
			at: new Date().toISOString(),
		};
		try {
			await this.#redis
				.multi()
				.set(KEYS.node(nodeId), JSON.stringify(entry), "PX", ttlMs)
				.sadd(KEYS.nodes, nodeId)
				.exec();
			for (const run of this.#onBeat) await run();
		} catch (err) {
			logger.warn({ err }, "cluster registration not renewed");
		}
	}

	/** Stops taking new sessions; the registration says so at once. */
	async drain(): Promise<void> {
		this.#draining = true;
		await this.beat();
	}

	/** Every node whose registration is current, least loaded first (ties by id). */
	async alive(): Promise<NodeEntry[]> {
		const ids = await this.#redis.smembers(KEYS.nodes);
		if (ids.length === 0) return [];
		const values = await this.#redis.mget(ids.map(KEYS.node));
		const entries = values.flatMap((v) => (v ? [JSON.parse(v) as NodeEntry] : []));
		const gone = ids.filter((_, i) => values[i] === null);
		if (gone.length > 0 && this.judging) await this.#redis.srem(KEYS.nodes, ...gone);
		return entries.sort((a, b) => a.load - b.load || a.id.localeCompare(b.id));
	}

	/** The node a session should go to: the least loaded that is not draining (this one when alone). */
	async leastLoaded(except?: string): Promise<string | null> {
		const candidates = (await this.alive()).filter((n) => !n.draining && n.id !== except);
		return candidates[0]?.id ?? null;
	}

	async isAlive(nodeId: string): Promise<boolean> {
		return (await this.#redis.exists(KEYS.node(nodeId))) === 1;
	}

	async stop(): Promise<void> {
		if (this.#timer) clearInterval(this.#timer);
		await this.#beating;
		if (this.#redis.status !== "ready") return;
		await this.#redis
			.multi()
			.del(KEYS.node(this.#options.nodeId))
			.srem(KEYS.nodes, this.#options.nodeId)
			.exec()
			.catch(() => undefined);
	}
}
