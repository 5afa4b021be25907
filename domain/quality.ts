import { z } from "zod";
import type { HealthReason } from "./healthReason.js";

/** What an endpoint client reports every few seconds during a session (from its WebRTC stats). */
export const clientQualitySchema = z.strictObject({
	sessionId: z.string().min(1).max(128).optional(),
	rttMs: z.number().min(0).max(60_000).optional(),
	jitterMs: z.number().min(0).max(60_000).optional(),
	/** Share of packets lost since the previous report, in percent. */
	packetLossPct: z.number().min(0).max(100).optional(),
	sendBitrateKbps: z.number().min(0).optional(),
	recvBitrateKbps: z.number().min(0).optional(),
	width: z.number().int().min(0).optional(),
	height: z.number().int().min(0).optional(),
	fps: z.number().min(0).optional(),
	qualityLimitationReason: z.enum(["none", "cpu", "bandwidth", "other"]).optional(),
});
export type ClientQuality = z.infer<typeof clientQualitySchema>;

export type HealthStatus = "healthy" | "degraded" | "failing";

export interface QualityAssessment {
	status: HealthStatus;
	/** Each threshold crossed, worst first, e.g. "packet loss 12% ≥ 3%". */
	reasons: HealthReason[];
}

/** A measure's two limits: from `degraded` on it is degraded, from `failing` on it is failing. */
export interface Limits {
	degraded: number;
	failing: number;
}

export interface QualityThresholds {
	rttMs: Limits;
	jitterMs: Limits;
	packetLossPct: Limits;
	/** mediasoup producer score, 10 = perfect: *below* these is degraded / failing. */
	producerScore: Limits;
}

/**
 * The one threshold set: the server's verdict on an endpoint (QualityAssessor) and the link dot on
 * each video tile in the app judge by the same numbers, on the same scales (percent, ms).
 */
export const QUALITY_THRESHOLDS: QualityThresholds = {
	rttMs: { degraded: 300, failing: 1000 },
	jitterMs: { degraded: 50, failing: 150 },
	packetLossPct: { degraded: 3, failing: 15 },
	producerScore: { degraded: 7, failing: 3 },
};

/** Where a value (higher is worse) falls against its limits. */
export function statusOf(value: number, limits: Limits): HealthStatus {
	return value >= limits.failing ? "failing" : value >= limits.degraded ? "degraded" : "healthy";
}
