import type { Logger } from "pino";
import type { Namespace, Socket } from "socket.io";
import type { TokenClaims, TokenVerifier } from "../domain/identity.js";
import { can } from "../domain/permissions.js";
import type { EndpointPresence, HealthState } from "../domain/presence.js";
import type { ClientQuality } from "../domain/quality.js";
import type { Scope } from "../domain/Scope.js";
import { authenticateAccess } from "./authenticateAccess.js";
import { SignalingError } from "./errors.js";
import {
	type EndpointHealthInfo,
	type EndpointPresenceInfo,
	type PresenceClientToServerEvents,
	type PresenceRequestResults,
	type PresenceServerToClientEvents,
	presenceRequestSchemas,
} from "./presenceProtocol.js";
import { type RequestLimits, type RequestObserver, serveRequests } from "./serveRequests.js";

const endpointRoom = (endpointId: string) => `endpoint:${endpointId}`;

/**
 * The user's endpoint scope (it hears only of the endpoints and sessions it may see), and whether it
 * watches presence and health.
 */
type SocketData = { claims: TokenClaims; scope?: Scope; watcher?: boolean };
export type PresenceSocket = Socket<PresenceClientToServerEvents, PresenceServerToClientEvents, object, SocketData>;
export type PresenceServerNamespace = Namespace<
	PresenceClientToServerEvents,
	PresenceServerToClientEvents,
	object,
	SocketData
>;

/** Presence fed by the namespace's heartbeats (server/health/PresenceTracker implements it). */
export interface PresenceFeed {
	connected(endpointId: string): void;
	disconnected(endpointId: string): void;
	heartbeat(endpointId: string): void;
	all(): EndpointPresence[];
	on(event: "statechange", listener: (presence: EndpointPresence) => void): unknown;
}

/** Media health fed by the namespace's quality reports (server/health/EndpointHealth implements it). */
export interface HealthFeed {
	report(endpointId: string, report: ClientQuality): Promise<HealthState>;
	on(event: "statuschange", listener: (state: HealthState) => void): unknown;
}

export interface PresenceNamespaceOptions {
	onRequest?: RequestObserver;
	/** Per-socket request rate and message size. */
	limits?: RequestLimits;
	tokens: TokenVerifier;
	tracker: PresenceFeed;
	health: HealthFeed;
	heartbeatMs: number;
	/** The endpoints a user may see (everything for the central office, a province's subtree, …). */
	scopeOf: (claims: TokenClaims) => Promise<Scope>;
	logger: Logger;
}

function toPresenceInfo(p: EndpointPresence): EndpointPresenceInfo {
	return {
		endpointId: p.endpointId,
		state: p.state,
		lastSeen: p.lastSeen.toISOString(),
		connections: p.connections,
		...(p.reason ? { reason: p.reason } : {}),
	};
}

function toHealthInfo(h: HealthState): EndpointHealthInfo {
	return {
		endpointId: h.endpointId,
		...(h.sessionId ? { sessionId: h.sessionId } : {}),
		at: h.at.toISOString(),
		status: h.status,
		reasons: h.reasons,
	};
}

/** Serves `/presence`: heartbeats and quality reports in, presence and health changes out to watchers. */
export function servePresence(namespace: PresenceServerNamespace, options: PresenceNamespaceOptions): void {
	const { tracker, health, heartbeatMs, logger } = options;
	namespace.use(authenticateAccess(options.tokens));
	namespace.use((socket, next) => {
		const { claims } = socket.data;
		socket.data.watcher = can(claims, "watch", { type: "health" });
		options
			.scopeOf(claims)
			.then((scope) => {
				socket.data.scope = scope;
				next();
			})
			.catch((err: Error) => next(err));
	});
	tracker.on("statechange", (presence) => {
		toWatchers(namespace, presence.endpointId, (s) => s.emit("presenceChanged", toPresenceInfo(presence)));
	});
	health.on("statuschange", (state) => {
		toWatchers(namespace, state.endpointId, (s) => s.emit("healthChanged", toHealthInfo(state)));
	});

	namespace.on("connection", (socket: PresenceSocket) => {
		const { claims } = socket.data;
		const log = logger.child({ endpointId: claims.endpointId, userId: claims.sub });
		const { scope } = socket.data;
		socket.join(endpointRoom(claims.endpointId));
		tracker.connected(claims.endpointId);
		const visible = scope && socket.data.watcher ? tracker.all().filter((p) => scope.covers([p.endpointId])) : [];
		socket.emit("welcome", { heartbeatMs, endpoints: visible.map(toPresenceInfo) });
		socket.on("disconnect", (reason) => {
			tracker.disconnected(claims.endpointId);
			log.debug({ reason }, "presence disconnected");
		});

		serveRequests<typeof presenceRequestSchemas, PresenceRequestResults>(
			socket,
			presenceRequestSchemas,
			{
				heartbeat: async ({ sentAt }) => {
					tracker.heartbeat(claims.endpointId);
					return { sentAt, serverTime: Date.now() };
				},
				qualityReport: async (report) => {
					tracker.heartbeat(claims.endpointId);
					return toHealthInfo(await health.report(claims.endpointId, report));
				},
				requestCheck: async ({ endpointId }) => {
					if (!can(claims, "check", { type: "health" })) {
						throw new SignalingError("FORBIDDEN", "only IT staff request checks remotely");
					}
					if (!scope?.covers([endpointId])) {
						throw new SignalingError("FORBIDDEN", `endpoint ${endpointId} is outside your endpoint scope`);
					}
					const room = namespace.to(endpointRoom(endpointId));
					room.emit("checkRequested", { by: claims.name });
					return { clients: (await room.fetchSockets()).length };
				},
			},
			log,
			{ onRequest: options.onRequest, limits: options.limits },
		);
	});
}

/** Sends to every watcher whose scope covers the endpoint. */
export function toWatchers(
	namespace: PresenceServerNamespace,
	endpointId: string,
	send: (socket: PresenceSocket) => void,
): void {
	for (const socket of namespace.sockets.values()) {
		if (socket.data.watcher && socket.data.scope?.covers([endpointId])) send(socket);
	}
}

/** Sends to every client, watcher or not, whose scope covers any of these endpoints (a session's). */
export function toCovering(
	namespace: PresenceServerNamespace,
	endpointIds: readonly string[],
	send: (socket: PresenceSocket) => void,
): void {
	for (const socket of namespace.sockets.values()) if (socket.data.scope?.covers(endpointIds)) send(socket);
}
