import os from "node:os";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { SignalingServer } from "../../signaling/SignalingServer.js";
import type { StoredSessionState } from "../live/StoredSessionState.js";
import { ClusterHosting } from "./ClusterHosting.js";
import { ClusterLocks } from "./ClusterLocks.js";
import { NodeCalls } from "./NodeCalls.js";
import { type NodeEntry, NodeRegistry, type NodeStats } from "./NodeRegistry.js";
import { RedisSessionState } from "./RedisSessionState.js";

export interface ClusterOptions {
	redisUrl: string;
	nodeId?: string | undefined;
	ttlMs: number;
	callTimeoutMs: number;
	/** How long a node waits for a cluster lock another node holds (CLUSTER_LOCK_WAIT_MS). */
	lockWaitMs: number;
	mediaAddress: string | null;
	logger: Logger;
}

/**
 * This process as one node of several on one Redis (REDIS_URL): the Socket.IO adapter for every
 * namespace, the node registry, calls between nodes, session hosting with failover and drain, and
 * the shared session-state store. docs/operations.md, "Several nodes".
 */
export class Cluster {
	readonly nodeId: string;
	readonly redis: Redis;
	readonly registry: NodeRegistry;
	readonly hosting: ClusterHosting;
	/** Work one node does at a time: the reports' catch-up, the periodic "offline before its session" check. */
	readonly locks: ClusterLocks;
	readonly #calls: NodeCalls;
	readonly #logger: Logger;
	#stats: () => NodeStats = () => ({ load: 0, sessions: 0, sockets: 0 });
	#wasDown = false;

	constructor(options: ClusterOptions) {
		this.nodeId = options.nodeId ?? `${os.hostname()}-${process.pid}`;
		this.#logger = options.logger.child({ component: "cluster", nodeId: this.nodeId });
		// Commands wait for Redis while it is away (never given up on); reads that cannot wait time out themselves.
		this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
		this.redis.on("error", (err: Error) => this.#logger.warn({ err: err.message }, "redis unreachable"));
		this.redis.on("close", () => {
			this.#wasDown = true;
		});
		this.registry = new NodeRegistry(this.redis, {
			nodeId: this.nodeId,
			ttlMs: options.ttlMs,
			stats: () => this.#stats(),
			mediaAddress: options.mediaAddress,
			logger: this.#logger,
		});
		// A dead holder's lock frees within a node TTL, like its sessions.
		this.locks = new ClusterLocks({
			redis: this.redis,
			ttlMs: options.ttlMs,
			waitMs: options.lockWaitMs,
			logger: this.#logger,
		});
		this.#calls = new NodeCalls(this.redis, this.nodeId, this.#logger);
		this.hosting = new ClusterHosting({
			redis: this.redis,
			registry: this.registry,
			calls: this.#calls,
			callTimeoutMs: options.callTimeoutMs,
			logger: this.#logger,
		});
	}

	/** The Socket.IO adapter every namespace uses: the streams adapter survives short Redis outages. */
	adapter(): ReturnType<typeof createAdapter> {
		return createAdapter(this.redis);
	}

	sessionState(durable: StoredSessionState): RedisSessionState {
		return new RedisSessionState(this.redis, { durable, logger: this.#logger });
	}

	/** Registers this node once signalling is up; after a Redis outage its sessions' seats are written again. */
	async start(signaling: SignalingServer): Promise<void> {
		this.#stats = () => {
			const sessions = signaling.counts();
			const sockets = signaling.io.engine.clientsCount;
			return { load: sessions.participants + sockets, sessions: sessions.sessions, sockets };
		};
		if (this.redis.status === "wait") await this.redis.connect();
		else await this.redis.ping();
		this.redis.on("ready", () => {
			if (!this.#wasDown) return;
			this.#wasDown = false;
			this.#logger.info("redis back: registration and seats written again");
			signaling.persistSeats().catch((err: unknown) => this.#logger.warn({ err }, "seats not written again"));
		});
		this.#wasDown = false;
		this.hosting.onNodes((alive) => signaling.socketsLost((nodeId) => nodeId === this.nodeId || alive.has(nodeId)));
		await this.#calls.start();
		await this.registry.start();
		this.#logger.info({ nodeId: this.nodeId }, "cluster node registered");
	}

	nodes(): Promise<NodeEntry[]> {
		return this.registry.alive();
	}

	/** Moves every session hosted here to other nodes (SIGTERM), before signalling closes. */
	async drain(signaling: SignalingServer): Promise<void> {
		if (this.redis.status !== "ready") return;
		const moved = await this.hosting.drain((sessionId) => signaling.handOver(sessionId));
		this.#logger.info({ moved: moved.length }, "node drained");
	}

	async stop(): Promise<void> {
		await this.locks.close();
		await this.registry.stop();
		this.#calls.close();
		this.redis.disconnect();
	}
}
