import type http from "node:http";
import type { Logger } from "pino";
import { Server, type ServerOptions } from "socket.io";
import type { TokenVerifier } from "../domain/identity.js";
import { TokenError } from "../domain/TokenError.js";
import type { MediaPeer } from "../media/MediaPeer.js";
import type { MediaSettings } from "../media/SessionRouter.js";
import type { WorkerPool } from "../media/WorkerPool.js";
import type { AttendanceRecorder } from "./AttendanceRecorder.js";
import { HandshakeError, SessionEndedError, toHandshakeError } from "./errors.js";
import { LiveSession } from "./LiveSession.js";
import {
	REQUEST_NAMES,
	type RequestResults,
	requestSchemas,
	type SessionEndReason,
	type SessionMoveReason,
} from "./protocol.js";
import { remoteSocket } from "./remoteSocket.js";
import { type HostCall, type SessionHosting, SINGLE_PROCESS, type SocketRef } from "./SessionHosting.js";
import type { SessionDirectory, SessionStateStore } from "./SessionState.js";
import { type RequestHandlers, type RequestLimits, type RequestObserver, serveRequests } from "./serveRequests.js";
import type { SeatSocket, ServerRelay, SessionClaims, SessionServer, SessionSocket } from "./sockets.js";

const DISCONNECT_USER = "rb:disconnectUser";

export interface SignalingServerOptions {
	httpServer: http.Server;
	tokens: TokenVerifier;
	workers: WorkerPool;
	attendance: AttendanceRecorder;
	media: MediaSettings;
	reconnectGraceMs: number;
	/** Whether a new session holds endpoints in the lobby until the chair admits them. */
	lobbyEnabled: boolean;
	/** The sessions' and users' records, looked up by server/. */
	directory: SessionDirectory;
	/** Live-session state that outlives sockets and restarts. */
	state: SessionStateStore;
	/** Per-socket request rate and message size, for every namespace on this server. */
	limits: RequestLimits;
	/** Socket.IO's adapter for every namespace (a cluster's Redis streams adapter); in memory by default. */
	adapter?: ServerOptions["adapter"];
	/** Where each session runs: here (the default) or on one node of a cluster. */
	hosting?: SessionHosting;
	/** Told of every request and, when refused, its error code (metrics). */
	onRequest?: RequestObserver;
	/** A live session ended for everyone (the record follows when the chair ended it). */
	onSessionEnded?: (sessionId: string, reason: SessionEndReason, byUserId: string | undefined) => void;
	logger: Logger;
}

/**
 * Socket.IO on the platform's HTTP server: a session token in the handshake, every payload
 * validated against the protocol's schemas, and one LiveSession per reception session.
 */
export class SignalingServer {
	readonly io: SessionServer;
	readonly #options: SignalingServerOptions;
	readonly #logger: Logger;
	readonly #sessions = new Map<string, LiveSession>();
	/** Sessions being opened (their seats read from the store): concurrent requests share one. */
	readonly #opening = new Map<string, Promise<LiveSession>>();
	readonly #hosting: SessionHosting;
	/** Disconnections being handed to another node's session. */
	readonly #handing = new Set<Promise<unknown>>();
	/** Sessions that ended: their tokens are refused from then on. */
	readonly #ended = new Set<string>();

	constructor(options: SignalingServerOptions) {
		this.#options = options;
		this.#logger = options.logger.child({ component: "signaling" });
		this.#hosting = options.hosting ?? SINGLE_PROCESS;
		this.#hosting.serve((call) => this.#serveCall(call));
		// A message up to four times the limit is read and answered PAYLOAD_TOO_LARGE; only beyond that
		// does Socket.IO close the connection (docs/protocol.md, "Limits").
		this.io = new Server(options.httpServer, {
			serveClient: false,
			maxHttpBufferSize: options.limits.maxMessageBytes * 4,
			...(options.adapter ? { adapter: options.adapter } : {}),
		});
		this.io.use((socket, next) => {
			this.#authenticate(socket.handshake.auth).then(
				(claims) => {
					socket.data.claims = claims;
					next();
				},
				(err: unknown) => {
					const refusal = toHandshakeError(err);
					this.#logger.info({ code: refusal.data.code, address: socket.handshake.address }, "handshake refused");
					next(refusal);
				},
			);
		});
		this.io.on("connection", (socket) => this.#onConnection(socket));
		if (options.adapter) {
			(this.io as unknown as ServerRelay).on(DISCONNECT_USER, (userId: string) => this.#disconnectUserHere(userId));
		}
	}

	/** The live session with this id, if any (for operations and tests). */
	session(sessionId: string): LiveSession | undefined {
		return this.#sessions.get(sessionId);
	}

	/** The sessions hosted on this node. */
	get sessionIds(): string[] {
		return [...this.#sessions.keys()];
	}

	/** Writes every hosted session's seats again (a cluster's store that restarted empty). */
	async persistSeats(): Promise<void> {
		await Promise.all([...this.#sessions.values()].map((session) => session.persistSeats()));
	}

	/** Writes the session's seats, then lets it go here without ending it: another node hosts it now. */
	async handOver(sessionId: string): Promise<void> {
		const session = this.#sessions.get(sessionId);
		if (!session) return;
		await session.persistSeats();
		session.handOver();
	}

	/** Live sessions, their seats and media objects, for metrics. */
	counts(): Record<"sessions" | "participants" | "transports" | "producers" | "consumers", number> {
		const participants = [...this.#sessions.values()].flatMap((session) => session.participants);
		const peers = participants.flatMap((p) => (p.media ? [p.media] : []));
		const sum = (count: (peer: MediaPeer) => number) => peers.reduce((total, peer) => total + count(peer), 0);
		return {
			sessions: this.#sessions.size,
			participants: participants.length,
			transports: sum((peer) => peer.transports.length),
			producers: sum((peer) => peer.producers.length),
			consumers: sum((peer) => peer.consumerCount),
		};
	}

	/** Media of every participant speaking for this endpoint, across live sessions (health checks). */
	mediaPeersOf(endpointId: string): MediaPeer[] {
		return [...this.#sessions.values()]
			.flatMap((session) => session.participants)
			.flatMap((p) => (p.claims.endpointId === endpointId && p.media ? [p.media] : []));
	}

	/** Ends every live session and disconnects every socket, before the workers go away. */
	async close(): Promise<void> {
		for (const session of this.#sessions.values()) session.end("server-shutdown");
		// Sessions disconnect their sockets once the `sessionEnded` notices are queued.
		await new Promise((resolve) => setImmediate(resolve));
		this.io.disconnectSockets(true);
		this.io.engine.close();
		// In a cluster the hosts of other sessions hear of these sockets going before this node lets go.
		await Promise.allSettled([...this.#handing]);
	}

	/**
	 * Sockets carried by nodes that are gone (a cluster's registry no longer lists them) are treated as
	 * dropped: their seats wait for a reconnection as after any drop.
	 */
	socketsLost(alive: (nodeId: string) => boolean): void {
		for (const session of this.#sessions.values()) session.socketsLost(alive);
	}

	async #authenticate(auth: Record<string, unknown>): Promise<SessionClaims> {
		const claims = this.#options.tokens.verify(auth.token, "session");
		const { sessionId } = claims;
		if (!sessionId) throw new TokenError("TOKEN_WRONG_SCOPE", "the token is not scoped to a session");
		if (this.#ended.has(sessionId)) throw new HandshakeError("SESSION_ENDED", "this session has ended");
		const [room, user] = await Promise.all([
			this.#options.state.get(sessionId),
			this.#options.directory.user(claims.sub),
		]);
		if (room.closed) throw new HandshakeError("SESSION_ENDED", "this session has ended");
		if (claims.jti && room.removedTokenIds.includes(claims.jti)) {
			throw new HandshakeError("FORBIDDEN", "the chair removed this participant; ask for a new pass");
		}
		if (user && (user.disabled || user.role !== claims.role)) {
			throw new HandshakeError("FORBIDDEN", "this account is disabled or its role changed");
		}
		return { ...claims, sessionId };
	}

	/**
	 * Every socket of this user, in every namespace, is closed (disabled, or their rights changed), on
	 * every node of a cluster.
	 */
	disconnectUser(userId: string): void {
		this.#disconnectUserHere(userId);
		if (this.#options.adapter) (this.io as unknown as ServerRelay).serverSideEmit(DISCONNECT_USER, userId);
	}

	#disconnectUserHere(userId: string): void {
		for (const namespace of this.io._nsps.values()) {
			for (const socket of namespace.sockets.values()) {
				if ((socket.data as { claims?: { sub?: string } }).claims?.sub === userId) socket.disconnect(true);
			}
		}
	}

	/** The session was ended or cancelled in its record: its room ends now, and stays closed. */
	async closeSession(sessionId: string, how: "ended" | "cancelled"): Promise<void> {
		await this.#options.state.close(sessionId, how);
		await this.#hosting.dispatch({ kind: "close", sessionId, how }, async () =>
			this.#sessions.get(sessionId)?.end("closed-by-record"),
		);
	}

	/** A call from another node for a session hosted here, or a takeover this node's cluster decided. */
	async #serveCall(call: HostCall): Promise<unknown> {
		switch (call.kind) {
			case "request":
				return (await this.#sessionFor(call.sessionId)).handle(
					call.name,
					remoteSocket(this.io, call.socket),
					call.payload as never,
				);
			case "disconnected":
				this.#sessions.get(call.sessionId)?.disconnected(remoteSocket(this.io, call.socket), call.reason);
				return {};
			case "close":
				this.#sessions.get(call.sessionId)?.end("closed-by-record");
				return {};
			case "takeover": {
				const session = await this.#sessionFor(call.sessionId, call.reason);
				session.announceMove(call.reason);
				return {};
			}
		}
	}

	#onConnection(socket: SessionSocket): void {
		const { sessionId, sub, endpointId } = socket.data.claims;
		const logger = this.#logger.child({ sessionId, userId: sub, endpointId, socketId: socket.id });
		logger.debug("socket connected");
		const expiresInMs = (socket.data.claims.exp ?? Number.POSITIVE_INFINITY) * 1000 - Date.now();
		// A socket lives no longer than its token (a timer's delay is at most 2^31 - 1 ms).
		const expiry = setTimeout(() => socket.disconnect(true), Math.min(Math.max(expiresInMs, 0), 2 ** 31 - 1));
		const handlers = Object.fromEntries(
			REQUEST_NAMES.map((name) => [
				name,
				(payload: unknown) => {
					if ((socket.data.claims.exp ?? Number.POSITIVE_INFINITY) * 1000 <= Date.now()) {
						socket.disconnect(true);
						throw new SessionEndedError("the session pass expired; ask for a new one");
					}
					return this.#hosting.dispatch(
						{ kind: "request", sessionId, name, payload, socket: this.#socketRef(socket) },
						async () => (await this.#sessionFor(sessionId)).handle(name, socket, payload as never),
					);
				},
			]),
		) as RequestHandlers<typeof requestSchemas, RequestResults>;
		serveRequests(socket, requestSchemas, handlers, logger, {
			onRequest: this.#options.onRequest,
			limits: this.#options.limits,
		});
		socket.on("disconnect", (reason) => {
			clearTimeout(expiry);
			logger.debug({ reason }, "socket disconnected");
			const handing = this.#hosting
				.dispatch({ kind: "disconnected", sessionId, socket: this.#socketRef(socket), reason }, async () =>
					this.#sessions.get(sessionId)?.disconnected(socket as SeatSocket, reason),
				)
				.catch((err: unknown) => logger.warn({ err }, "disconnection not handed to the session's host"))
				.finally(() => this.#handing.delete(handing));
			this.#handing.add(handing);
		});
	}

	#socketRef(socket: SessionSocket): SocketRef {
		return { id: socket.id, claims: socket.data.claims, nodeId: this.#hosting.nodeId };
	}

	/**
	 * A session that closes when empty is created again by the next request for it; in a cluster it
	 * takes back the seats another node kept for it (that node died or drained).
	 */
	#sessionFor(sessionId: string, moved: SessionMoveReason = "failover"): Promise<LiveSession> {
		const session = this.#sessions.get(sessionId);
		if (session) return Promise.resolve(session);
		let opening = this.#opening.get(sessionId);
		if (!opening) {
			opening = this.#open(sessionId, moved).finally(() => this.#opening.delete(sessionId));
			this.#opening.set(sessionId, opening);
		}
		return opening;
	}

	async #open(sessionId: string, moved: SessionMoveReason): Promise<LiveSession> {
		if (this.#ended.has(sessionId)) throw new SessionEndedError();
		const seats = await this.#options.state.seats(sessionId);
		let session = this.#sessions.get(sessionId);
		if (session) return session;
		const { workers, media, attendance, reconnectGraceMs, lobbyEnabled, directory, state, logger } = this.#options;
		session = new LiveSession({
			sessionId,
			io: this.io,
			workers,
			media,
			attendance,
			reconnectGraceMs,
			lobbyEnabled,
			directory,
			state,
			logger,
		});
		this.#sessions.set(sessionId, session);
		session.once("ended", (reason, by) => this.#options.onSessionEnded?.(sessionId, reason, by?.claims.sub));
		session.once("close", (final) => {
			this.#sessions.delete(sessionId);
			if (final) this.#ended.add(sessionId);
			if (!session?.handedOver) this.#hosting.released(sessionId);
		});
		if (seats && seats.participants.length > 0) session.restore(seats, moved);
		return session;
	}
}
