import type { Role } from "./roles.js";

/** Scheduling: attachments, recurrences and what the conclusion notice names. Shared by server and app. */

/** An attached document (the case file, evidence): PDF or image, recognised by its bytes, not its name. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MEDIA_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];
export const MAX_ATTACHMENTS_PER_SESSION = 30;

/** Recurring periodic sessions: how often, and the most one plan may create at once. */
export const RECURRENCE_FREQUENCIES = ["weekly", "monthly"] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];
export const MAX_OCCURRENCES = 60;
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/**
 * Roles whose attendance the notice's opening paragraph reports, by position and agency; IT staff,
 * observers and endpoint operators keep the link running and are not named.
 */
export const NOTICE_ATTENDEE_ROLES: readonly Role[] = ["chair", "central", "secretariat", "inspector"];

/** The periods a leader's periodic reception duty is counted in. */
export const DUTY_PERIODS = ["week", "month"] as const;
export type DutyPeriod = (typeof DUTY_PERIODS)[number];

/** A head's duty to receive citizens in person, at least `days` days in each `period`. */
export interface PeriodicDuty {
	level: "province" | "commune";
	days: number;
	period: DutyPeriod;
	/** Where the rule comes from, and whether that was checked against the law's text (docs/sessions.md). */
	basis: string;
	verified: boolean;
}

/**
 * The defaults, overridable in configuration (PERIODIC_RECEPTION_*): the commune chair's weekly day
 * was checked against Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d; the provincial chair's monthly
 * day is the practice every province publishes, its clause not checked against the text.
 */
export const DEFAULT_PERIODIC_DUTIES: readonly PeriodicDuty[] = [
	{
		level: "province",
		days: 1,
		period: "month",
		basis: "Luật Tiếp công dân 2013 (Điều 12, tiếp công dân tại Trụ sở tiếp công dân cấp tỉnh) — clause not verified",
		verified: false,
	},
	{
		level: "commune",
		days: 1,
		period: "week",
		basis: "Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d",
		verified: true,
	},
];

/** What the compliance view counts. */
export interface ComplianceSettings {
	duties: readonly PeriodicDuty[];
	/** Whether a session the head delegated to a deputy counts as the head's (the practice of most provinces). */
	countDelegated: boolean;
}
