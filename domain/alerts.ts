import type { HealthReason } from "./healthReason.js";
import type { HotspotAlertFacts } from "./hotspots.js";

/**
 * What each kind of alert carries, beside its endpoint and session: the facts the app words it from
 * (client i18n key `alert_<kind>`). A module adds its kinds here, with the facts it raises them with.
 */
export interface AlertFacts {
	/** A participating endpoint is offline shortly before its session starts. */
	"offline-before-session": { sessionTitle: string; plannedStart: string };
	/** An endpoint's media is failing during a session. */
	"failing-during-session": { reasons: HealthReason[] };
	/** Hot-spot watch, per province: watch entries whose review date passed. */
	"watch-review-overdue": HotspotAlertFacts["watch-review-overdue"];
	/** Critical cases expected within three days with neither a working group nor a dialogue. */
	"critical-unprepared": HotspotAlertFacts["critical-unprepared"];
	/** Working groups past their return deadline with citizens not yet home. */
	"group-past-deadline": HotspotAlertFacts["group-past-deadline"];
	/** A task given to an agency is due in three days, or today (raised at the agency's province). */
	"task-deadline": {
		taskId: string;
		caseId: string;
		registerNumber: string;
		agencyName: string;
		deadline: string;
		reminder: "three-days-before" | "on-deadline";
	};
	/** The central office asked for a session on demand; raised at the host endpoint (the province asked). */
	"session-requested": { sessionTitle: string; plannedStart: string; reason: string };
}
export type AlertKind = keyof AlertFacts;

export const ALERT_SEVERITIES = ["warning", "critical"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Every kind with its severity (duty escalation and the dashboards order by it). */
export const ALERT_KINDS: Record<AlertKind, AlertSeverity> = {
	"offline-before-session": "warning",
	"failing-during-session": "critical",
	"watch-review-overdue": "warning",
	"critical-unprepared": "critical",
	"group-past-deadline": "critical",
	"task-deadline": "warning",
	"session-requested": "critical",
};

/** Why an alert stopped: its condition ended (the endpoint recovered), or its session ended. */
export const ALERT_CLEAR_REASONS = ["condition-ended", "session-ended"] as const;
export type AlertClearReason = (typeof ALERT_CLEAR_REASONS)[number];

/**
 * One alert group: every raise of one kind for one endpoint (and session) while it is open, counted.
 * Times are ISO strings (server clock).
 */
export type Alert = {
	[K in AlertKind]: {
		id: string;
		kind: K;
		severity: AlertSeverity;
		endpointId: string;
		sessionId: string | null;
		/** The latest raise's facts. */
		facts: AlertFacts[K];
		/** How many times it was raised. */
		count: number;
		firstAt: string;
		lastAt: string;
		acknowledged: { userId: string; name: string; at: string } | null;
		cleared: { reason: AlertClearReason; at: string } | null;
	};
}[AlertKind];
