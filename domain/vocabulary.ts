/** The record's fixed vocabularies, free of mongoose so the browser app shares them. */

/** Classification by content (glossary): khiếu nại, tố cáo, kiến nghị / phản ánh, or mixed. */
export const CASE_CONTENT_TYPES = ["complaint", "denunciation", "petition", "mixed"] as const;

export const CASE_STATUSES = ["received", "scheduled", "heard", "following-up", "closed"] as const;

/** Handling directions after a reception (glossary), plus the directive's "returned to locality". */
export const HANDLING_DIRECTIONS = [
	"accept",
	"guide",
	"forward",
	"urge",
	"explain-and-close",
	"refer-to-police",
	"refuse",
	"appointment",
	"propose-suspension",
	"returned-to-locality",
] as const;

export const FOLLOW_UP_STATUSES = ["pending", "in-progress", "done", "overdue"] as const;

/** Luật Tiếp công dân 2013, Điều 2: regular, periodic (a head receives monthly), unscheduled. */
export const SESSION_KINDS = ["regular", "periodic", "unscheduled"] as const;

/** Scheduled by a province, or requested on demand by the central office (with a reason). */
export const SESSION_ORIGINS = ["scheduled", "on-demand"] as const;

export const SESSION_STATUSES = ["scheduled", "open", "live", "ended", "concluded", "cancelled"] as const;

/** How a unit was taken over in the 2025 reform: merged into another, or renamed (a new unit on the same ground). */
export const ENDPOINT_SUCCESSIONS = ["merged", "renamed"] as const;

/** Why a revision exists: the first version, an ordinary change, a correction, or a lifecycle step. */
export const CHANGE_KINDS = ["create", "update", "correction", "transition"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Taking a seat, losing it for a moment, taking it back, leaving. */
const SEAT_KINDS = ["joined", "left", "reconnecting", "reconnected"] as const;
/** The lobby and what the chair does to a participant. */
const CHAIR_KINDS = [
	"waiting-in-lobby",
	"admitted",
	"denied",
	"removed",
	"muted-by-chair",
	"unmuted-by-chair",
] as const;

/**
 * What happened to a participant of a live session, as the attendance record names it; `voided` is a
 * correction: the fact named by `corrects` did not happen (recorded against the wrong seat, a test).
 */
export const ATTENDANCE_KINDS = [...SEAT_KINDS, ...CHAIR_KINDS, "session-ended", "voided"] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];
