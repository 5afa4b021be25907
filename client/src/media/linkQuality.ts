export type LinkQuality = "good" | "fair" | "poor" | "unknown";

interface InboundSample {
	packetsReceived: number;
	packetsLost: number;
	jitter: number;
}

/** Quality of one received stream from two inbound-rtp samples: loss over the interval and jitter. */
export function linkQuality(previous: InboundSample | null, current: InboundSample): LinkQuality {
	if (!previous) return "unknown";
	const received = current.packetsReceived - previous.packetsReceived;
	const lost = current.packetsLost - previous.packetsLost;
	if (received + lost <= 0) return "poor";
	const lossRatio = lost / (received + lost);
	if (lossRatio > 0.1 || current.jitter > 0.1) return "poor";
	if (lossRatio > 0.02 || current.jitter > 0.03) return "fair";
	return "good";
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
