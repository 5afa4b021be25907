import type { RequestName, SessionMoveReason } from "./protocol.js";
import type { ClosedHow } from "./SessionState.js";
import type { SessionClaims } from "./sockets.js";

/** A client's socket as another node sees it: its id (the adapter reaches it by id) and its claims. */
export interface SocketRef {
	id: string;
	claims: SessionClaims;
	/** The node holding the socket: when it is gone, so is the socket. */
	nodeId: string;
}

/** What one node asks of the node hosting a session. */
export type HostCall =
	| { kind: "request"; sessionId: string; name: RequestName; payload: unknown; socket: SocketRef }
	| { kind: "disconnected"; sessionId: string; socket: SocketRef; reason: string }
	| { kind: "close"; sessionId: string; how: ClosedHow }
	/** This node takes the session over: restore its seats and tell its sockets it moved. */
	| { kind: "takeover"; sessionId: string; reason: SessionMoveReason };

/**
 * Where a live session runs. A single process hosts every session itself; a cluster
 * (server/cluster/) places each on one node and carries the other nodes' calls to it.
 */
export interface SessionHosting {
	/** This node's name in the cluster ("local" for a single process). */
	readonly nodeId: string;
	/**
	 * Runs `call` where its session is hosted: `here()` when that is this node, otherwise on the
	 * hosting node (through its `serve` handler), answering what it answered. Only a `request` places
	 * a session nobody hosts yet; the other calls do nothing then.
	 */
	dispatch<T>(call: HostCall, here: () => Promise<T>): Promise<T>;
	/** Calls other nodes send to the sessions hosted here, and takeovers this node decides. */
	serve(handler: (call: HostCall) => Promise<unknown>): void;
	/** The session closed on this node (ended, or nobody left): nobody hosts it now. */
	released(sessionId: string): void;
}

/** The single process: every session is hosted here. */
export const SINGLE_PROCESS: SessionHosting = {
	nodeId: "local",
	dispatch: (_call, here) => here(),
	serve: () => undefined,
	released: () => undefined,
};
