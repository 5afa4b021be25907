/**
 * `load`: a session stays on its workers until their load passes the threshold, then new
 * participants go to the least-loaded worker. `always`: each new participant goes to the worker
 * holding the fewest of the session's participants (spreading forced, for tests and benchmarks).
 */
export const SPREAD_POLICIES = ["load", "always"] as const;
export type SpreadPolicy = (typeof SPREAD_POLICIES)[number];

export interface SpreadSettings {
	policy: SpreadPolicy;
	/** Consumers (pipe consumers included) on a worker past which a session looks for another worker. */
	consumersPerWorker: number;
}

/** One live worker as placement sees it. */
export interface WorkerLoad<W> {
	worker: W;
	/** Consumers on the worker, every session's. */
	consumers: number;
	/** This session's participants on the worker; undefined if the session has no router there yet. */
	sessionPeers: number | undefined;
}

/**
 * Where a new participant's transports go. `workers` lists the session's own workers first, in the
 * order the session took them (its home first), then the others; the answer is one of them.
 */
export function placePeer<W>(workers: readonly WorkerLoad<W>[], settings: SpreadSettings): W {
	const [first] = workers;
	if (!first) throw new Error("no worker to place a participant on");
	// The first of the lowest wins ties, so the session's own workers come before the others.
	const lowest = (score: (w: WorkerLoad<W>) => [number, number]): WorkerLoad<W> =>
		workers.reduce((best, w) => {
			const [a, b] = [score(w), score(best)];
			return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? w : best;
		}, first);
	if (settings.policy === "always") return lowest((w) => [w.sessionPeers ?? 0, w.consumers]).worker;
	const roomy = workers.find((w) => w.sessionPeers !== undefined && w.consumers < settings.consumersPerWorker);
	return (roomy ?? lowest((w) => [w.consumers, 0])).worker;
}
