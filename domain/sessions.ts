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
