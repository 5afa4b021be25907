/**
 * Hot-spot watch (theo dõi điểm nóng): the vocabularies and lifecycle of a watched case, its
 * developments (diễn biến), working groups (tổ công tác) and the feed that keeps the central office
 * informed. Free of mongoose so the browser app shares them.
 */

/** How likely the case is to become a hot spot: watch (theo dõi), high (cao), critical (rất cao). */
export const RISK_LEVELS = ["watch", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Most urgent first: boards sort by it. */
export const RISK_RANK: Record<RiskLevel, number> = { critical: 0, high: 1, watch: 2 };

/**
 * Where the citizens are likely to go: the central citizen-reception office (Hà Nội, or its office
 * in TP.HCM), a central agency, a leader's home, or the provincial headquarters.
 */
export const DESTINATION_KINDS = ["central-office", "central-agency", "leader-home", "provincial-hq"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** The city the destination is in: the national board filters by it ("expected in Hà Nội"). */
export const DESTINATION_CITIES = ["ha-noi", "tp-hcm", "province"] as const;
export type DestinationCity = (typeof DESTINATION_CITIES)[number];

/** Which cities each kind of destination can be in. */
export const DESTINATION_CITIES_OF: Record<DestinationKind, readonly DestinationCity[]> = {
	"central-office": ["ha-noi", "tp-hcm"],
	"central-agency": ["ha-noi", "tp-hcm"],
	"leader-home": ["ha-noi", "tp-hcm", "province"],
	"provincial-hq": ["province"],
};

/**
 * theo dõi → đã cử tổ công tác → công dân đã trở về địa phương → giải quyết dứt điểm / hết nguy cơ.
 * A watch may fall back to watching (the citizens set off again); the last two close it.
 */
export const WATCH_STATUSES = ["watching", "group-sent", "citizens-returned", "settled", "risk-over"] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];

export const WATCH_TRANSITIONS: Record<WatchStatus, readonly WatchStatus[]> = {
	watching: ["group-sent", "citizens-returned", "settled", "risk-over"],
	"group-sent": ["watching", "citizens-returned", "settled", "risk-over"],
	"citizens-returned": ["watching", "group-sent", "settled", "risk-over"],
	settled: [],
	"risk-over": [],
};

export function canWatchTransition(from: WatchStatus, to: WatchStatus): boolean {
	return WATCH_TRANSITIONS[from].includes(to);
}

/** A watch in one of these is over: the case may be watched again with a new entry. */
export const CLOSED_WATCH_STATUSES: readonly WatchStatus[] = ["settled", "risk-over"];
export const isWatchOpen = (status: WatchStatus): boolean => !CLOSED_WATCH_STATUSES.includes(status);

/** Who reported a development: the province, one of its communes, the central office, or the police liaison. */
export const DEVELOPMENT_SOURCES = ["province", "commune", "central", "police"] as const;
export type DevelopmentSource = (typeof DEVELOPMENT_SOURCES)[number];

/** A development's source from the reporting user's endpoint level, or the police liaison's report. */
export function developmentSource(
	level: "central" | "province" | "district" | "commune",
	viaPolice: boolean,
): DevelopmentSource {
	if (viaPolice) return "police";
	return level === "district" ? "commune" : level;
}

/** deployed → completed (citizens brought home) or recalled. */
export const WORKING_GROUP_STATUSES = ["deployed", "completed", "recalled"] as const;
export type WorkingGroupStatus = (typeof WORKING_GROUP_STATUSES)[number];

/** What the central office (and a province's inspectorate) is kept informed of. */
export const FEED_KINDS = ["second-instance-decision", "conclusion-notice", "watch-status", "development"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Bounds on every input: a board must stay readable and a request small. */
export const HOTSPOT_LIMITS = {
	text: 4000,
	reason: 1000,
	reasons: 20,
	name: 200,
	members: 50,
	casesPerGroup: 50,
	people: 100_000,
	returns: 200,
} as const;

/** A critical case expected within this many days needs a working group or a dialogue by now. */
export const CRITICAL_LEAD_DAYS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The facts a watch's alerts are judged from (times as Date). */
export interface WatchAlertFacts {
	status: WatchStatus;
	level: RiskLevel;
	nextReviewAt: Date;
	expectedFrom: Date;
	expectedTo: Date;
	/** A working group deployed for the case, or an upcoming dialogue session on it. */
	prepared: boolean;
}

export function reviewOverdue(watch: Pick<WatchAlertFacts, "status" | "nextReviewAt">, now: Date): boolean {
	return isWatchOpen(watch.status) && watch.nextReviewAt.getTime() < now.getTime();
}

/** Critical, expected within three days (or already there), and neither a working group nor a dialogue. */
export function criticalUnprepared(watch: WatchAlertFacts, now: Date): boolean {
	return (
		isWatchOpen(watch.status) &&
		watch.level === "critical" &&
		!watch.prepared &&
		watch.expectedFrom.getTime() - now.getTime() <= CRITICAL_LEAD_DAYS * DAY_MS &&
		watch.expectedTo.getTime() >= now.getTime()
	);
}

/** The facts of a working group its deadline alert is judged from. */
export interface GroupDeadlineFacts {
	status: WorkingGroupStatus;
	returnDeadline: Date;
	received: number;
	returned: number;
}

/** Citizens still away from home: those the group received and has not yet brought back. */
export function notReturned(group: Pick<GroupDeadlineFacts, "received" | "returned">): number {
	return Math.max(0, group.received - group.returned);
}

/** Past its return deadline while deployed, with citizens not yet back (or none reached at all). */
export function groupPastDeadline(group: GroupDeadlineFacts, now: Date): boolean {
	return (
		group.status === "deployed" &&
		group.returnDeadline.getTime() < now.getTime() &&
		(group.received === 0 || notReturned(group) > 0)
	);
}

/** Alerts of the hot-spot watch, raised by the clock per province (their endpoint) and grouped there. */
export const HOTSPOT_ALERT_KINDS = ["watch-review-overdue", "critical-unprepared", "group-past-deadline"] as const;
export type HotspotAlertKind = (typeof HOTSPOT_ALERT_KINDS)[number];

/** What each alert carries: every watch entry or working group of the province in that condition now. */
export interface HotspotAlertFacts {
	"watch-review-overdue": {
		items: { watchId: string; caseId: string; registerNumber: string; nextReviewAt: string }[];
	};
	"critical-unprepared": {
		items: { watchId: string; caseId: string; registerNumber: string; expectedFrom: string; city: DestinationCity }[];
	};
	"group-past-deadline": {
		items: { groupId: string; decisionNumber: string; returnDeadline: string; notReturned: number }[];
	};
}
