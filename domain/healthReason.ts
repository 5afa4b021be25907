/** Why an endpoint's media is not healthy: a code the app words in its own language, and the numbers. */
export type HealthReason =
	| { code: "packet-loss" | "round-trip" | "jitter"; value: number; threshold: number }
	| { code: "producer-score"; value: number; threshold: number }
	| { code: "ice" | "dtls"; state: string }
	| { code: "send-limited"; by: "bandwidth" | "cpu" };

/** English, for logs and alert messages, e.g. "packet loss 6.3% ≥ 3%". */
export function describeReason(reason: HealthReason): string {
	switch (reason.code) {
		case "packet-loss":
			return `packet loss ${reason.value}% ≥ ${reason.threshold}%`;
		case "round-trip":
			return `round-trip time ${reason.value} ms ≥ ${reason.threshold} ms`;
		case "jitter":
			return `jitter ${reason.value} ms ≥ ${reason.threshold} ms`;
		case "producer-score":
			return `producer score ${reason.value} < ${reason.threshold}`;
		case "ice":
			return `ICE ${reason.state}`;
		case "dtls":
			return `DTLS ${reason.state}`;
		case "send-limited":
			return `sending limited by ${reason.by}`;
	}
}
