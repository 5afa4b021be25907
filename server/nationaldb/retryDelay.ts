/** Bounds of the retry schedule of the national-database outbox. */
export interface RetryBounds {
	minMs: number;
	maxMs: number;
}

/**
 * Delay before try number `attempts + 1`: doubling from `minMs` up to `maxMs`, with "equal jitter"
 * (half fixed, half random) so that many provinces' platforms do not come back at the same instant.
 * A plain function rather than a retry library: the schedule must survive restarts and show on the
 * completeness board, so it lives in each outbox item (`attempts`, `nextAttemptAt`), not in a
 * promise that a process holds.
 */
export function retryDelayMs(attempts: number, bounds: RetryBounds, random: () => number = Math.random): number {
	const exponent = Math.max(0, Math.min(attempts - 1, 30));
	const base = Math.min(bounds.maxMs, bounds.minMs * 2 ** exponent);
	return Math.round(base / 2 + (random() * base) / 2);
}
