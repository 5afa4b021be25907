import type { EndpointPresence, PresenceState } from "../../domain/presence.js";
import { type ListenerErrorLog, SafeEmitter } from "../../domain/SafeEmitter.js";

export type { EndpointPresence, PresenceState };

export interface PresenceTrackerOptions {
	/** Silence longer than this: degraded (heartbeats are late, the network is struggling). */
	degradedAfterMs: number;
	/** Silence longer than this: offline. */
	offlineAfterMs: number;
	/** How often silence is checked. */
	sweepMs: number;
	now?: () => number;
	/** Where a failing `statechange` listener is logged. */
	logger?: ListenerErrorLog;
}

export interface PresenceTrackerEvents {
	statechange: [presence: EndpointPresence, previous: PresenceState | null];
}

/**
 * Each endpoint's presence from its clients' heartbeats, in or out of a session. An endpoint that
 * goes silent turns degraded, then offline; its next heartbeat brings it back online.
 */
export class PresenceTracker extends SafeEmitter<PresenceTrackerEvents> {
	readonly #options: PresenceTrackerOptions;
	readonly #now: () => number;
	readonly #endpoints = new Map<string, EndpointPresence>();
	readonly #sweeper: NodeJS.Timeout;

	constructor(options: PresenceTrackerOptions) {
		super(options.logger);
		this.#options = options;
		this.#now = options.now ?? Date.now;
		this.#sweeper = setInterval(() => this.sweep(), options.sweepMs);
		this.#sweeper.unref();
	}

	connected(endpointId: string): void {
		const presence = this.#endpoints.get(endpointId);
		if (presence) presence.connections++;
		this.heartbeat(endpointId, presence ? 0 : 1);
	}

	disconnected(endpointId: string): void {
		const presence = this.#endpoints.get(endpointId);
		if (presence) presence.connections = Math.max(0, presence.connections - 1);
	}

	heartbeat(endpointId: string, newConnections = 0): void {
		const previous = this.#endpoints.get(endpointId);
		const presence: EndpointPresence = {
			endpointId,
			state: "online",
			lastSeen: new Date(this.#now()),
			connections: (previous?.connections ?? 0) + newConnections,
		};
		this.#endpoints.set(endpointId, presence);
		if (previous?.state !== "online") this.safeEmit("statechange", presence, previous?.state ?? null);
	}

	get(endpointId: string): EndpointPresence | undefined {
		return this.#endpoints.get(endpointId);
	}

	all(): EndpointPresence[] {
		return [...this.#endpoints.values()];
	}

	/** Re-evaluates every endpoint's silence; public so a test or a shutdown can force it. */
	sweep(): void {
		const now = this.#now();
		for (const presence of this.#endpoints.values()) {
			const silentMs = now - presence.lastSeen.getTime();
			const state: PresenceState =
				silentMs > this.#options.offlineAfterMs
					? "offline"
					: silentMs > this.#options.degradedAfterMs
						? "degraded"
						: "online";
			if (state === presence.state) continue;
			const previous = presence.state;
			presence.state = state;
			presence.reason = state === "online" ? undefined : `no heartbeat for ${Math.round(silentMs / 1000)} s`;
			this.safeEmit("statechange", { ...presence }, previous);
		}
	}

	close(): void {
		clearInterval(this.#sweeper);
	}
}
