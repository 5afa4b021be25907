import type { Alert } from "../../../domain/alerts.js";
import type { HealthReason } from "../../../domain/healthReason.js";
import { formatDate, formatDateTime, formatNumber } from "../format.js";
import { hotspotAlertText } from "../hotspots/hotspotText.js";
import { fill } from "../i18n/fill.js";
import type { I18n } from "../i18n/index.js";

/** A health reason in the reader's language, with its numbers, e.g. "mất gói 6,3% (ngưỡng 3%)". */
export function reasonText({ t, language }: I18n, reason: HealthReason): string {
	switch (reason.code) {
		case "packet-loss":
		case "round-trip":
		case "jitter":
		case "producer-score":
			return fill(t(`reason_${reason.code}`), {
				value: formatNumber(reason.value, language),
				threshold: formatNumber(reason.threshold, language),
			});
		case "ice":
		case "dtls":
			return fill(t(`reason_${reason.code}`), { state: reason.state });
		case "send-limited":
			return t(`reason_send-limited-${reason.by}`);
	}
}

/** An alert in the reader's language, naming the endpoint. */
export function alertText(i18n: I18n, alert: Alert, endpointName: string): string {
	const { t, language } = i18n;
	switch (alert.kind) {
		case "offline-before-session":
			return fill(t("alert_offline-before-session"), {
				endpoint: endpointName,
				session: alert.facts.sessionTitle,
				time: formatDateTime(alert.facts.plannedStart, language),
			});
		case "failing-during-session":
			return fill(t("alert_failing-during-session"), {
				endpoint: endpointName,
				reasons: alert.facts.reasons.map((r) => reasonText(i18n, r)).join("; "),
			});
		case "watch-review-overdue":
		case "critical-unprepared":
		case "group-past-deadline":
			return hotspotAlertText(t, alert, endpointName);
		case "task-deadline":
			return fill(t(`alert_task-deadline_${alert.facts.reminder}`), {
				endpoint: endpointName,
				number: alert.facts.registerNumber,
				agency: alert.facts.agencyName,
				time: formatDate(alert.facts.deadline, language),
			});
		case "session-requested":
			return fill(t("alert_session-requested"), {
				endpoint: endpointName,
				session: alert.facts.sessionTitle,
				time: formatDateTime(alert.facts.plannedStart, language),
				reason: alert.facts.reason,
			});
	}
}
