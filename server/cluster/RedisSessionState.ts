import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ClosedHow, RoomState, SeatSnapshot, SessionStateStore } from "../../signaling/SessionState.js";
import type { StoredSessionState } from "../live/StoredSessionState.js";
import { KEYS } from "./keys.js";

export interface RedisSessionStateOptions {
	/** The database store, read uncached: what is recorded there is the truth. */
	durable: StoredSessionState;
	logger: Logger;
	/** A Redis read slower than this (an outage) is answered from the database instead. */
	readTimeoutMs?: number;
	/** How long a node may serve a room state read from Redis before reading the database again. */
	roomTtlMs?: number;
}

/**
 * The session-state store of a cluster. Ended, cancelled, removed users and chair mutes are written
 * to the database first (as in a single process) and shared through Redis, which every node reads on
 * each request; a write clears the shared copy so the next read takes the database's. The seats live
 * only in Redis, where the node that takes a session over finds them. While Redis is away, reads come
 * from the database and seat writes wait in the client's queue.
 */
export class RedisSessionState implements SessionStateStore {
	readonly #redis: Redis;
	readonly #durable: StoredSessionState;
	readonly #logger: Logger;
	readonly #readTimeoutMs: number;
	readonly #roomTtlMs: number;

	constructor(redis: Redis, options: RedisSessionStateOptions) {
		this.#redis = redis;
		this.#durable = options.durable;
		this.#logger = options.logger;
		this.#readTimeoutMs = options.readTimeoutMs ?? 500;
		this.#roomTtlMs = options.roomTtlMs ?? 10_000;
	}

	async get(sessionId: string): Promise<RoomState> {
		const shared = await this.#read(KEYS.room(sessionId));
		if (shared) return JSON.parse(shared) as RoomState;
		const state = await this.#durable.get(sessionId);
		if (this.#redis.status === "ready") {
			await this.#redis.set(KEYS.room(sessionId), JSON.stringify(state), "PX", this.#roomTtlMs).catch(() => undefined);
		}
		return state;
	}

	async close(sessionId: string, how: ClosedHow): Promise<void> {
		await this.#durable.close(sessionId, how);
		await this.#forget(sessionId);
	}

	async remove(sessionId: string, userId: string, tokenId: string | undefined): Promise<void> {
		await this.#durable.remove(sessionId, userId, tokenId);
		await this.#forget(sessionId);
	}

	async setChairMute(sessionId: string, userId: string, muted: boolean): Promise<void> {
		await this.#durable.setChairMute(sessionId, userId, muted);
		await this.#forget(sessionId);
	}

	async seats(sessionId: string): Promise<SeatSnapshot | null> {
		const seats = await this.#read(KEYS.seats(sessionId));
		return seats ? (JSON.parse(seats) as SeatSnapshot) : null;
	}

	async saveSeats(sessionId: string, seats: SeatSnapshot | null): Promise<void> {
		if (seats) await this.#redis.set(KEYS.seats(sessionId), JSON.stringify(seats));
		else await this.#redis.del(KEYS.seats(sessionId));
	}

	/** Clears the shared copy; in an outage the copy expires on its own (`roomTtlMs`). */
	async #forget(sessionId: string): Promise<void> {
		if (this.#redis.status !== "ready") return;
		await this.#redis.del(KEYS.room(sessionId)).catch((err: unknown) => {
			this.#logger.warn({ err, sessionId }, "shared room state not cleared; it expires on its own");
		});
	}

	/** A Redis read, or null when Redis does not answer in time. */
	async #read(key: string): Promise<string | null> {
		if (this.#redis.status !== "ready") return null;
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<null>((resolve) => {
			timer = setTimeout(() => resolve(null), this.#readTimeoutMs);
		});
		try {
			return await Promise.race([this.#redis.get(key).catch(() => null), late]);
		} finally {
			clearTimeout(timer);
		}
	}
}
