import { ATTENDANCE_KINDS, type AttendanceKind } from "../domain/vocabulary.js";

export { ATTENDANCE_KINDS, type AttendanceKind };

export interface AttendanceFact {
	sessionId: string;
	endpointId: string;
	userId: string;
	/** The person's name as signed in: the register names who attended, as they were then. */
	userName: string;
	/** The live participant (a seat kept across reconnects). */
	participantId: string;
	kind: AttendanceKind;
	/** Who caused it when it is not the participant (the chair muting or removing). */
	actorUserId?: string;
	/** Client details: user agent, address, reason. */
	details?: Record<string, unknown>;
	/** For a correction: the id of the fact it corrects. */
	corrects?: string;
}

/**
 * Where signalling hands attendance facts. Implementations stamp the server time, persist durably
 * and never lose a fact, so `record` does not wait for the database.
 */
export interface AttendanceRecorder {
	record(fact: AttendanceFact): void;
}
