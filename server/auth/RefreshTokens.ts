import { randomUUID } from "node:crypto";
import type { Connection } from "mongoose";
import { UnauthenticatedError } from "../../domain/errors.js";

interface RefreshTokenDoc {
	_id: string;
	userId: string;
	expiresAt: Date;
	revokedAt?: Date;
}

/**
 * Every refresh token issued, by id, so that one token or all of a user's can be revoked (a password
 * reset, a role or scope change, disabling, signing out). Operational data, not the record; expired
 * ids are pruned by the application (FerretDB v1 has no TTL indexes).
 */
export class RefreshTokens {
	readonly #connection: Connection;
	readonly #ttlMs: number;
	#lastPrune = 0;

	constructor(connection: Connection, ttlSeconds: number) {
		this.#connection = connection;
		this.#ttlMs = ttlSeconds * 1000;
	}

	get #collection() {
		return this.#connection.collection<RefreshTokenDoc>("refreshtokens");
	}

	/** A new token id for this user, valid until the token itself expires. */
	async issue(userId: string): Promise<string> {
		const id = randomUUID();
		const now = Date.now();
		await this.#collection.insertOne({ _id: id, userId, expiresAt: new Date(now + this.#ttlMs) });
		if (now - this.#lastPrune > 60_000) {
			this.#lastPrune = now;
			await this.#collection.deleteMany({ expiresAt: { $lt: new Date(now) } });
		}
		return id;
	}

	/** Throws unless this id was issued to this user and has not been revoked. */
	async requireLive(id: string | undefined, userId: string): Promise<void> {
		const doc = id ? await this.#collection.findOne({ _id: id }) : null;
		if (!doc || doc.userId !== userId || doc.revokedAt) {
			throw new UnauthenticatedError("this sign-in was revoked; sign in again");
		}
	}

	revoke(id: string): Promise<unknown> {
		return this.#collection.updateOne({ _id: id }, { $set: { revokedAt: new Date() } });
	}

	/** Every refresh token of this user stops working. */
	revokeUser(userId: string): Promise<unknown> {
		return this.#collection.updateMany({ userId, revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } });
	}
}
