import type { Logger } from "pino";
import type { HotspotChange, HotspotChangeKind } from "../../signaling/hotspotsProtocol.js";

export type HotspotPush = (change: HotspotChange, reach: readonly string[]) => void;

/**
 * Tells the `/hotspots` watchers in scope that something of a watched case changed. A push never
 * fails the write that caused it: it is logged and dropped.
 */
export class HotspotNews {
	readonly #logger: Logger;
	readonly #now: () => Date;
	#push: HotspotPush | null = null;

	constructor(logger: Logger, now: () => Date) {
		this.#logger = logger;
		this.#now = now;
	}

	/** The namespace's push, once it is served. */
	attach(push: HotspotPush): void {
		this.#push = push;
	}

	publish(
		kind: HotspotChangeKind,
		reach: readonly string[],
		about: { caseId?: string | null; watchId?: string | null; groupId?: string | null; provinceId?: string | null },
	): void {
		const change: HotspotChange = {
			kind,
			caseId: about.caseId ?? null,
			watchId: about.watchId ?? null,
			groupId: about.groupId ?? null,
			provinceId: about.provinceId ?? null,
			at: this.#now().toISOString(),
		};
		try {
			this.#push?.(change, reach);
		} catch (err) {
			this.#logger.warn({ err, change }, "hot-spot change not pushed");
		}
	}
}
