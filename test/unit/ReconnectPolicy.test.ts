import { describe, expect, it } from "vitest";
import { DefaultReconnectPolicy } from "../../client/src/session/ReconnectPolicy.js";

const BASE = [0, 300, 1200, 2700, 4800];
/** Random draws at the very bottom and the very top of [0, 1). */
const LOWEST = () => 0;
const HIGHEST = () => 1 - Number.EPSILON;

function delays(policy: DefaultReconnectPolicy, attempts = 8): (number | null)[] {
	return Array.from({ length: attempts }, (_, retryCount) => policy.nextRetryDelayMs({ retryCount, elapsedMs: 0 }));
}

describe("the default reconnect policy", () => {
	it("tries at once, then soon, then every few seconds", () => {
		expect(delays(new DefaultReconnectPolicy({ random: LOWEST }))).toEqual([...BASE, 5000, 5000, 5000]);
	});

	it("adds jitter within [0, 1000) ms to every attempt after the first two, and none to those", () => {
		const highest = delays(new DefaultReconnectPolicy({ random: HIGHEST }));
		expect(highest.slice(0, 2)).toEqual([0, 300]);
		expect(highest.slice(2)).toEqual([1200 + 999, 2700 + 999, 4800 + 999, 5999, 5999, 5999]);
		for (let i = 0; i < 200; i++) {
			const policy = new DefaultReconnectPolicy();
			for (const [retryCount, delay] of delays(policy).entries()) {
				const base = BASE[retryCount] ?? 5000;
				const jitter = retryCount < 2 ? 0 : 999;
				expect(delay).toBeGreaterThanOrEqual(base);
				expect(delay).toBeLessThanOrEqual(base + jitter);
			}
		}
	});

	it("spreads fifty endpoints that lost the same uplink over the jitter window", () => {
		const thirdAttempts = Array.from(
			{ length: 50 },
			() => new DefaultReconnectPolicy().nextRetryDelayMs({ retryCount: 2, elapsedMs: 1500 }) ?? 0,
		);
		// Not in lockstep: the attempts land in many different 100 ms slots of the 1 s window.
		expect(new Set(thirdAttempts.map((d) => Math.floor((d - 1200) / 100))).size).toBeGreaterThan(3);
	});

	it("gives up once the seat's grace period would have expired", () => {
		const policy = new DefaultReconnectPolicy({ giveUpAfterMs: 60_000 });
		expect(policy.nextRetryDelayMs({ retryCount: 20, elapsedMs: 60_000 })).not.toBeNull();
		expect(policy.nextRetryDelayMs({ retryCount: 20, elapsedMs: 60_001 })).toBeNull();
	});

	it("takes its own delays and jitter", () => {
		const policy = new DefaultReconnectPolicy({
			delaysMs: [100],
			maxDelayMs: 2000,
			jitterMs: 500,
			exactRetries: 1,
			random: () => 0.5,
		});
		expect(delays(policy, 3)).toEqual([100, 2250, 2250]);
	});
});
