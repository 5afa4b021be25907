import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { describeReason } from "../../domain/healthReason.js";
import type { HealthAlert } from "../../signaling/presenceProtocol.js";
import type { ReceptionSessionRecord } from "../records/models/ReceptionSession.js";
import type { EndpointHealth } from "./EndpointHealth.js";
import type { PresenceTracker } from "./PresenceTracker.js";

export interface AlertMonitorOptions {
	presence: PresenceTracker;
	health: EndpointHealth;
	/** Sessions not yet ended whose planned start is before the given time. */
	upcomingSessions: (startsBefore: Date) => Promise<ReceptionSessionRecord[]>;
	/** How long before a session's start an offline participating endpoint raises an alert. */
	leadMs: number;
	checkEveryMs: number;
	/** Recent alerts kept for the dashboard. */
	keep: number;
	logger: Logger;
}

export interface AlertMonitorEvents {
	alert: [alert: HealthAlert];
}

/**
 * Raises alerts for IT staff: a participating endpoint offline shortly before its session starts,
 * or one failing during a session. Each alert is raised once until the endpoint recovers.
 */
export class AlertMonitor extends EventEmitter<AlertMonitorEvents> {
	readonly #options: AlertMonitorOptions;
	readonly #raised = new Set<string>();
	readonly #recent: HealthAlert[] = [];
	readonly #timer: NodeJS.Timeout;

	constructor(options: AlertMonitorOptions) {
		super();
		this.#options = options;
		this.#timer = setInterval(() => {
			this.checkUpcoming().catch((err: unknown) => options.logger.warn({ err }, "alert check failed"));
		}, options.checkEveryMs);
		this.#timer.unref();
		options.health.on("statuschange", (state) => {
			const key = `failing:${state.sessionId}:${state.endpointId}`;
			if (state.status !== "failing" || !state.sessionId) {
				this.#raised.delete(key);
				return;
			}
			this.#raise(key, {
				kind: "failing-during-session",
				endpointId: state.endpointId,
				sessionId: state.sessionId,
				message: `endpoint ${state.endpointId} is failing: ${state.reasons.map(describeReason).join("; ")}`,
				reasons: state.reasons,
			});
		});
	}

	get recent(): HealthAlert[] {
		return [...this.#recent];
	}

	/** Participating endpoints of sessions starting within the lead time that are not online. */
	async checkUpcoming(now = new Date()): Promise<void> {
		const { presence, leadMs } = this.#options;
		const sessions = await this.#options.upcomingSessions(new Date(now.getTime() + leadMs));
		for (const session of sessions) {
			for (const endpointId of new Set([session.hostEndpointId, ...session.participantEndpointIds])) {
				const key = `offline:${session.entityId}:${endpointId}`;
				const state = presence.get(endpointId)?.state ?? "offline";
				if (state !== "offline") {
					this.#raised.delete(key);
					continue;
				}
				const minutes = Math.max(0, Math.round((session.plannedStart.getTime() - now.getTime()) / 60_000));
				this.#raise(key, {
					kind: "offline-before-session",
					endpointId,
					sessionId: session.entityId,
					message: `endpoint ${endpointId} is offline; session "${session.title}" starts in ${minutes} min`,
					sessionTitle: session.title,
					minutesToStart: minutes,
				});
			}
		}
	}

	close(): void {
		clearInterval(this.#timer);
	}

	#raise(key: string, alert: DistributiveOmit<HealthAlert, "at">): void {
		if (this.#raised.has(key)) return;
		this.#raised.add(key);
		const full = { ...alert, at: new Date().toISOString() } as HealthAlert;
		this.#recent.unshift(full);
		this.#recent.length = Math.min(this.#recent.length, this.#options.keep);
		this.#options.logger.warn({ alert: full }, "endpoint alert");
		this.emit("alert", full);
	}
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
