import type { Alert } from "../../domain/alerts.js";
import type { EndpointPresence, HealthState } from "../../domain/presence.js";
import type { ClientQuality } from "../../domain/quality.js";
import type { HealthFeed, PresenceFeed, PresenceServerNamespace } from "../../signaling/PresenceNamespace.js";
import type { ServerRelay } from "../../signaling/sockets.js";
import type { Alerts } from "../alerts/Alerts.js";
import type { EndpointHealth } from "../health/EndpointHealth.js";
import type { PresenceTracker } from "../health/PresenceTracker.js";

type PresenceInput = "connected" | "disconnected" | "heartbeat";

export interface SharedFeeds {
	presence: PresenceFeed;
	health: HealthFeed;
	alerts: { on(event: "changed", listener: (alert: Alert) => void): unknown };
}

/**
 * What IT staff watch, shared by every node of a cluster: each node's tracker hears every node's
 * connections and heartbeats (so presence, the REST view and the alert monitor see every endpoint
 * wherever its sockets are), and health and alert changes reach the watchers on every node.
 */
export function sharedFeeds(
	namespace: PresenceServerNamespace,
	local: { tracker: PresenceTracker; health: EndpointHealth; alerts: Alerts },
): SharedFeeds {
	const relay = namespace as unknown as ServerRelay;
	const { tracker, health, alerts } = local;
	relay.on("rb:presence", (kind: PresenceInput, endpointId: string) => {
		if (kind === "connected" || kind === "disconnected" || kind === "heartbeat") tracker[kind](endpointId);
	});
	health.on("statuschange", (state) => relay.serverSideEmit("rb:health", plainHealth(state)));
	alerts.on("changed", (alert) => relay.serverSideEmit("rb:alert", alert));
	const input = (kind: PresenceInput) => (endpointId: string) => {
		tracker[kind](endpointId);
		relay.serverSideEmit("rb:presence", kind, endpointId);
	};
	return {
		presence: {
			connected: input("connected"),
			disconnected: input("disconnected"),
			heartbeat: input("heartbeat"),
			all: (): EndpointPresence[] => tracker.all(),
			on: (_event, listener) => tracker.on("statechange", listener),
		},
		health: {
			report: (endpointId: string, report: ClientQuality) => health.report(endpointId, report),
			on: (_event, listener) => {
				health.on("statuschange", listener);
				relay.on("rb:health", (state: HealthState) => listener({ ...state, at: new Date(state.at) }));
			},
		},
		alerts: {
			on: (_event, listener) => {
				alerts.on("changed", listener);
				relay.on("rb:alert", listener);
			},
		},
	};
}

/** What watchers are told of a health change (the samples behind it stay on the node that judged it). */
function plainHealth(state: HealthState): HealthState {
	const { endpointId, sessionId, at, status, reasons } = state;
	return { endpointId, ...(sessionId ? { sessionId } : {}), at, status, reasons } as HealthState;
}
