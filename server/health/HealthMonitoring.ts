import type { Connection } from "mongoose";
import type { Logger } from "pino";
import type { TokenClaims } from "../../domain/identity.js";
import { can } from "../../domain/permissions.js";
import type { Scope } from "../../domain/Scope.js";
import type { MediaPeer } from "../../media/MediaPeer.js";
import { peerQuality } from "../../media/peerQuality.js";
import type { MediaSettings } from "../../media/SessionRouter.js";
import type { WorkerPool } from "../../media/WorkerPool.js";
import { type CheckServerNamespace, serveChecks } from "../../signaling/CheckNamespace.js";
import { CHECK_NAMESPACE, PRESENCE_NAMESPACE } from "../../signaling/namespaces.js";
import { type PresenceServerNamespace, servePresence, toWatchers } from "../../signaling/PresenceNamespace.js";
import type { RequestObserver } from "../../signaling/serveRequests.js";
import type { SessionServer } from "../../signaling/sockets.js";
import type { Alerts } from "../alerts/Alerts.js";
import type { TokenService } from "../auth/TokenService.js";
import { sharedFeeds } from "../cluster/sharedFeeds.js";
import type { Config } from "../config.js";
import { InFlight } from "../InFlight.js";
import type { ReceptionSessionRecord } from "../records/models/ReceptionSession.js";
import { socketLimits } from "../socketLimits.js";
import { AlertMonitor } from "./AlertMonitor.js";
import { ConnectivityChecks } from "./ConnectivityChecks.js";
import { EndpointHealth } from "./EndpointHealth.js";
import { HealthHistory } from "./HealthHistory.js";
import { PresenceTracker } from "./PresenceTracker.js";
import { QualityAssessor } from "./QualityAssessor.js";
import { turnCredentials } from "./TurnCredentials.js";

export interface HealthMonitoringDeps {
	connection: Connection;
	workers: WorkerPool;
	/** Media of the participants speaking for an endpoint, in live sessions. */
	mediaPeersOf: (endpointId: string) => MediaPeer[];
	upcomingSessions: (startsBefore: Date) => Promise<ReceptionSessionRecord[]>;
	/** The one alert model the health alerts are raised into. */
	alerts: Alerts;
	logger: Logger;
	/** The platform's clock. */
	now?: () => Date;
	/** In a cluster: the lease of the one node that runs the "offline before its session" check. */
	offlineCheckLease?: { held(): Promise<boolean> };
}

/** Endpoint presence, media health, connectivity checks and alerts: what IT staff watch. */
export class HealthMonitoring {
	readonly presence: PresenceTracker;
	readonly history: HealthHistory;
	readonly health: EndpointHealth;
	readonly checks: ConnectivityChecks;
	readonly alertMonitor: AlertMonitor;
	readonly #alerts: Alerts;
	readonly workers: WorkerPool;
	readonly #config: Config;
	readonly #logger: Logger;
	readonly #pruning: NodeJS.Timeout;
	readonly #inFlight = new InFlight();

	constructor(config: Config, deps: HealthMonitoringDeps) {
		this.#config = config;
		this.#logger = deps.logger;
		this.workers = deps.workers;
		this.presence = new PresenceTracker({
			degradedAfterMs: config.PRESENCE_DEGRADED_AFTER_MS,
			offlineAfterMs: config.PRESENCE_OFFLINE_AFTER_MS,
			sweepMs: Math.min(1000, config.PRESENCE_HEARTBEAT_MS),
			logger: deps.logger,
		});
		this.history = new HealthHistory(deps.connection, {
			retentionDays: config.HEALTH_HISTORY_DAYS,
			maxSamplesPerEndpoint: config.HEALTH_HISTORY_MAX_PER_ENDPOINT,
		});
		this.health = new EndpointHealth({
			assessor: new QualityAssessor(),
			history: this.history,
			serverView: async (endpointId) => {
				const [peer] = deps.mediaPeersOf(endpointId);
				return peer ? peerQuality(peer) : {};
			},
			sampleEveryMs: config.HEALTH_SAMPLE_EVERY_MS,
			logger: deps.logger,
		});
		// History is bounded by the application: FerretDB v1 has no TTL indexes.
		this.#pruning = setInterval(() => {
			this.#inFlight
				.track(this.history.prune())
				.then((deleted) => deleted > 0 && deps.logger.info({ deleted }, "health history pruned"))
				.catch((err: unknown) => deps.logger.warn({ err }, "health history not pruned"));
		}, config.HEALTH_PRUNE_EVERY_MS);
		this.#pruning.unref();
		this.checks = new ConnectivityChecks(deps.connection);
		this.#alerts = deps.alerts;
		this.alertMonitor = new AlertMonitor({
			alerts: deps.alerts,
			presence: this.presence,
			health: this.health,
			upcomingSessions: deps.upcomingSessions,
			leadMs: config.ALERT_OFFLINE_LEAD_MIN * 60_000,
			checkEveryMs: config.ALERT_CHECK_EVERY_MS,
			logger: deps.logger,
			...(deps.now ? { now: deps.now } : {}),
			...(deps.offlineCheckLease ? { lease: deps.offlineCheckLease } : {}),
		});
	}

	/** Serves the `/presence` and `/check` namespaces on the platform's Socket.IO server. */
	attach(
		io: SessionServer,
		tokens: TokenService,
		media: MediaSettings,
		scopeOf: (claims: TokenClaims) => Promise<Scope>,
		onRequest: RequestObserver,
	): void {
		const config = this.#config;
		// Namespaces carry their own event maps; the server is typed for the session namespace.
		const presence = io.of(PRESENCE_NAMESPACE) as unknown as PresenceServerNamespace;
		// In a cluster every node's watchers see every node's endpoints (server/cluster/sharedFeeds.ts).
		const feeds = config.REDIS_URL
			? sharedFeeds(presence, { tracker: this.presence, health: this.health, alerts: this.#alerts })
			: { presence: this.presence, health: this.health, alerts: this.#alerts };
		feeds.alerts.on("changed", (alert) =>
			toWatchers(presence, alert.endpointId, (s) => {
				if (can(s.data.claims, "watch", { type: "alerts" })) s.emit("alert", alert);
			}),
		);
		servePresence(presence, {
			tokens,
			tracker: feeds.presence,
			health: feeds.health,
			heartbeatMs: config.PRESENCE_HEARTBEAT_MS,
			scopeOf,
			limits: socketLimits(config),
			onRequest,
			logger: this.#logger,
		});
		serveChecks(io.of(CHECK_NAMESPACE) as unknown as CheckServerNamespace, {
			tokens,
			workers: this.workers,
			media,
			checks: this.checks,
			iceServers: (userId) => turnCredentials(config.TURN_URLS, config.TURN_SECRET, userId, config.SESSION_TOKEN_TTL_S),
			maxChecksPerUser: config.CHECKS_PER_USER,
			limits: socketLimits(config),
			onRequest,
			logger: this.#logger,
		});
	}

	get connectedEndpoints(): number {
		return this.presence.all().filter((p) => p.connections > 0).length;
	}

	/** Stops its timers and waits for their passes under way (before the database closes). */
	async close(): Promise<void> {
		clearInterval(this.#pruning);
		this.presence.close();
		await Promise.all([this.alertMonitor.close(), this.#inFlight.close()]);
	}
}
