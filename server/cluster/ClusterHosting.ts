import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { SessionMoveReason } from "../../signaling/protocol.js";
import type { HostCall, SessionHosting } from "../../signaling/SessionHosting.js";
import { KEYS } from "./keys.js";
import { type NodeCalls, NodeUnreachableError } from "./NodeCalls.js";
import type { NodeRegistry } from "./NodeRegistry.js";

/** Sets the key to ARGV[2] only while it still holds ARGV[1] (one node wins a takeover). */
const SWAP = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`;
/** Deletes the key only while it holds ARGV[1] (a node lets go only of what is still its own). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end return 0`;

export interface ClusterHostingOptions {
	redis: Redis;
	registry: NodeRegistry;
	calls: NodeCalls;
	callTimeoutMs: number;
	logger: Logger;
}

/**
 * One hosting node per live session, chosen by load when the session opens; every other node
 * carries its sockets' requests there. When the host's registration expires, the least-loaded live
 * node takes the session over (so does a node whose client is waiting on the dead host); a draining
 * node hands its sessions to the others before it stops.
 */
export class ClusterHosting implements SessionHosting {
	readonly #options: ClusterHostingOptions;
	readonly #me: string;
	/** Sessions hosted on this node. */
	readonly #here = new Set<string>();
	#handler: (call: HostCall) => Promise<unknown> = async () => ({});
	#onNodes: (alive: ReadonlySet<string>) => void = () => undefined;

	constructor(options: ClusterHostingOptions) {
		this.#options = options;
		this.#me = options.registry.nodeId;
		options.calls.serve(async (body) => {
			const call = body as HostCall;
			if (call.kind === "request" || call.kind === "takeover") this.#here.add(call.sessionId);
			return this.#handler(call);
		});
		options.registry.onBeat(() => this.#watch());
	}

	get nodeId(): string {
		return this.#me;
	}

	get hostedHere(): string[] {
		return [...this.#here];
	}

	serve(handler: (call: HostCall) => Promise<unknown>): void {
		this.#handler = handler;
	}

	/** Told after each renewal which nodes are alive (the sockets other nodes held may be gone). */
	onNodes(listener: (alive: ReadonlySet<string>) => void): void {
		this.#onNodes = listener;
	}

	async dispatch<T>(call: HostCall, here: () => Promise<T>): Promise<T> {
		if (this.#here.has(call.sessionId)) return here();
		const { redis, registry, calls, callTimeoutMs } = this.#options;
		const key = KEYS.host(call.sessionId);
		const deadline = Date.now() + callTimeoutMs;
		for (;;) {
			let host = await redis.get(key);
			if (!host) {
				// Only a request opens a session; a disconnection or a close of one nobody hosts is nothing to do.
				if (call.kind !== "request") return here();
				// Just after a Redis outage the hosts have not written their sessions again yet: wait for them.
				if (!registry.judging) {
					await this.#pause(deadline, call.sessionId);
					continue;
				}
				const chosen = (await registry.leastLoaded()) ?? this.#me;
				if ((await redis.set(key, chosen, "NX")) !== "OK") continue;
				await redis.sadd(KEYS.sessions, call.sessionId);
				host = chosen;
			}
			if (host === this.#me) {
				this.#here.add(call.sessionId);
				return here();
			}
			if (!(await registry.isAlive(host))) {
				if (call.kind !== "request") return undefined as T;
				// A client is waiting on a dead host: take the session over now rather than at the next watch.
				if (registry.judging && (await this.#takeOver(call.sessionId, host, "failover"))) return here();
			} else {
				try {
					return (await calls.call(host, call, Math.max(1, deadline - Date.now()))) as T;
				} catch (err) {
					// Gone but still registered: wait for the registration to expire, then take over.
					if (!(err instanceof NodeUnreachableError) || call.kind !== "request") throw err;
				}
			}
			await this.#pause(deadline, host);
		}
	}

	/** Waits a little before trying again, or gives up past the deadline. */
	async #pause(deadline: number, waitingFor: string): Promise<void> {
		if (Date.now() > deadline) throw new NodeUnreachableError(waitingFor);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}

	released(sessionId: string): void {
		this.#here.delete(sessionId);
		const { redis, logger } = this.#options;
		redis
			.eval(RELEASE, 1, KEYS.host(sessionId), this.#me)
			.then((released) => (released === 1 ? redis.srem(KEYS.sessions, sessionId) : 0))
			.catch((err: unknown) => logger.warn({ err, sessionId }, "session's hosting not released"));
	}

	/**
	 * Hands every session hosted here to the least-loaded other node: `handOver` writes its seats and
	 * lets it go here, then that node takes it over and tells its sockets. Sessions no other node can
	 * take stay (they end with the process, as in a single process).
	 */
	async drain(handOver: (sessionId: string) => Promise<void>): Promise<string[]> {
		const { registry, calls, callTimeoutMs, logger } = this.#options;
		await registry.drain();
		const moved: string[] = [];
		for (const sessionId of [...this.#here]) {
			const target = await registry.leastLoaded(this.#me);
			if (!target) break;
			await handOver(sessionId);
			this.#here.delete(sessionId);
			await this.#options.redis.eval(SWAP, 1, KEYS.host(sessionId), this.#me, target);
			await calls
				.call(target, { kind: "takeover", sessionId, reason: "drain" } satisfies HostCall, callTimeoutMs)
				.catch((err: unknown) => logger.warn({ err, sessionId, target }, "drain: takeover not confirmed"));
			logger.info({ sessionId, to: target }, "session handed over (drain)");
			moved.push(sessionId);
		}
		return moved;
	}

	/** After each renewal: re-assert this node's sessions (Redis may have restarted empty) and take over the dead's. */
	async #watch(): Promise<void> {
		const { redis, registry } = this.#options;
		for (const sessionId of this.#here) {
			await redis.multi().set(KEYS.host(sessionId), this.#me, "NX").sadd(KEYS.sessions, sessionId).exec();
		}
		if (!registry.judging) return;
		const alive = await registry.alive();
		const aliveIds = new Set(alive.map((n) => n.id));
		this.#onNodes(aliveIds);
		const sessions = (await redis.smembers(KEYS.sessions)).filter((id) => !this.#here.has(id));
		if (sessions.length === 0) return;
		const hosts = await redis.mget(sessions.map(KEYS.host));
		// Only the least-loaded live node takes over, so the sessions of a dead node do not all race.
		const successor = alive.find((n) => !n.draining)?.id;
		for (const [i, sessionId] of sessions.entries()) {
			const host = hosts[i];
			if (!host) {
				await redis.srem(KEYS.sessions, sessionId);
				continue;
			}
			if (aliveIds.has(host) || successor !== this.#me) continue;
			await this.#takeOver(sessionId, host, "failover");
		}
	}

	async #takeOver(sessionId: string, deadHost: string, reason: SessionMoveReason): Promise<boolean> {
		const { redis, logger } = this.#options;
		if ((await redis.eval(SWAP, 1, KEYS.host(sessionId), deadHost, this.#me)) !== 1) return false;
		this.#here.add(sessionId);
		logger.warn({ sessionId, from: deadHost, reason }, "session taken over from a node whose registration expired");
		await this.#handler({ kind: "takeover", sessionId, reason });
		return true;
	}
}
