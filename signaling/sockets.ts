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

/**
 * What a seat needs of its socket: a local Socket.IO socket, or one on another node of a cluster
 * reached through the adapter (signaling/remoteSocket.ts). Compared by `id`, never by identity.
 */
export interface SeatSocket {
	readonly id: string;
	/** The cluster node holding a socket of another node; absent for this node's own sockets. */
	readonly nodeId?: string;
	readonly data: SocketData;
	emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): unknown;
	join(room: string): unknown;
	leave(room: string): unknown;
	disconnect(close?: boolean): unknown;
}

/** Socket.IO's server-side events between the nodes of a cluster (carried by the adapter). */
export type ServerRelay = {
	serverSideEmit(event: string, ...args: unknown[]): unknown;
	on(event: string, listener: (...args: never[]) => void): unknown;
};
