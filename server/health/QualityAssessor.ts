import type { HealthReason } from "../../domain/healthReason.js";
import {
	type ClientQuality,
	type HealthStatus,
	type Limits,
	QUALITY_THRESHOLDS,
	type QualityAssessment,
	type QualityThresholds,
	statusOf,
} from "../../domain/quality.js";
import type { PeerQuality as ServerQuality } from "../../media/peerQuality.js";

const RANK: Record<HealthStatus, number> = { healthy: 0, degraded: 1, failing: 2 };

/** Turns a client's and the server's view of an endpoint's media into healthy / degraded / failing. */
export class QualityAssessor {
	constructor(private readonly thresholds: QualityThresholds = QUALITY_THRESHOLDS) {}

	assess(client: ClientQuality, server: ServerQuality = {}): QualityAssessment {
		const found: { status: HealthStatus; reason: HealthReason }[] = [];
		const above = (value: number | undefined, limits: Limits, code: "packet-loss" | "round-trip" | "jitter") => {
			if (value === undefined) return;
			const status = statusOf(value, limits);
			if (status !== "healthy")
				found.push({ status, reason: { code, value: round(value), threshold: limits[status] } });
		};
		const t = this.thresholds;
		above(client.packetLossPct, t.packetLossPct, "packet-loss");
		above(client.rttMs, t.rttMs, "round-trip");
		above(client.jitterMs, t.jitterMs, "jitter");
		const score = server.minProducerScore;
		if (score !== undefined && score < t.producerScore.degraded) {
			const status = score < t.producerScore.failing ? "failing" : "degraded";
			found.push({ status, reason: { code: "producer-score", value: score, threshold: t.producerScore[status] } });
		}
		if (server.iceState === "disconnected" || server.iceState === "closed") {
			found.push({ status: "failing", reason: { code: "ice", state: server.iceState } });
		}
		if (server.dtlsState === "failed" || server.dtlsState === "closed") {
			found.push({ status: "failing", reason: { code: "dtls", state: server.dtlsState } });
		}
		if (client.qualityLimitationReason === "bandwidth" || client.qualityLimitationReason === "cpu") {
			found.push({ status: "degraded", reason: { code: "send-limited", by: client.qualityLimitationReason } });
		}
		found.sort((a, b) => RANK[b.status] - RANK[a.status]);
		return { status: found[0]?.status ?? "healthy", reasons: found.map((f) => f.reason) };
	}
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}
