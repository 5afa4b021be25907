import { expect, it } from "vitest";
import { describeReason } from "../../domain/healthReason.js";
import { QualityAssessor } from "../../server/health/QualityAssessor.js";

const assessor = new QualityAssessor({
	rttMs: { degraded: 300, failing: 1000 },
	jitterMs: { degraded: 50, failing: 150 },
	packetLossPct: { degraded: 3, failing: 15 },
	producerScore: { degraded: 7, failing: 3 },
});

it("is healthy within every threshold", () => {
	expect(assessor.assess({ rttMs: 40, jitterMs: 5, packetLossPct: 0.5 }, { minProducerScore: 10 })).toEqual({
		status: "healthy",
		reasons: [],
	});
});

it("names every crossed threshold, worst first", () => {
	const verdict = assessor.assess({ rttMs: 450, packetLossPct: 20 }, { minProducerScore: 6 });
	expect(verdict).toEqual({
		status: "failing",
		reasons: [
			{ code: "packet-loss", value: 20, threshold: 15 },
			{ code: "round-trip", value: 450, threshold: 300 },
			{ code: "producer-score", value: 6, threshold: 7 },
		],
	});
	expect(verdict.reasons.map(describeReason)).toEqual([
		"packet loss 20% ≥ 15%",
		"round-trip time 450 ms ≥ 300 ms",
		"producer score 6 < 7",
	]);
});

it("treats a lost ICE path or a bandwidth-limited sender as trouble", () => {
	expect(assessor.assess({ qualityLimitationReason: "bandwidth" }, { iceState: "disconnected" })).toEqual({
		status: "failing",
		reasons: [
			{ code: "ice", state: "disconnected" },
			{ code: "send-limited", by: "bandwidth" },
		],
	});
});
