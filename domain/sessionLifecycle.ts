import type { SESSION_STATUSES } from "./vocabulary.js";

export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** scheduled → open (lobby) → live → ended → concluded; cancellation (with a reason) before going live. */
export const SESSION_TRANSITIONS: Record<SessionStatus, readonly SessionStatus[]> = {
	scheduled: ["open", "cancelled"],
	open: ["live", "cancelled"],
	live: ["ended"],
	ended: ["concluded"],
	concluded: [],
	cancelled: [],
};

export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
	return SESSION_TRANSITIONS[from].includes(to);
}

/** The one forward step a button offers (cancel and conclude need more than a click). */
export function nextStep(from: SessionStatus): SessionStatus | undefined {
	return SESSION_TRANSITIONS[from].find((to) => to !== "cancelled" && to !== "concluded");
}

/** Statuses in which endpoints may still get a session token (join the lobby or the room). */
export const ATTENDABLE_STATUSES: readonly SessionStatus[] = ["scheduled", "open", "live"];
/** Statuses in which the room is running and the app offers **Tham gia**. */
export const JOINABLE_STATUSES: readonly SessionStatus[] = ["open", "live"];
/**
 * Statuses in which outcomes are recorded (during the reception and after it, until the notice is
 * issued: a concluded session's outcomes change only through a correction of its notice).
 */
export const DECIDING_STATUSES: readonly SessionStatus[] = ["live", "ended"];
/** Statuses the calendar counts as coming up (alerts for offline endpoints). */
export const UPCOMING_STATUSES: readonly SessionStatus[] = ["scheduled", "open", "live"];

export const isAttendable = (status: SessionStatus): boolean => ATTENDABLE_STATUSES.includes(status);
export const isJoinable = (status: SessionStatus): boolean => JOINABLE_STATUSES.includes(status);
export const isDeciding = (status: SessionStatus): boolean => DECIDING_STATUSES.includes(status);

/** Statuses after which nothing happens live any more (its alerts clear). */
export const OVER_STATUSES: readonly SessionStatus[] = ["ended", "concluded", "cancelled"];
export const isOver = (status: string): boolean => (OVER_STATUSES as readonly string[]).includes(status);

/** The day a session's record names its endpoints by: when it went live, or else its planned start. */
export function sessionDay(s: { liveAt?: Date | string | null; plannedStart: Date | string }): Date {
	return new Date(s.liveAt ?? s.plannedStart);
}
