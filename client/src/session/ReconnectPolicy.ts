export interface ReconnectContext {
	/** Attempts made so far in this outage. */
	retryCount: number;
	/** Since the connection was lost. */
	elapsedMs: number;
}

/** Decides when to try again after the signalling connection drops; null gives up. */
export interface ReconnectPolicy {
	nextRetryDelayMs(context: ReconnectContext): number | null;
}

export interface DefaultReconnectOptions {
	/** Base delay of each attempt in turn; later attempts wait `maxDelayMs`. */
	delaysMs?: readonly number[];
	maxDelayMs?: number;
	/** Up to this much is added at random to every attempt after the first `exactRetries`. */
	jitterMs?: number;
	/** The first attempts go at their base delay: a lone blip is mended at once. */
	exactRetries?: number;
	/** Give up once the server's seat grace period would have expired anyway. */
	giveUpAfterMs?: number;
	/** A number in [0, 1); tests pass their own. */
	random?: () => number;
}

/**
 * Quick first retries (most drops on weak networks are brief), then every few seconds, with random
 * jitter as LiveKit's DefaultReconnectPolicy has, so that fifty endpoints that lost the same uplink
 * do not all come back in the same instant.
 */
export class DefaultReconnectPolicy implements ReconnectPolicy {
	readonly #delaysMs: readonly number[];
	readonly #maxDelayMs: number;
	readonly #jitterMs: number;
	readonly #exactRetries: number;
	readonly #giveUpAfterMs: number;
	readonly #random: () => number;

	constructor(options: DefaultReconnectOptions = {}) {
		this.#delaysMs = options.delaysMs ?? [0, 300, 1200, 2700, 4800];
		this.#maxDelayMs = options.maxDelayMs ?? 5000;
		this.#jitterMs = options.jitterMs ?? 1000;
		this.#exactRetries = options.exactRetries ?? 2;
		this.#giveUpAfterMs = options.giveUpAfterMs ?? 60_000;
		this.#random = options.random ?? Math.random;
	}

	nextRetryDelayMs({ retryCount, elapsedMs }: ReconnectContext): number | null {
		if (elapsedMs > this.#giveUpAfterMs) return null;
		const base = this.#delaysMs[retryCount] ?? this.#maxDelayMs;
		if (retryCount < this.#exactRetries) return base;
		return base + Math.floor(this.#random() * this.#jitterMs);
	}
}
