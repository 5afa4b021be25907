import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { MediaPeer } from "../media/MediaPeer.js";
import type { ParticipantInfo, ParticipantStatus } from "./protocol.js";
import type { SeatSnapshot } from "./SessionState.js";
import type { SeatSocket, SessionClaims } from "./sockets.js";

/**
 * A seat in a live session, held by one user for one endpoint. It outlives its socket during the
 * reconnection grace period, so a user who comes back keeps the same id and media.
 */
export class Participant {
	readonly id: string;
	readonly claims: SessionClaims;
	readonly logger: Logger;
	status: ParticipantStatus = "waiting";
	chairMuted = false;
	/** The session's presiding chair or a named co-chair (`presides`): the chair's powers in the room. */
	presiding = false;
	socket: SeatSocket | null;
	media: MediaPeer | null = null;
	#graceTimer: NodeJS.Timeout | null = null;

	constructor(socket: SeatSocket | null, claims: SessionClaims, logger: Logger, id: string = randomUUID()) {
		this.id = id;
		this.socket = socket;
		this.claims = claims;
		this.logger = logger.child({
			participantId: this.id,
			endpointId: this.claims.endpointId,
			userId: this.claims.sub,
		});
	}

	/** A seat kept elsewhere (a cluster's store) comes back on another node with the same id, without a socket. */
	static restore(seat: SeatSnapshot["participants"][number], logger: Logger): Participant {
		const participant = new Participant(null, seat.claims, logger, seat.id);
		participant.status = seat.status;
		participant.presiding = seat.presiding;
		return participant;
	}

	snapshot(): SeatSnapshot["participants"][number] {
		return { id: this.id, claims: this.claims, status: this.status, presiding: this.presiding };
	}

	info(): ParticipantInfo {
		const { sub, name, position, role, endpointId, endpointLevel } = this.claims;
		return {
			participantId: this.id,
			userId: sub,
			displayName: name,
			...(position ? { position } : {}),
			role,
			endpointId,
			endpointLevel,
			status: this.status,
			chairMuted: this.chairMuted,
		};
	}

	/** Keeps the seat for `ms` after the socket dropped; `expire` runs if nobody takes it back. */
	holdSeat(ms: number, expire: () => void): void {
		this.releaseHold();
		this.#graceTimer = setTimeout(expire, ms);
	}

	releaseHold(): void {
		if (this.#graceTimer) clearTimeout(this.#graceTimer);
		this.#graceTimer = null;
	}
}
