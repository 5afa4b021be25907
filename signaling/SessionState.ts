import type { ChairedSession } from "../domain/presides.js";
import type { SessionStatus } from "../domain/sessionLifecycle.js";
import type { ParticipantStatus } from "./protocol.js";
import type { SessionClaims } from "./sockets.js";

/** What signalling needs of a session's record; server/ looks it up (signalling never reads the DB). */
export interface SessionFacts extends ChairedSession {
	status: SessionStatus;
}

/** The user behind a token, as the record now stands (a disabled user or a changed role ends their seat). */
export interface UserStanding {
	role: string;
	disabled: boolean;
}

export interface SessionDirectory {
	/** The session's record, or null when there is none. */
	session(sessionId: string): Promise<SessionFacts | null>;
	/** The user's current role and disabled flag, or null when there is no such user. */
	user(userId: string): Promise<UserStanding | null>;
}

/** How a session stopped for good, decided in the room (the chair) or in the record (over HTTP). */
export type ClosedHow = "ended" | "cancelled";

/** A live session's state that must outlive a socket and a process. */
export interface RoomState {
	closed: ClosedHow | null;
	/** Tokens of participants the chair removed or denied: they never come back with them. */
	removedTokenIds: readonly string[];
	/** Users the chair removed or denied: with a new token they wait in the lobby for the chair. */
	removedUserIds: readonly string[];
	/** Users whose microphone the chair muted: the mute survives leaving and joining again. */
	chairMutedUserIds: readonly string[];
}

/**
 * A live session's seats, kept where another node can take the session over (a cluster's Redis):
 * who sits, who waits in the lobby, whether the lobby is on. Media is not in it: it is rebuilt.
 */
export interface SeatSnapshot {
	lobbyEnabled: boolean;
	participants: { id: string; claims: SessionClaims; status: ParticipantStatus; presiding: boolean }[];
}

/**
 * The one store of live-session state (persisted in the database; the cluster issue backs it with
 * Redis). Every socket request of a session is checked against it.
 */
export interface SessionStateStore {
	get(sessionId: string): Promise<RoomState>;
	close(sessionId: string, how: ClosedHow): Promise<void>;
	remove(sessionId: string, userId: string, tokenId: string | undefined): Promise<void>;
	setChairMute(sessionId: string, userId: string, muted: boolean): Promise<void>;
	/** The seats a session had on the node that hosted it (null: none kept, a single process keeps none). */
	seats(sessionId: string): Promise<SeatSnapshot | null>;
	/** Keeps the seats as they now are; null forgets them (the session closed). */
	saveSeats(sessionId: string, seats: SeatSnapshot | null): Promise<void>;
}

export const OPEN_ROOM: RoomState = { closed: null, removedTokenIds: [], removedUserIds: [], chairMutedUserIds: [] };
