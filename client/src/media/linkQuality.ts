import { type HealthStatus, QUALITY_THRESHOLDS, statusOf } from "../../../domain/quality.js";

export type LinkQuality = "good" | "fair" | "poor" | "unknown";

interface InboundSample {
	packetsReceived: number;
	packetsLost: number;
	/** Seconds, as WebRTC reports it. */
	jitter: number;
}

const DOT: Record<HealthStatus, LinkQuality> = { healthy: "good", degraded: "fair", failing: "poor" };
const RANK: Record<HealthStatus, number> = { healthy: 0, degraded: 1, failing: 2 };

/**
 * Quality of one received stream from two inbound-rtp samples: loss over the interval and jitter,
 * judged on the server's scales (percent, ms) against the one threshold set in domain/quality.ts.
 */
export function linkQuality(previous: InboundSample | null, current: InboundSample): LinkQuality {
	if (!previous) return "unknown";
	const received = current.packetsReceived - previous.packetsReceived;
	const lost = current.packetsLost - previous.packetsLost;
	if (received + lost <= 0) return "poor";
	const lossPct = (Math.max(0, lost) / (received + lost)) * 100;
	const loss = statusOf(lossPct, QUALITY_THRESHOLDS.packetLossPct);
	const jitter = statusOf(current.jitter * 1000, QUALITY_THRESHOLDS.jitterMs);
	return DOT[RANK[loss] >= RANK[jitter] ? loss : jitter];
}

export function inboundSample(report: RTCStatsReport): InboundSample | null {
	for (const stat of report.values()) {
		if (stat.type === "inbound-rtp") {
			return {
				packetsReceived: stat.packetsReceived ?? 0,
				packetsLost: stat.packetsLost ?? 0,
				jitter: stat.jitter ?? 0,
			};
		}
	}
	return null;
}
