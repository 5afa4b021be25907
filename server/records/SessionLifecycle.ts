import { ConflictError, ValidationError } from "../errors.js";
import type { ReceptionSessionRecord, SessionStatus } from "./models/ReceptionSession.js";

/** scheduled → open (lobby) → live → ended → concluded; cancellation (with a reason) before going live. */
const NEXT: Record<SessionStatus, readonly SessionStatus[]> = {
	scheduled: ["open", "cancelled"],
	open: ["live", "cancelled"],
	live: ["ended"],
	ended: ["concluded"],
	concluded: [],
	cancelled: [],
};

const STAMP: Partial<Record<SessionStatus, "openedAt" | "liveAt" | "endedAt" | "concludedAt">> = {
	open: "openedAt",
	live: "liveAt",
	ended: "endedAt",
	concluded: "concludedAt",
};

export interface NoticeDetails {
	number: string;
	place?: string;
	otherParticipants?: string[];
	recipients: string[];
}

export interface TransitionRequest {
	to: SessionStatus;
	reason?: string;
	notice?: NoticeDetails;
}

/** The fields of the session's next revision for this lifecycle step, or CONFLICT if it is not allowed. */
export function transitionChanges(
	session: ReceptionSessionRecord,
	request: TransitionRequest,
): Record<string, unknown> {
	if (!NEXT[session.status].includes(request.to)) {
		throw new ConflictError(`a ${session.status} session cannot become ${request.to}`);
	}
	if (request.to === "cancelled" && !request.reason) throw new ValidationError("cancelling needs a reason");
	if (request.to === "concluded" && !request.notice) {
		throw new ValidationError("concluding needs the notice's number and recipients");
	}
	const stamp = STAMP[request.to];
	return {
		status: request.to,
		...(stamp ? { [stamp]: new Date() } : {}),
		...(request.to === "cancelled" ? { cancellationReason: request.reason } : {}),
		...(request.notice ? { notice: request.notice } : {}),
	};
}

/** Sessions someone may still join. */
export function isAttendable(session: ReceptionSessionRecord): boolean {
	return session.status === "scheduled" || session.status === "open" || session.status === "live";
}
