import type http from "node:http";
import type { Logger } from "pino";
import { Server } from "socket.io";
import type { TokenVerifier } from "../domain/identity.js";
import { TokenError } from "../domain/TokenError.js";
import type { MediaPeer } from "../media/MediaPeer.js";
import type { MediaSettings } from "../media/SessionRouter.js";
import type { WorkerPool } from "../media/WorkerPool.js";
import type { AttendanceRecorder } from "./AttendanceRecorder.js";
import { HandshakeError, SessionEndedError, toHandshakeError } from "./errors.js";
import { LiveSession } from "./LiveSession.js";
import { REQUEST_NAMES, type RequestResults, requestSchemas, type SessionEndReason } from "./protocol.js";
import type { SessionDirectory, SessionStateStore } from "./SessionState.js";
import { type RequestHandlers, type RequestLimits, type RequestObserver, serveRequests } from "./serveRequests.js";
import type { SessionClaims, SessionServer, SessionSocket } from "./sockets.js";

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
	/** Sessions that ended: their tokens are refused from then on. */
	readonly #ended = new Set<string>();

	constructor(options: SignalingServerOptions) {
		this.#options = options;
		this.#logger = options.logger.child({ component: "signaling" });
		// A message up to four times the limit is read and answered PAYLOAD_TOO_LARGE; only beyond that
		// does Socket.IO close the connection (docs/protocol.md, "Limits").
		this.io = new Server(options.httpServer, {
			serveClient: false,
			maxHttpBufferSize: options.limits.maxMessageBytes * 4,
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
	}

	/** The live session with this id, if any (for operations and tests). */
	session(sessionId: string): LiveSession | undefined {
		return this.#sessions.get(sessionId);
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

	/** Every socket of this user, in every namespace, is closed (disabled, or their rights changed). */
	disconnectUser(userId: string): void {
		for (const namespace of this.io._nsps.values()) {
			for (const socket of namespace.sockets.values()) {
				if ((socket.data as { claims?: { sub?: string } }).claims?.sub === userId) socket.disconnect(true);
			}
		}
	}

	/** The session was ended or cancelled in its record: its room ends now, and stays closed. */
	async closeSession(sessionId: string, how: "ended" | "cancelled"): Promise<void> {
		await this.#options.state.close(sessionId, how);
		this.#sessions.get(sessionId)?.end("closed-by-record");
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
					return this.#sessionFor(sessionId).handle(name, socket, payload as never);
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
			this.#sessions.get(sessionId)?.disconnected(socket, reason);
		});
	}

	/** A session that closes when empty is created again by the next request for it. */
	#sessionFor(sessionId: string): LiveSession {
		let session = this.#sessions.get(sessionId);
		if (session) return session;
		if (this.#ended.has(sessionId)) throw new SessionEndedError();
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
		});
		return session;
	}
}
