import type { Logger } from "pino";
import type { Alerts } from "../alerts/Alerts.js";
import { InFlight } from "../InFlight.js";
import type { ReceptionSessionRecord } from "../records/models/ReceptionSession.js";
import type { EndpointHealth } from "./EndpointHealth.js";
import type { PresenceTracker } from "./PresenceTracker.js";

export interface AlertMonitorOptions {
	alerts: Alerts;
	presence: PresenceTracker;
	health: EndpointHealth;
	/** Sessions not yet ended whose planned start is before the given time. */
	upcomingSessions: (startsBefore: Date) => Promise<ReceptionSessionRecord[]>;
	/** How long before a session's start an offline participating endpoint raises an alert. */
	leadMs: number;
	checkEveryMs: number;
	logger: Logger;
	/** The platform's clock: when "shortly before its session" is. */
	now?: () => Date;
	/**
	 * In a cluster, the lease of the node that runs the periodic check (`ClusterLocks.lease`): every
	 * node sees every endpoint's presence, and two checking at once would open two groups of one alert.
	 */
	lease?: { held(): Promise<boolean> };
}

/**
 * Raises IT's health alerts into the one alert model: a participating endpoint offline shortly before
 * its session starts, or one failing during a session. It raises on each change into the bad state
 * (a flapping link counts in one group) and clears when the endpoint recovers.
 */
export class AlertMonitor {
	readonly #options: AlertMonitorOptions;
	/** Offline-before-session conditions raised: `${sessionId}:${endpointId}`. */
	readonly #offline = new Set<string>();
	/** Endpoints failing now, with their session. */
	readonly #failing = new Map<string, string>();
	readonly #timer: NodeJS.Timeout;
	readonly #inFlight = new InFlight();

	constructor(options: AlertMonitorOptions) {
		this.#options = options;
		const { alerts, logger } = options;
		const settle = (what: string) => (err: unknown) => logger.warn({ err }, `alert not ${what}`);
		this.#timer = setInterval(() => {
			if (!this.#inFlight.closed) this.#inFlight.track(this.tick()).catch(settle("checked"));
		}, options.checkEveryMs);
		this.#timer.unref();
		options.health.on("statuschange", (state) => {
			const was = this.#failing.get(state.endpointId);
			if (state.status === "failing" && state.sessionId) {
				this.#failing.set(state.endpointId, state.sessionId);
				alerts
					.raise("failing-during-session", state.endpointId, state.sessionId, { reasons: state.reasons })
					.catch(settle("raised"));
			} else if (was) {
				this.#failing.delete(state.endpointId);
				alerts.clear("failing-during-session", state.endpointId, was).catch(settle("cleared"));
			}
		});
		options.presence.on("statechange", (presence) => {
			if (presence.state !== "online") return;
			for (const key of this.#offline) if (key.endsWith(`:${presence.endpointId}`)) this.#offline.delete(key);
			alerts.clear("offline-before-session", presence.endpointId).catch(settle("cleared"));
		});
	}

	/** The periodic check, on the one node that holds the lease (always, alone); whether it ran here. */
	async tick(): Promise<boolean> {
		if (this.#options.lease && !(await this.#options.lease.held())) return false;
		await this.checkUpcoming();
		return true;
	}

	/** Participating endpoints of sessions starting within the lead time that are not online. */
	async checkUpcoming(now = (this.#options.now ?? (() => new Date()))()): Promise<void> {
		const { presence, leadMs, alerts } = this.#options;
		const sessions = await this.#options.upcomingSessions(new Date(now.getTime() + leadMs));
		for (const session of sessions) {
			for (const endpointId of new Set([session.hostEndpointId, ...session.participantEndpointIds])) {
				const key = `${session.entityId}:${endpointId}`;
				if ((presence.get(endpointId)?.state ?? "offline") !== "offline" || this.#offline.has(key)) continue;
				this.#offline.add(key);
				await alerts.raise("offline-before-session", endpointId, session.entityId, {
					sessionTitle: session.title,
					plannedStart: session.plannedStart.toISOString(),
				});
			}
		}
	}

	/** Stops checking and waits for a check under way (before the database closes). */
	async close(): Promise<void> {
		clearInterval(this.#timer);
		await this.#inFlight.close();
	}
}
