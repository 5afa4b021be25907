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
