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

/**
 * Quick first retries (most drops on weak networks are brief), then every few seconds, giving up
 * after the server's seat grace period would have expired anyway.
 */
export class DefaultReconnectPolicy implements ReconnectPolicy {
	constructor(
		private readonly delaysMs: readonly number[] = [0, 300, 1200, 2700, 4800],
		private readonly maxDelayMs = 5000,
		private readonly giveUpAfterMs = 60_000,
	) {}

	nextRetryDelayMs({ retryCount, elapsedMs }: ReconnectContext): number | null {
		if (elapsedMs > this.giveUpAfterMs) return null;
		return this.delaysMs[retryCount] ?? this.maxDelayMs;
	}
}
