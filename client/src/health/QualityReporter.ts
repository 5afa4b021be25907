import type { EndpointHealthInfo } from "../../../signaling/presenceProtocol.js";
import type { PresenceClient } from "./PresenceClient.js";
import { QualitySummary } from "./qualitySummary.js";

/** Every few seconds during a session: summarise the transports' stats and report them. */
export class QualityReporter {
	readonly #timer: ReturnType<typeof setInterval>;
	readonly #summary = new QualitySummary();

	constructor(
		presence: PresenceClient,
		sessionId: string,
		stats: () => Promise<(RTCStatsReport | null)[]>,
		intervalMs: number,
		onVerdict?: (health: EndpointHealthInfo) => void,
	) {
		this.#timer = setInterval(async () => {
			try {
				const quality = this.#summary.summarize(await stats());
				const verdict = await presence.report({ sessionId, ...quality });
				onVerdict?.(verdict);
			} catch {
				// A missed report is harmless: the next one comes in a few seconds.
			}
		}, intervalMs);
	}

	stop(): void {
		clearInterval(this.#timer);
	}
}
