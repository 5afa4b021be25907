import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { SignalingError, toProtocolError } from "../../signaling/errors.js";
import type { ProtocolError } from "../../signaling/protocol.js";
import { KEYS } from "./keys.js";

/** Nobody listens on the node's channel: it died (its registration may not have expired yet). */
export class NodeUnreachableError extends SignalingError {
	constructor(nodeId: string) {
		super("MEDIA_UNAVAILABLE", `cluster node ${nodeId} is unreachable`);
	}
}

type Answer = { id: string; data?: unknown; error?: ProtocolError };

/**
 * Calls from one node to another over Redis PUB/SUB: each node listens on its own channel and
 * answers on the caller's. A call to a node nobody listens for fails at once; one unanswered fails
 * after `timeoutMs`. Failures the hosting node answered keep their protocol code.
 */
export class NodeCalls {
	readonly #redis: Redis;
	readonly #subscriber: Redis;
	readonly #nodeId: string;
	readonly #logger: Logger;
	readonly #pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	#handler: (body: unknown) => Promise<unknown> = async () => {
		throw new SignalingError("NOT_FOUND", "this node serves no calls yet");
	};

	constructor(redis: Redis, nodeId: string, logger: Logger) {
		this.#redis = redis;
		this.#subscriber = redis.duplicate();
		this.#nodeId = nodeId;
		this.#logger = logger;
		this.#subscriber.on("message", (channel: string, message: string) => this.#received(channel, message));
		// An unreachable Redis is logged by the main connection; this one only retries.
		this.#subscriber.on("error", () => undefined);
	}

	async start(): Promise<void> {
		await this.#subscriber.subscribe(KEYS.calls(this.#nodeId), KEYS.answers(this.#nodeId));
	}

	serve(handler: (body: unknown) => Promise<unknown>): void {
		this.#handler = handler;
	}

	async call(nodeId: string, body: unknown, timeoutMs: number): Promise<unknown> {
		const id = randomUUID();
		const answered = new Promise<unknown>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#pending.delete(id);
				reject(new SignalingError("MEDIA_UNAVAILABLE", `cluster node ${nodeId} did not answer`));
			}, timeoutMs);
			this.#pending.set(id, {
				resolve: (v) => {
					clearTimeout(timer);
					resolve(v);
				},
				reject: (e) => {
					clearTimeout(timer);
					reject(e);
				},
			});
		});
		const listeners = await this.#redis.publish(KEYS.calls(nodeId), JSON.stringify({ id, from: this.#nodeId, body }));
		if (listeners === 0) this.#pending.get(id)?.reject(new NodeUnreachableError(nodeId));
		return answered;
	}

	#received(channel: string, message: string): void {
		if (channel === KEYS.answers(this.#nodeId)) {
			const answer = JSON.parse(message) as Answer;
			const pending = this.#pending.get(answer.id);
			this.#pending.delete(answer.id);
			if (answer.error) pending?.reject(new SignalingError(answer.error.code, answer.error.message));
			else pending?.resolve(answer.data);
			return;
		}
		const { id, from, body } = JSON.parse(message) as { id: string; from: string; body: unknown };
		this.#handler(body)
			.then(
				(data): Answer => ({ id, data: data ?? {} }),
				(err: unknown): Answer => ({ id, error: toProtocolError(err) }),
			)
			.then((answer) => this.#redis.publish(KEYS.answers(from), JSON.stringify(answer)))
			.catch((err: unknown) => this.#logger.warn({ err, from }, "cluster call not answered"));
	}

	close(): void {
		for (const pending of this.#pending.values())
			pending.reject(new SignalingError("MEDIA_UNAVAILABLE", "node stopping"));
		this.#pending.clear();
		this.#subscriber.disconnect();
	}
}
