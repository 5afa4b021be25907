import type { Server, Socket } from "socket.io";
import type { TokenClaims } from "../domain/identity.js";
import type { ClientToServerEvents, ServerToClientEvents } from "./protocol.js";

/** Verified in the handshake: a session token always names its session. */
export type SessionClaims = TokenClaims & { sessionId: string };

export interface SocketData {
	claims: SessionClaims;
}

export type SessionServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type SessionSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
