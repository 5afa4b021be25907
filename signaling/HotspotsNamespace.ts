import type { Logger } from "pino";
import type { Namespace } from "socket.io";
import type { TokenClaims, TokenVerifier } from "../domain/identity.js";
import { can } from "../domain/permissions.js";
import type { Scope } from "../domain/Scope.js";
import { authenticateAccess, watcherScope } from "./authenticateAccess.js";
import { HandshakeError } from "./errors.js";
import type { HotspotChange, HotspotClientToServerEvents, HotspotServerToClientEvents } from "./hotspotsProtocol.js";

type SocketData = { claims: TokenClaims; scope?: Scope };
export type HotspotsServerNamespace = Namespace<
	HotspotClientToServerEvents,
	HotspotServerToClientEvents,
	object,
	SocketData
>;

export interface HotspotsNamespaceOptions {
	tokens: TokenVerifier;
	scopeOf: (claims: TokenClaims) => Promise<Scope>;
	logger: Logger;
}

/** Serves `/hotspots`: refuses who may not follow watch entries; returns how to push a change to those in scope. */
export function serveHotspots(
	namespace: HotspotsServerNamespace,
	options: HotspotsNamespaceOptions,
): (change: HotspotChange, reach: readonly string[]) => void {
	namespace.use(authenticateAccess(options.tokens));
	namespace.use(
		watcherScope(
			options.scopeOf,
			(claims) => can(claims, "watch", { type: "watches" }),
			(claims) => new HandshakeError("FORBIDDEN", `role ${claims.role} may not follow hot-spot watch entries`),
		),
	);
	namespace.on("connection", (socket) => {
		options.logger.debug({ userId: socket.data.claims.sub }, "hot-spot watcher connected");
	});
	return (change, reach) => {
		for (const socket of namespace.sockets.values()) {
			if (socket.data.scope?.covers([...reach])) socket.emit("hotspotChanged", change);
		}
	};
}
