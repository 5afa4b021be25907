import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { MediaPeer } from "../media/MediaPeer.js";
import type { ParticipantInfo, ParticipantStatus } from "./protocol.js";
import type { SessionClaims, SessionSocket } from "./sockets.js";

/**
 * A seat in a live session, held by one user for one endpoint. It outlives its socket during the
 * reconnection grace period, so a user who comes back keeps the same id and media.
 */
export class Participant {
	readonly id = randomUUID();
	readonly claims: SessionClaims;
	readonly logger: Logger;
	status: ParticipantStatus = "waiting";
	chairMuted = false;
	/** The session's presiding chair or a named co-chair (`presides`): the chair's powers in the room. */
	presiding = false;
	socket: SessionSocket | null;
	media: MediaPeer | null = null;
	#graceTimer: NodeJS.Timeout | null = null;

	constructor(socket: SessionSocket, logger: Logger) {
		this.socket = socket;
		this.claims = socket.data.claims;
		this.logger = logger.child({
			participantId: this.id,
			endpointId: this.claims.endpointId,
			userId: this.claims.sub,
		});
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
