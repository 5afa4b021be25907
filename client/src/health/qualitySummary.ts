import type { ClientQuality } from "../../../domain/quality.js";

interface Counters {
	at: number;
	bytesSent: number;
	bytesReceived: number;
	packetsReceived: number;
	packetsLost: number;
}

/** Reduces the transports' WebRTC stats to the quality report the server assesses. */
export class QualitySummary {
	#previous: Counters | null = null;

	summarize(reports: (RTCStatsReport | null)[], now = Date.now()): Omit<ClientQuality, "sessionId"> {
		const counters: Counters = { at: now, bytesSent: 0, bytesReceived: 0, packetsReceived: 0, packetsLost: 0 };
		const quality: Omit<ClientQuality, "sessionId"> = {};
		let remoteLoss: number | undefined;
		for (const report of reports) {
			for (const s of report?.values() ?? []) {
				if (s.type === "candidate-pair" && s.nominated && typeof s.currentRoundTripTime === "number") {
					quality.rttMs = Math.max(quality.rttMs ?? 0, Math.round(s.currentRoundTripTime * 1000));
				} else if (s.type === "outbound-rtp") {
					counters.bytesSent += s.bytesSent ?? 0;
					if (s.kind === "video" && s.frameWidth) {
						quality.width = s.frameWidth;
						quality.height = s.frameHeight;
						quality.fps = s.framesPerSecond;
						quality.qualityLimitationReason = s.qualityLimitationReason;
					}
				} else if (s.type === "inbound-rtp") {
					counters.bytesReceived += s.bytesReceived ?? 0;
					counters.packetsReceived += s.packetsReceived ?? 0;
					counters.packetsLost += Math.max(0, s.packetsLost ?? 0);
					if (typeof s.jitter === "number")
						quality.jitterMs = Math.max(quality.jitterMs ?? 0, Math.round(s.jitter * 1000));
				} else if (s.type === "remote-inbound-rtp" && typeof s.fractionLost === "number") {
					// What the SFU reports receiving from us: the uplink's loss.
					remoteLoss = Math.max(remoteLoss ?? 0, s.fractionLost * 100);
				}
			}
		}
		const previous = this.#previous;
		this.#previous = counters;
		let downLoss: number | undefined;
		if (previous) {
			const seconds = Math.max(0.001, (now - previous.at) / 1000);
			quality.sendBitrateKbps = Math.round(((counters.bytesSent - previous.bytesSent) * 8) / seconds / 1000);
			quality.recvBitrateKbps = Math.round(((counters.bytesReceived - previous.bytesReceived) * 8) / seconds / 1000);
			const received = counters.packetsReceived - previous.packetsReceived;
			const lost = counters.packetsLost - previous.packetsLost;
			if (received + lost > 0) downLoss = (lost / (received + lost)) * 100;
		}
		const loss = Math.max(remoteLoss ?? -1, downLoss ?? -1);
		if (loss >= 0) quality.packetLossPct = Math.round(loss * 10) / 10;
		return quality;
	}
}
