import type { types } from "mediasoup";
import type { Logger } from "pino";
import { ForbiddenError, NotFoundError } from "../domain/errors.js";
import { admittedTogether } from "../domain/lobby.js";
import { can } from "../domain/permissions.js";
import { presides } from "../domain/presides.js";
import { SafeEmitter } from "../domain/SafeEmitter.js";
import { isJoinable } from "../domain/sessionLifecycle.js";
import type { PeerProducer } from "../media/MediaPeer.js";
import { type MediaSettings, SessionRouter } from "../media/SessionRouter.js";
import type { WorkerPool } from "../media/WorkerPool.js";
import type { AttendanceFact, AttendanceKind, AttendanceRecorder } from "./AttendanceRecorder.js";
import { ChairMutedError, NotInSessionError, SessionEndedError } from "./errors.js";
import { Lobby } from "./Lobby.js";
import { consumeAnswer, transportInfo } from "./mediaAnswers.js";
import { Participant } from "./Participant.js";
import {
	CHAIR_REQUESTS,
	type JoinResult,
	type LeaveReason,
	type ProducerInfo,
	type RequestName,
	type RequestResults,
	type ServerToClientEvents,
	type SessionEndReason,
	type SessionMoveReason,
	type ValidRequest,
} from "./protocol.js";
import type { RoomState, SeatSnapshot, SessionDirectory, SessionStateStore } from "./SessionState.js";
import type { SeatSocket, SessionServer } from "./sockets.js";

export interface LiveSessionOptions {
	sessionId: string;
	io: SessionServer;
	workers: WorkerPool;
	media: MediaSettings;
	attendance: AttendanceRecorder;
	reconnectGraceMs: number;
	lobbyEnabled: boolean;
	/** The session's record (status, chair and co-chairs), looked up by server/. */
	directory: SessionDirectory;
	/** Ended, cancelled, removed users and chair mutes: checked on every request. */
	state: SessionStateStore;
	logger: Logger;
}

export interface LiveSessionEvents {
	/**
	 * Nobody is left, or the session ended; the registry forgets it. `final`: the session may not be
	 * joined again (a media failure is not final: joining again starts it on a live worker).
	 */
	close: [final: boolean];
	/** The session ended for everyone, and why; `by` is the chair who ended it. */
	ended: [reason: SessionEndReason, by: Participant | undefined];
}

type SeatRequest = Exclude<RequestName, "join">;
type Handlers = { [K in SeatRequest]: (p: Participant, request: ValidRequest<K>) => Promise<RequestResults[K]> };
type Notification = keyof ServerToClientEvents;

const LEAVE_KINDS: Record<LeaveReason, AttendanceKind> = {
	left: "left",
	"grace-expired": "left",
	removed: "removed",
	denied: "denied",
};

/**
 * A reception session while it is live: its participants (seats), the lobby, the chair's powers and
 * the media router behind them. Every join, leave, reconnect, chair action and the end are handed to
 * the attendance recorder.
 */
export class LiveSession extends SafeEmitter<LiveSessionEvents> {
	readonly id: string;
	readonly #options: LiveSessionOptions;
	readonly #logger: Logger;
	readonly #participants = new Map<string, Participant>();
	readonly #lobby: Lobby;
	#router: Promise<SessionRouter> | null = null;
	#dominantSpeakerId: string | null = null;
	#ended = false;
	#closed = false;
	/** Another node took the session over (a drain): this one lets go without ending it. */
	#handedOver = false;
	/** Seat snapshots are written one after another, so an older one never overwrites a newer. */
	#saving: Promise<void> = Promise.resolve();

	constructor(options: LiveSessionOptions) {
		super(options.logger);
		this.id = options.sessionId;
		this.#options = options;
		this.#logger = options.logger.child({ sessionId: options.sessionId });
		this.#lobby = new Lobby(options.lobbyEnabled);
	}

	get #room(): string {
		return `session:${this.id}`;
	}

	/** The media router, created on the least-loaded worker when the first participant takes a seat. */
	router(): Promise<SessionRouter> {
		this.#router ??= SessionRouter.create(this.#options.workers, this.#options.media, this.#logger).then(
			(router) => {
				router.on("dominantspeaker", (participantId) => {
					this.#dominantSpeakerId = participantId;
					this.#notifyAll("dominantSpeaker", { participantId });
				});
				router.on("workerclose", () => this.end("media-failure"));
				return router;
			},
			(err: unknown) => {
				this.#router = null;
				throw err;
			},
		);
		return this.#router;
	}

	get participants(): Participant[] {
		return [...this.#participants.values()];
	}

	/** Runs one validated request from a socket of this session. */
	async handle<K extends RequestName>(
		name: K,
		socket: SeatSocket,
		request: ValidRequest<K>,
	): Promise<RequestResults[K]> {
		if (this.#ended) throw new SessionEndedError();
		const room = await this.#options.state.get(this.id);
		if (room.closed) {
			this.end("closed-by-record");
			throw new SessionEndedError();
		}
		const { jti } = socket.data.claims;
		if (jti && room.removedTokenIds.includes(jti)) throw new ForbiddenError("the chair removed this participant");
		if (name === "join") return this.#join(socket, room) as Promise<RequestResults[K]>;
		const participant = this.#seatOf(socket);
		if (!participant) throw new NotInSessionError();
		if (participant.status === "waiting" && name !== "leave") throw new NotInSessionError("waiting in the lobby");
		if ((CHAIR_REQUESTS as readonly string[]).includes(name)) {
			// Who presides is read from the record at each chair action: a delegation takes effect at once.
			participant.presiding = presides(participant.claims, await this.#facts());
			if (!participant.presiding) throw new ForbiddenError(`only the session's chair or a co-chair may ${name}`);
		}
		const handler = this.#handlers[name as SeatRequest] as unknown as (
			p: Participant,
			r: ValidRequest<K>,
		) => Promise<RequestResults[K]>;
		return handler(participant, request);
	}

	/** A socket of this session went away: its seat waits for the user during the grace period. */
	disconnected(socket: SeatSocket, reason: string): void {
		const participant = this.#seatOf(socket);
		if (this.#ended || !participant) {
			this.#closeIfEmpty();
			return;
		}
		participant.socket = null;
		if (participant.status === "waiting") {
			this.#release(participant, "left");
			return;
		}
		this.#awaitReturn(participant, { reason });
		this.#persist();
	}

	/** Seats whose socket was held by a cluster node that is gone are dropped as any dropped socket. */
	socketsLost(alive: (nodeId: string) => boolean): void {
		for (const participant of this.participants) {
			const { socket } = participant;
			if (socket?.nodeId && !alive(socket.nodeId)) this.disconnected(socket, "node-lost");
		}
	}

	/** The seat waits for its user's next join for the grace period; everyone sees it reconnecting. */
	#awaitReturn(participant: Participant, details: Record<string, unknown>): void {
		participant.status = "reconnecting";
		participant.logger.info(details, "participant reconnecting");
		this.#notifyAll("participantReconnecting", { participantId: participant.id });
		this.#record(participant, "reconnecting", { details });
		participant.holdSeat(this.#options.reconnectGraceMs, () => this.#release(participant, "grace-expired"));
	}

	/**
	 * Takes the seats another node kept (it died or drained): same participant ids, each reconnecting
	 * until its user joins again here; attendance sees a reconnection, never a leave and a new join.
	 */
	restore(seats: SeatSnapshot, reason: SessionMoveReason): void {
		this.#lobby.enabled = seats.lobbyEnabled;
		for (const seat of seats.participants) {
			if (this.#participants.has(seat.id)) continue;
			const participant = Participant.restore(seat, this.#logger);
			this.#participants.set(participant.id, participant);
			if (participant.status === "waiting") {
				this.#lobby.add(participant);
				participant.holdSeat(this.#options.reconnectGraceMs, () => this.#release(participant, "grace-expired"));
			} else this.#awaitReturn(participant, { reason });
		}
		this.#logger.info({ reason, seats: seats.participants.length }, "session taken over");
	}

	/** Tells every socket of the session that it moved here: each sends `join` again (docs/protocol.md). */
	announceMove(reason: SessionMoveReason): void {
		this.#notifyAll("sessionMoved", { reason });
	}

	/** The seats as they now are, written where another node can take the session over. */
	#persist(): void {
		if (this.#handedOver) return;
		const snapshot: SeatSnapshot | null = this.#closed
			? null
			: { lobbyEnabled: this.#lobby.enabled, participants: this.participants.map((p) => p.snapshot()) };
		this.#saving = this.#saving
			.then(() => this.#options.state.saveSeats(this.id, snapshot))
			.catch((err: unknown) => this.#logger.warn({ err }, "seats not kept"));
	}

	/** Writes the seats now (a drain hands them to another node; a store that lost them gets them again). */
	async persistSeats(): Promise<void> {
		this.#persist();
		await this.#saving;
	}

	/**
	 * Another node hosts the session from now on: media here closes, the seats stay as stored and
	 * nobody is told the session ended (their sockets move with `sessionMoved` or a reconnection).
	 */
	handOver(): void {
		if (this.#ended) return;
		this.#handedOver = true;
		this.#ended = true;
		for (const participant of this.#participants.values()) {
			participant.releaseHold();
			participant.media?.close();
		}
		this.#participants.clear();
		this.#close(false);
		// This node's own sockets reconnect through the load balancer to the new host and join there.
		this.#options.io.local.in(this.#room).disconnectSockets(true);
	}

	get handedOver(): boolean {
		return this.#handedOver;
	}

	/** Ends the session for everyone: they are told, disconnected and their media released. */
	end(reason: SessionEndReason, by?: Participant): void {
		if (this.#ended) return;
		this.#ended = true;
		this.#logger.info({ reason, by: by?.id }, "session ended");
		if (reason === "ended-by-chair") {
			this.#options.state.close(this.id, "ended").catch((err: unknown) => {
				this.#logger.error({ err }, "the session's end was not stored");
			});
		}
		this.safeEmit("ended", reason, by);
		for (const participant of this.#participants.values()) {
			participant.releaseHold();
			participant.socket?.emit("sessionEnded", { reason });
			this.#record(participant, "session-ended", { actor: by, details: { reason } });
		}
		for (const participant of this.#participants.values()) disconnectSoon(participant.socket);
		this.#participants.clear();
		this.#close(reason !== "media-failure");
	}

	// ── Seats ────────────────────────────────────────────────────────────────────────────────────

	#seatOf(socket: SeatSocket): Participant | undefined {
		return this.participants.find((p) => p.socket?.id === socket.id);
	}

	/** The session's record as it now stands; only open and live sessions are joined. */
	async #facts() {
		const facts = await this.#options.directory.session(this.id);
		if (!facts) throw new NotFoundError(`session ${this.id}`);
		if (!isJoinable(facts.status)) {
			if (facts.status === "scheduled") throw new NotInSessionError("the session has not been opened yet");
			this.end("closed-by-record");
			throw new SessionEndedError();
		}
		return facts;
	}

	async #join(socket: SeatSocket, room: RoomState): Promise<JoinResult> {
		const facts = await this.#facts();
		const own = this.#seatOf(socket);
		if (own) return this.#joinResult(own, false);
		const kept = this.participants.find((p) => p.claims.sub === socket.data.claims.sub);
		if (kept) {
			const resumed = this.#takeBack(kept, socket);
			// A seat taken over from another node has no media here yet: the client builds it anew.
			if (resumed && !kept.media) await this.#attachMedia(kept);
			this.#persist();
			return this.#joinResult(kept, resumed);
		}
		const participant = new Participant(socket, socket.data.claims, this.#logger);
		participant.presiding = presides(participant.claims, facts);
		this.#participants.set(participant.id, participant);
		// Someone the chair removed or denied comes back only through the lobby, whatever its setting.
		if (this.#lobby.holds(participant) || room.removedUserIds.includes(participant.claims.sub)) {
			this.#lobby.add(participant);
			// Who waits, as the session page's lobby shows it to the chair and the secretariat.
			const { role, position, endpointLevel } = participant.claims;
			this.#record(participant, "waiting-in-lobby", {
				details: { role, endpointLevel, ...(position ? { position } : {}) },
			});
			this.#notifyLobby();
			this.#persist();
			return { status: "waiting", participantId: participant.id };
		}
		await this.#seat(participant);
		return this.#joinResult(participant, false);
	}

	/** The same user is back (a dropped socket, or a second device taking over): same seat, same media. */
	#takeBack(participant: Participant, socket: SeatSocket): boolean {
		const previous = participant.socket;
		participant.socket = socket;
		// Disconnect the replaced socket after the swap, so its disconnect does not count as a drop.
		previous?.disconnect(true);
		if (participant.status === "waiting") return false;
		participant.releaseHold();
		participant.status = "active";
		void socket.join(this.#room);
		participant.logger.info("participant reconnected");
		this.#notifyOthers(participant, "participantReconnected", { participantId: participant.id });
		this.#record(participant, "reconnected");
		return true;
	}

	async #seat(participant: Participant): Promise<void> {
		await this.#attachMedia(participant);
		participant.status = "active";
		void participant.socket?.join(this.#room);
		participant.logger.info("participant joined");
		this.#notifyOthers(participant, "participantJoined", participant.info());
		this.#record(participant, "joined");
		this.#persist();
	}

	/** The participant's transports live on this session's router, with the chair's mute as stored. */
	async #attachMedia(participant: Participant): Promise<void> {
		const media = await this.router()
			.then((router) => router.createPeer(participant.id, participant.logger))
			.catch((err: unknown) => {
				this.#participants.delete(participant.id);
				throw err;
			});
		// The socket may have gone while the router was being created and the participant placed.
		if (!this.#participants.has(participant.id)) {
			media.close();
			throw new NotInSessionError("left while joining");
		}
		participant.media = media;
		participant.chairMuted = (await this.#options.state.get(this.id)).chairMutedUserIds.includes(
			participant.claims.sub,
		);
		media.on("producerclose", (producer) =>
			this.#notifyOthers(participant, "producerClosed", { producerId: producer.id, participantId: participant.id }),
		);
	}

	async #joinResult(participant: Participant, resumed: boolean): Promise<JoinResult> {
		if (participant.status === "waiting") return { status: "waiting", participantId: participant.id };
		const router = await this.router();
		return {
			status: "joined",
			participantId: participant.id,
			resumed,
			routerRtpCapabilities: router.rtpCapabilities,
			participants: this.participants.filter((p) => p.status !== "waiting").map((p) => p.info()),
			producers: router.producers.map(producerInfo),
			transports: participant.media?.transports ?? [],
			lobbyEnabled: this.#lobby.enabled,
			lobby: participant.presiding ? this.#lobby.waiting.map((p) => p.info()) : [],
			dominantSpeakerId: this.#dominantSpeakerId,
		};
	}

	#release(participant: Participant, reason: LeaveReason, actor?: Participant): void {
		participant.releaseHold();
		this.#participants.delete(participant.id);
		this.#lobby.remove(participant.id);
		const wasWaiting = participant.status === "waiting";
		participant.media?.close();
		participant.media = null;
		void participant.socket?.leave(this.#room);
		participant.socket = null;
		if (this.#dominantSpeakerId === participant.id) this.#dominantSpeakerId = null;
		participant.logger.info({ reason }, "participant left");
		if (wasWaiting) this.#notifyLobby();
		// A denied endpoint was never seated, but the room is told, as the protocol says.
		if (!wasWaiting || reason === "denied")
			this.#notifyAll("participantLeft", { participantId: participant.id, reason });
		this.#record(participant, LEAVE_KINDS[reason], { actor, details: { reason } });
		this.#persist();
		this.#closeIfEmpty();
	}

	#closeIfEmpty(): void {
		if (this.#participants.size === 0 && !this.#ended) this.#close(false);
	}

	#close(final: boolean): void {
		if (this.#closed) return;
		this.#closed = true;
		// Closed here for good or until the next join: no other node takes these seats over.
		this.#persist();
		this.safeEmit("close", final);
		this.#router?.then(
			(router) => router.close(),
			() => undefined,
		);
	}

	// ── Requests ─────────────────────────────────────────────────────────────────────────────────

	readonly #handlers: Handlers = {
		createTransport: async (p, { direction }) => transportInfo(await this.#media(p).createTransport(direction)),
		connectTransport: async (p, { transportId, dtlsParameters }) => {
			await this.#media(p).connectTransport(transportId, dtlsParameters as types.DtlsParameters);
			return {};
		},
		restartIce: async (p, { transportId }) => ({ iceParameters: await this.#media(p).restartIce(transportId) }),
		produce: async (p, request) => {
			if (!can(p.claims, "publish", { type: "sessions" })) {
				throw new ForbiddenError(`role ${p.claims.role} watches and does not publish`);
			}
			// A chair mute holds even over a microphone produced afterwards.
			const paused = (request.paused ?? false) || (request.source === "microphone" && p.chairMuted);
			const producer = await this.#media(p).produce({
				...request,
				rtpParameters: request.rtpParameters as types.RtpParameters,
				paused,
			});
			this.#notifyOthers(p, "newProducer", producerInfo(producer));
			return { producerId: producer.id, paused: producer.paused };
		},
		consume: async (p, { transportId, producerId, rtpCapabilities }) => {
			const router = await this.router();
			if (!router.producers.some((producer) => producer.id === producerId)) {
				throw new NotFoundError(`producer ${producerId} in this session`);
			}
			return consumeAnswer(this.#media(p), { transportId, producerId, rtpCapabilities });
		},
		resumeConsumer: async (p, { consumerId }) => {
			await this.#media(p).resumeConsumer(consumerId);
			return {};
		},
		setPreferredLayers: async (p, { consumerId, spatialLayer, temporalLayer }) => {
			const layers = { spatialLayer, ...(temporalLayer === undefined ? {} : { temporalLayer }) };
			await this.#media(p).setPreferredLayers(consumerId, layers);
			return {};
		},
		pauseProducer: async (p, { producerId }) => {
			await this.#setPaused(p, this.#media(p).producer(producerId), true, false);
			return {};
		},
		resumeProducer: async (p, { producerId }) => {
			const producer = this.#media(p).producer(producerId);
			if (producer.appData.source === "microphone" && p.chairMuted) throw new ChairMutedError();
			await this.#setPaused(p, producer, false, false);
			return {};
		},
		closeProducer: async (p, { producerId }) => {
			this.#media(p).producer(producerId).close();
			return {};
		},
		leave: async (p) => {
			this.#release(p, "left");
			return {};
		},
		setChairMute: async (chair, { participantId, muted }) => {
			const target = this.#seated(participantId);
			await this.#options.state.setChairMute(this.id, target.claims.sub, muted);
			target.chairMuted = muted;
			const microphone = target.media?.producerOf("microphone");
			// Lifting the mute gives the floor back: the microphone resumes.
			if (microphone) await this.#setPaused(target, microphone, muted, true);
			this.#notifyAll("chairMuteChanged", { participantId, muted });
			this.#record(target, muted ? "muted-by-chair" : "unmuted-by-chair", { actor: chair });
			return {};
		},
		removeParticipant: async (chair, { participantId }) => {
			const target = this.#participants.get(participantId);
			if (!target) throw new NotFoundError(`participant ${participantId}`);
			await this.#options.state.remove(this.id, target.claims.sub, target.claims.jti);
			const socket = target.socket;
			socket?.emit("removed", { participantId });
			this.#release(target, "removed", chair);
			disconnectSoon(socket);
			return {};
		},
		setLobby: async (chair, { enabled }) => {
			this.#lobby.enabled = enabled;
			// Opening the doors lets in everyone who was waiting.
			if (!enabled) await this.#admit(this.#lobby.takeAll(), chair);
			this.#notifyLobby();
			this.#persist();
			return {};
		},
		admit: async (chair, { participantId }) => {
			await this.#admit([this.#lobby.take(participantId)], chair);
			return {};
		},
		// Observers are admitted one by one (domain/lobby.ts): they keep waiting.
		admitAll: async (chair) => ({
			admitted: await this.#admit(
				this.#lobby.takeAll((p) => admittedTogether(p.claims.role)),
				chair,
			),
		}),
		deny: async (chair, { participantId }) => {
			const target = this.#lobby.take(participantId);
			await this.#options.state.remove(this.id, target.claims.sub, target.claims.jti);
			const socket = target.socket;
			socket?.emit("denied", { participantId });
			this.#release(target, "denied", chair);
			disconnectSoon(socket);
			return {};
		},
		endSession: async (chair) => {
			this.end("ended-by-chair", chair);
			return {};
		},
	};

	#media(participant: Participant) {
		if (!participant.media) throw new NotInSessionError();
		return participant.media;
	}

	#seated(participantId: string): Participant {
		const participant = this.#participants.get(participantId);
		if (!participant || participant.status === "waiting") throw new NotFoundError(`participant ${participantId}`);
		return participant;
	}

	async #admit(waiting: Participant[], chair: Participant): Promise<string[]> {
		for (const participant of waiting) {
			this.#record(participant, "admitted", { actor: chair });
			await this.#seat(participant);
			participant.socket?.emit("admitted", { participantId: participant.id });
		}
		if (waiting.length > 0) this.#notifyLobby();
		return waiting.map((p) => p.id);
	}

	async #setPaused(owner: Participant, producer: PeerProducer, paused: boolean, byChair: boolean): Promise<void> {
		await (paused ? producer.pause() : producer.resume());
		const event = paused ? "producerPaused" : "producerResumed";
		const payload = { producerId: producer.id, participantId: owner.id, byChair };
		if (byChair) this.#notifyAll(event, payload);
		else this.#notifyOthers(owner, event, payload);
	}

	// ── Notifications and records ────────────────────────────────────────────────────────────────

	#notifyAll<E extends Notification>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
		this.#options.io.to(this.#room).emit(event, ...args);
	}

	#notifyOthers<E extends Notification>(
		participant: Participant,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): void {
		this.#options.io
			.to(this.#room)
			.except(participant.socket?.id ?? [])
			.emit(event, ...args);
	}

	/** The chairs see the lobby as it now is. */
	#notifyLobby(): void {
		const payload = { waiting: this.#lobby.waiting.map((p) => p.info()), enabled: this.#lobby.enabled };
		for (const chair of this.participants) if (chair.presiding) chair.socket?.emit("lobbyChanged", payload);
	}

	#record(
		participant: Participant,
		kind: AttendanceKind,
		extra: { actor?: Participant | undefined; details?: Record<string, unknown> } = {},
	): void {
		const fact: AttendanceFact = {
			sessionId: this.id,
			endpointId: participant.claims.endpointId,
			userId: participant.claims.sub,
			userName: participant.claims.name,
			participantId: participant.id,
			kind,
			...(extra.actor ? { actorUserId: extra.actor.claims.sub } : {}),
			...(extra.details ? { details: extra.details } : {}),
		};
		this.#options.attendance.record(fact);
	}
}

/** Disconnects after the current request's acknowledgement has gone out (the chair may disconnect itself). */
function disconnectSoon(socket: SeatSocket | null): void {
	if (socket) setImmediate(() => socket.disconnect(true));
}

function producerInfo(producer: PeerProducer): ProducerInfo {
	return {
		producerId: producer.id,
		participantId: producer.appData.peerId,
		kind: producer.kind,
		source: producer.appData.source,
		paused: producer.paused,
	};
}
