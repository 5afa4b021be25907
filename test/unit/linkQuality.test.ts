import { expect, it } from "vitest";
import { linkQuality } from "../../client/src/media/linkQuality.js";
import { QUALITY_THRESHOLDS } from "../../domain/quality.js";
import { QualityAssessor } from "../../server/health/QualityAssessor.js";

const assessor = new QualityAssessor();
const DOT = { healthy: "good", degraded: "fair", failing: "poor" } as const;

/** The tile's verdict on an interval with this loss (percent) and jitter (ms). */
function tile(lossPct: number, jitterMs = 0) {
	const lost = lossPct * 10;
	return linkQuality(
		{ packetsReceived: 0, packetsLost: 0, jitter: 0 },
		{ packetsReceived: 1000 - lost, packetsLost: lost, jitter: jitterMs / 1000 },
	);
}

it("judges loss and jitter on the server's scale, with the same thresholds", () => {
	for (const lossPct of [0, 1, 2.9, 3, 5, 14.9, 15, 40]) {
		expect(tile(lossPct), `${lossPct}% loss`).toBe(DOT[assessor.assess({ packetLossPct: lossPct }).status]);
	}
	for (const jitterMs of [0, 30, 49, 50, 100, 150, 400]) {
		expect(tile(0, jitterMs), `${jitterMs} ms jitter`).toBe(DOT[assessor.assess({ jitterMs }).status]);
	}
	expect(tile(QUALITY_THRESHOLDS.packetLossPct.degraded)).toBe("fair");
	expect(tile(QUALITY_THRESHOLDS.packetLossPct.failing)).toBe("poor");
});

it("takes the worse of loss and jitter, and says unknown until it has two samples", () => {
	expect(tile(5, 200)).toBe("poor");
	expect(tile(20, 0)).toBe("poor");
	expect(linkQuality(null, { packetsReceived: 10, packetsLost: 0, jitter: 0 })).toBe("unknown");
	// Nothing arrived in the interval: the link is down.
	const same = { packetsReceived: 10, packetsLost: 0, jitter: 0 };
	expect(linkQuality(same, same)).toBe("poor");
});
