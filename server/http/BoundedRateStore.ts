import { createHash } from "node:crypto";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import { setNewest } from "../boundedMap.js";

/**
 * A fixed-window hit counter for express-rate-limit whose memory is bounded whatever callers send:
 * keys are hashed to a fixed size and, past `maxKeys`, the oldest window is forgotten.
 */
export class BoundedRateStore implements Store {
	readonly #maxKeys: number;
	#windowMs = 60_000;
	readonly #hits = new Map<string, ClientRateLimitInfo>();

	constructor(maxKeys: number) {
		this.#maxKeys = maxKeys;
	}

	init(options: Options): void {
		this.#windowMs = options.windowMs;
	}

	get size(): number {
		return this.#hits.size;
	}

	get(key: string): ClientRateLimitInfo | undefined {
		return this.#live(hashKey(key));
	}

	increment(key: string): ClientRateLimitInfo {
		const id = hashKey(key);
		const info = this.#live(id) ?? { totalHits: 0, resetTime: new Date(Date.now() + this.#windowMs) };
		info.totalHits += 1;
		return setNewest(this.#hits, id, info, this.#maxKeys);
	}

	decrement(key: string): void {
		const info = this.#live(hashKey(key));
		if (info && info.totalHits > 0) info.totalHits -= 1;
	}

	resetKey(key: string): void {
		this.#hits.delete(hashKey(key));
	}

	resetAll(): void {
		this.#hits.clear();
	}

	#live(id: string): ClientRateLimitInfo | undefined {
		const info = this.#hits.get(id);
		if (info && (info.resetTime?.getTime() ?? 0) <= Date.now()) {
			this.#hits.delete(id);
			return undefined;
		}
		return info;
	}
}

function hashKey(key: string): string {
	return createHash("sha256").update(key).digest("base64url");
}
