/** Every Redis key and channel the cluster uses, in one place (docs/operations.md lists them). */
export const KEYS = {
	/** A node's registration, with its load; it expires unless renewed. */
	node: (nodeId: string) => `rb:node:${nodeId}`,
	/** Ids of every node that registered (expired ones are dropped by whoever notices). */
	nodes: "rb:nodes",
	/** The node hosting a live session. */
	host: (sessionId: string) => `rb:host:${sessionId}`,
	/** Ids of every hosted live session. */
	sessions: "rb:sessions",
	/** A live session's seats (signaling/SessionState.ts, SeatSnapshot). */
	seats: (sessionId: string) => `rb:seats:${sessionId}`,
	/** A live session's room state as the database has it (ended, removed, chair mutes), shared as a cache. */
	room: (sessionId: string) => `rb:room:${sessionId}`,
	/** Calls to a node, and the answers to its own calls. */
	calls: (nodeId: string) => `rb:call:${nodeId}`,
	answers: (nodeId: string) => `rb:answer:${nodeId}`,
	/** A cluster-wide lock or lease (ClusterLocks); redis-semaphore stores it as `mutex:rb:lock:<name>`. */
	lock: (name: string) => `rb:lock:${name}`,
} as const;
