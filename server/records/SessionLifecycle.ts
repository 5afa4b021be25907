import { ConflictError, ValidationError } from "../../domain/errors.js";
import { canTransition } from "../../domain/sessionLifecycle.js";
import type { ReceptionSessionRecord, SessionStatus } from "./models/ReceptionSession.js";

const STAMP: Partial<Record<SessionStatus, "openedAt" | "liveAt" | "endedAt" | "concludedAt">> = {
	open: "openedAt",
	live: "liveAt",
	ended: "endedAt",
	concluded: "concludedAt",
};

/** What a concluded session records of its issued notice (server/sessions/notice/NoticeIssuer.ts). */
export interface IssuedNoticeRef {
	number: string;
	place?: string;
	version: number;
	sha256: string;
	noticeId: string;
}

export interface TransitionRequest {
	to: SessionStatus;
	reason?: string;
	notice?: IssuedNoticeRef;
}

/** The fields of the session's next revision for this lifecycle step, or CONFLICT if it is not allowed. */
export function transitionChanges(
	session: ReceptionSessionRecord,
	request: TransitionRequest,
): Record<string, unknown> {
	if (!canTransition(session.status, request.to)) {
		throw new ConflictError(`a ${session.status} session cannot become ${request.to}`);
	}
	if (request.to === "cancelled" && !request.reason) {
		throw new ValidationError("cancelling needs a reason", [
			{ path: "body.reason", message: "required to cancel", code: "required" },
		]);
	}
	if (request.to === "concluded" && !request.notice) {
		throw new ValidationError("concluding needs the issued notice", [
			{ path: "body.notice", message: "required to conclude", code: "required" },
		]);
	}
	const stamp = STAMP[request.to];
	return {
		status: request.to,
		...(stamp ? { [stamp]: new Date() } : {}),
		...(request.to === "cancelled" ? { cancellationReason: request.reason } : {}),
		...(request.notice ? { notice: request.notice } : {}),
	};
}
