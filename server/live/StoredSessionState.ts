import type { Connection } from "mongoose";
import type { ClosedHow, RoomState, SeatSnapshot, SessionStateStore } from "../../signaling/SessionState.js";
import { setNewest } from "../boundedMap.js";

interface SessionStateDoc {
	_id: string;
	closed?: ClosedHow | null;
	removedTokenIds?: string[];
	removedUserIds?: string[];
	chairMutedUserIds?: string[];
}

/**
 * The live sessions' state in the database (`sessionstates`), read through a bounded in-process
 * cache that every write goes through, so the check on each socket request costs no round trip.
 * A single process keeps no seats elsewhere (they live in its LiveSession); a cluster reads this store
 * uncached (`maxCached` 0) behind its Redis copy (server/cluster/RedisSessionState.ts).
 */
export class StoredSessionState implements SessionStateStore {
	readonly #connection: Connection;
	readonly #cache = new Map<string, RoomState>();
	readonly #maxCached: number;

	constructor(connection: Connection, maxCached = 1000) {
		this.#connection = connection;
		this.#maxCached = maxCached;
	}

	get #collection() {
		return this.#connection.collection<SessionStateDoc>("sessionstates");
	}

	async get(sessionId: string): Promise<RoomState> {
		const cached = this.#cache.get(sessionId);
		if (cached) return cached;
		const doc = await this.#collection.findOne({ _id: sessionId });
		return this.#remember(sessionId, {
			closed: doc?.closed ?? null,
			removedTokenIds: doc?.removedTokenIds ?? [],
			removedUserIds: doc?.removedUserIds ?? [],
			chairMutedUserIds: doc?.chairMutedUserIds ?? [],
		});
	}

	async close(sessionId: string, how: ClosedHow): Promise<void> {
		await this.#update(sessionId, { $set: { closed: how } }, (s) => ({ ...s, closed: how }));
	}

	async remove(sessionId: string, userId: string, tokenId: string | undefined): Promise<void> {
		const tokens = tokenId ? [tokenId] : [];
		await this.#update(
			sessionId,
			{ $addToSet: { removedUserIds: userId, removedTokenIds: { $each: tokens } } },
			(s) => ({
				...s,
				removedUserIds: union(s.removedUserIds, [userId]),
				removedTokenIds: union(s.removedTokenIds, tokens),
			}),
		);
	}

	async setChairMute(sessionId: string, userId: string, muted: boolean): Promise<void> {
		await this.#update(
			sessionId,
			muted ? { $addToSet: { chairMutedUserIds: userId } } : { $pull: { chairMutedUserIds: userId } },
			(s) => ({
				...s,
				chairMutedUserIds: muted
					? union(s.chairMutedUserIds, [userId])
					: s.chairMutedUserIds.filter((id) => id !== userId),
			}),
		);
	}

	async seats(): Promise<SeatSnapshot | null> {
		return null;
	}

	async saveSeats(): Promise<void> {}

	async #update(sessionId: string, update: Record<string, unknown>, apply: (s: RoomState) => RoomState) {
		const current = await this.get(sessionId);
		await this.#collection.updateOne({ _id: sessionId }, update, { upsert: true });
		this.#remember(sessionId, apply(current));
	}

	#remember(sessionId: string, state: RoomState): RoomState {
		return setNewest(this.#cache, sessionId, state, this.#maxCached);
	}
}

function union(a: readonly string[], b: readonly string[]): string[] {
	return [...new Set([...a, ...b])];
}
