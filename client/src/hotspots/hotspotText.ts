import type { Alert } from "../../../domain/alerts.js";
import type { FeedItem } from "../../../domain/api/hotspots.js";
import type { HotspotAlertKind } from "../../../domain/hotspots.js";
import { fill } from "../i18n/fill.js";
import type { I18n, MessageKey } from "../i18n/index.js";

/** A hot-spot alert in the reader's language: the province and the cases or groups it is about. */
export function hotspotAlertText(
	t: I18n["t"],
	alert: Alert & { kind: HotspotAlertKind },
	endpointName: string,
): string {
	switch (alert.kind) {
		case "watch-review-overdue":
		case "critical-unprepared":
			return fill(t(`alert_${alert.kind}`), {
				endpoint: endpointName,
				count: alert.facts.items.length,
				cases: alert.facts.items.map((i) => i.registerNumber).join(", "),
			});
		case "group-past-deadline":
			return fill(t("alert_group-past-deadline"), {
				endpoint: endpointName,
				groups: alert.facts.items.map((i) => i.decisionNumber).join(", "),
				people: alert.facts.items.reduce((sum, i) => sum + i.notReturned, 0),
			});
	}
}

/** A feed item in one line: what happened, in the record's own words. */
export function feedItemText(t: I18n["t"], item: FeedItem): string {
	const facts = Object.fromEntries(Object.entries(item.facts).map(([k, v]) => [k, v ?? "—"]));
	if (item.kind === "watch-status" && typeof item.facts.to === "string") {
		facts.to = t(`watchStatus_${item.facts.to}` as MessageKey);
	}
	return fill(t(`hotspotFeed_${item.kind}`), facts);
}
