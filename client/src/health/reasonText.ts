import type { HealthReason } from "../../../server/health/HealthReason.js";
import { fill } from "../i18n/fill.js";
import type { I18n } from "../i18n/index.js";

/** A health reason in the reader's language, with its numbers, e.g. "mất gói 6,3% (ngưỡng 3%)". */
export function reasonText(t: I18n["t"], reason: HealthReason): string {
	switch (reason.code) {
		case "packet-loss":
		case "round-trip":
		case "jitter":
		case "producer-score":
			return fill(t(`reason_${reason.code}`), { value: reason.value, threshold: reason.threshold });
		case "ice":
		case "dtls":
			return fill(t(`reason_${reason.code}`), { state: reason.state });
		case "send-limited":
			return t(`reason_send-limited-${reason.by}`);
	}
}
