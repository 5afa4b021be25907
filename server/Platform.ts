import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import querystring from "node:querystring";
import express, { type Express } from "express";
import helmet from "helmet";
import { DEFAULT_SHIFT_SETTINGS } from "../domain/duty.js";
import { fieldCatalogue } from "../domain/register.js";
import { isOver, UPCOMING_STATUSES } from "../domain/sessionLifecycle.js";
import { wellFormedInput } from "../domain/wellFormed.js";
import { WorkerPool } from "../media/WorkerPool.js";
import type { AttendanceRecorder } from "../signaling/AttendanceRecorder.js";
import { PRESENCE_NAMESPACE } from "../signaling/namespaces.js";
import type { PresenceServerNamespace } from "../signaling/PresenceNamespace.js";
import { SignalingServer } from "../signaling/SignalingServer.js";
import { Alerts } from "./alerts/Alerts.js";
import { AlertAccess } from "./alerts/alertAccess.js";
import { RefreshTokens } from "./auth/RefreshTokens.js";
import { TokenService } from "./auth/TokenService.js";
import { Clock } from "./Clock.js";
import { Cluster } from "./cluster/Cluster.js";
import type { Config } from "./config.js";
import { Database } from "./db/Database.js";
import { databaseNameIn } from "./db/databaseName.js";
import { EmbeddedDatabase } from "./db/EmbeddedDatabase.js";
import { documentFonts } from "./documents/fonts.js";
import { AlertDispatcher } from "./duty/AlertDispatcher.js";
import { DutyRoster } from "./duty/DutyRoster.js";
import { Mailer } from "./duty/Mailer.js";
import { raiseSessionRequests } from "./duty/sessionRequestAlerts.js";
import { ConfigError } from "./errors.js";
import { HealthMonitoring } from "./health/HealthMonitoring.js";
import { seedDemoHotspots } from "./hotspots/demoHotspots.js";
import { Hotspots } from "./hotspots/Hotspots.js";
import { apiRoutes } from "./http/apiRoutes.js";
import { clientRoutes } from "./http/clientRoutes.js";
import { errorHandler } from "./http/errorHandler.js";
import { healthRoutes } from "./http/healthRoutes.js";
import { IdempotentAnswers } from "./http/IdempotentAnswers.js";
import { metricsRoutes } from "./http/metricsRoutes.js";
import { InFlight } from "./InFlight.js";
import { RecordDirectory } from "./live/RecordDirectory.js";
import { StoredSessionState } from "./live/StoredSessionState.js";
import { feedSessionChanges } from "./live/sessionFeed.js";
import type { Logger } from "./logger.js";
import { Metrics } from "./metrics/Metrics.js";
import { NationalDbExchange } from "./nationaldb/NationalDbExchange.js";
import { seedDemo } from "./records/demoTopology.js";
import { EndpointTree } from "./records/EndpointTree.js";
import { Records } from "./records/Records.js";
import { transitionChanges } from "./records/SessionLifecycle.js";
import { auditCheckpointDir, auditKeyOf, demoPassword, trialJwtSecret } from "./records/secrets.js";
import { seedDemoRegister } from "./register/demoRegister.js";
import { TaskReminders } from "./register/TaskReminders.js";
import { Reports } from "./reports/Reports.js";
import { complianceSettings } from "./sessions/compliance/complianceSettings.js";
import { socketLimits } from "./socketLimits.js";

export interface PlatformOptions {
	/** The base of the platform's one clock (`Platform.clock`); tests control it. */
	now?: () => Date;
}

/**
 * The whole server process: database (embedded unless MONGODB_URI is set), mediasoup workers and
 * the HTTP listener, started in that order and stopped in reverse.
 */
export class Platform {
	readonly config: Config;
	readonly logger: Logger;
	readonly database: Database;
	readonly workers: WorkerPool;
	readonly embeddedDatabase: EmbeddedDatabase | null;
	readonly app: Express;
	readonly httpServer: http.Server;
	readonly tokens: TokenService;
	readonly records: Records;
	/** Where signalling hands attendance facts: journalled on disk, written to the database exactly once. */
	readonly attendance: AttendanceRecorder;
	readonly metrics: Metrics;
	readonly signaling: SignalingServer;
	readonly monitoring: HealthMonitoring;
	/** The one alert model every module raises into. */
	readonly alerts: Alerts;
	/** The one clock: task states, reminders, printing dates, hot-spot rules, alert times (a test moves it). */
	readonly clock: Clock;
	readonly taskReminders: TaskReminders;
	/** The outbox to the national database and its adapter (docs/nationaldb.md). */
	readonly nationalDb: NationalDbExchange;
	/** Peak periods, duty rosters, and alerts taken to the person on duty (docs/duty.md). */
	readonly duty: DutyRoster;
	readonly dispatcher: AlertDispatcher;
	readonly #mailer: Mailer;
	/** Statistics over the record (docs/reports.md). */
	readonly reports: Reports;
	/** The hot-spot watch: watch entries, developments, working groups, boards, feed, clock alerts. */
	readonly hotspots: Hotspots;
	/** This process as one node of several (REDIS_URL set); null in the single-process default. */
	readonly cluster: Cluster | null;
	#stopping: Promise<void> | null = null;
	/** The platform's own handlers' work under way (alerts cleared when a session ends). */
	readonly #inFlight = new InFlight();

	constructor(config: Config, logger: Logger, options: PlatformOptions = {}) {
		this.clock = new Clock(options.now);
		const now = () => this.clock.now();
		this.config = config;
		this.logger = logger;
		this.database = new Database(logger);
		const announcedIp = config.RTC_ANNOUNCED_IP ?? defaultAnnouncedIp(config.RTC_LISTEN_IP);
		this.cluster = config.REDIS_URL
			? new Cluster({
					redisUrl: config.REDIS_URL,
					nodeId: config.NODE_ID,
					ttlMs: config.NODE_TTL_MS,
					callTimeoutMs: config.CLUSTER_CALL_TIMEOUT_MS,
					lockWaitMs: config.CLUSTER_LOCK_WAIT_MS,
					mediaAddress: announcedIp ?? config.RTC_LISTEN_IP,
					logger,
				})
			: null;
		this.embeddedDatabase = config.MONGODB_URI
			? null
			: new EmbeddedDatabase({ binary: config.FERRETDB_BIN, dataDir: config.RB_DATA_DIR, logger });
		this.workers = new WorkerPool({
			size: config.MEDIASOUP_WORKERS,
			logLevel: config.MEDIASOUP_LOG_LEVEL,
			respawnDelayMs: config.WORKER_RESPAWN_DELAY_MS,
			webRtc: {
				listenIp: config.RTC_LISTEN_IP,
				announcedIp,
				udpPortBase: config.RTC_UDP_PORT_BASE,
				tcpPortBase: config.RTC_TCP_PORT_BASE,
				protocols: config.RTC_PROTOCOLS,
			},
			logger,
		});
		// A deployment on its own database is not a trial: its tokens are signed with a secret someone chose.
		if (config.MONGODB_URI && !config.JWT_SECRET) {
			throw new ConfigError(["JWT_SECRET: required with MONGODB_URI (see docs/operations.md, Hardening)"]);
		}
		if (!config.JWT_SECRET) logger.warn("JWT_SECRET unset: using the trial's secret in the data folder");
		this.tokens = new TokenService({
			secret: config.JWT_SECRET ?? trialJwtSecret(config),
			accessTtlSeconds: config.ACCESS_TOKEN_TTL_S,
			refreshTtlSeconds: config.REFRESH_TOKEN_TTL_S,
			sessionTtlSeconds: config.SESSION_TOKEN_TTL_S,
		});
		this.records = new Records({
			connection: this.database.connection,
			logger,
			journalDir: config.RB_JOURNAL_DIR ?? path.join(config.RB_DATA_DIR, "journal"),
			writeWaitMs: config.RECORD_WRITE_WAIT_MS,
			journalMaxPending: config.JOURNAL_MAX_PENDING,
			journalMaxBytes: config.JOURNAL_MAX_BYTES,
			auditKey: auditKeyOf(config, logger),
			checkpointDir: auditCheckpointDir(config),
			checkpointEveryMs: config.AUDIT_CHECKPOINT_EVERY_MS,
			soleWriter: !config.MONGODB_URI,
		});
		this.attendance = this.records.attendance;
		this.alerts = new Alerts(this.database.connection, {
			regroupMs: config.ALERT_REGROUP_MIN * 60_000,
			retentionMs: config.ALERT_RETENTION_DAYS * 86_400_000,
			pruneEveryMs: config.HEALTH_PRUNE_EVERY_MS,
			logger,
			now,
		});
		this.taskReminders = new TaskReminders({
			records: this.records,
			connection: this.database.connection,
			alerts: this.alerts,
			now,
			everyMs: config.TASK_REMINDER_EVERY_MS,
			logger,
		});
		// A session that ends or is cancelled clears its alerts, whoever stepped it (a route, the room).
		this.records.writer.on("written", ({ model, document }) => {
			if (model !== "ReceptionSession" || !isOver(String(document.status))) return;
			this.#inFlight
				.track(this.alerts.clearSession(String(document.entityId)))
				.catch((err: unknown) => logger.warn({ err }, "alerts of an ended session not cleared"));
		});
		raiseSessionRequests(this.records.writer, this.alerts, logger);
		this.duty = new DutyRoster(this.records, DEFAULT_SHIFT_SETTINGS);
		const alertAccess = new AlertAccess(this.records);
		this.#mailer = new Mailer({ url: config.SMTP_URL, from: config.SMTP_FROM });
		this.dispatcher = new AlertDispatcher({
			connection: this.database.connection,
			alerts: this.alerts,
			roster: this.duty,
			mailer: this.#mailer,
			escalateAfterMs: config.DUTY_ESCALATE_AFTER_MS,
			sweepEveryMs: config.DUTY_SWEEP_EVERY_MS,
			endpointName: async (id) => (await this.records.endpoints.current(id)).name,
			mayRead: (userId, alert) => alertAccess.userMayRead(userId, alert.endpointId),
			// One node dispatches: two would each send the same e-mail (deliveries are keyed besides).
			...(this.cluster ? { lease: this.cluster.locks.lease("alert-dispatch") } : {}),
			logger,
			now,
		});
		this.reports = new Reports({
			connection: this.database.connection,
			records: this.records,
			fields: fieldCatalogue(config.REGISTER_EXTRA_FIELDS),
			cutoffDay: config.REPORT_CUTOFF_DAY,
			soleWriter: !config.MONGODB_URI,
			// Several nodes sweep into the same month rows: one at a time.
			...(this.cluster ? { exclusive: this.cluster.locks.exclusive("report-sweep") } : {}),
		});
		this.nationalDb = new NationalDbExchange({
			connection: this.database.connection,
			records: this.records,
			logger,
			mode: config.NATIONAL_DB_MODE,
			http: config.NATIONAL_DB_URL
				? {
						url: config.NATIONAL_DB_URL,
						username: config.NATIONAL_DB_USERNAME,
						password: config.NATIONAL_DB_PASSWORD,
						token: config.NATIONAL_DB_TOKEN,
						timeoutMs: config.NATIONAL_DB_TIMEOUT_MS,
					}
				: null,
			exportDir: config.NATIONAL_DB_EXPORT_DIR ?? path.join(config.RB_DATA_DIR, "nationaldb"),
			batchSize: config.NATIONAL_DB_BATCH_SIZE,
			retry: { minMs: config.NATIONAL_DB_RETRY_MIN_MS, maxMs: config.NATIONAL_DB_RETRY_MAX_MS },
			everyMs: config.NATIONAL_DB_EVERY_MS,
			instance: os.hostname(),
			soleWriter: !config.MONGODB_URI,
		});
		this.monitoring = new HealthMonitoring(config, {
			alerts: this.alerts,
			connection: this.database.connection,
			workers: this.workers,
			mediaPeersOf: (endpointId) => this.signaling.mediaPeersOf(endpointId),
			upcomingSessions: (startsBefore) =>
				this.records.sessions.find({
					status: { $in: UPCOMING_STATUSES },
					plannedStart: { $lte: startsBefore },
				}),
			...(this.cluster ? { offlineCheckLease: this.cluster.locks.lease("offline-check") } : {}),
			logger,
			now,
		});
		const tree = new EndpointTree(this.records.endpoints);
		this.hotspots = new Hotspots({
			connection: this.database.connection,
			records: this.records,
			alerts: this.alerts,
			logger,
			now,
			checkEveryMs: config.HOTSPOT_CHECK_EVERY_MS,
		});
		const media = {
			maxIncomingBitrate: config.RTC_MAX_INCOMING_BITRATE,
			speakerIntervalMs: config.ACTIVE_SPEAKER_INTERVAL_MS,
			spread: { policy: config.SESSION_SPREAD, consumersPerWorker: config.SESSION_SPREAD_CONSUMERS },
		};
		const app = express();
		this.app = app;
		app.disable("x-powered-by");
		// Express's "simple" parser, with every name and value well-formed NFC text like the bodies.
		app.set("query parser", (query: string) => wellFormedInput(querystring.parse(query), "query"));
		// Behind a reverse proxy the client's address (audit log, sign-in limits) is in X-Forwarded-For.
		app.set("trust proxy", config.TRUST_PROXY);
		// Security headers; the app loads only its own scripts and talks only to this origin.
		app.use(
			helmet({
				contentSecurityPolicy: {
					directives: {
						"script-src": ["'self'"],
						"style-src": ["'self'", "'unsafe-inline'"],
						"img-src": ["'self'", "data:", "blob:"],
						"media-src": ["'self'", "blob:"],
						// 'self' covers this origin's ws: and wss: too (CSP 3): no socket to any other host.
						"connect-src": ["'self'"],
						"frame-src": ["'self'", "blob:"],
						// Endpoints on a LAN may be served over plain HTTP behind the office firewall.
						"upgrade-insecure-requests": null,
					},
				},
				// HTTPS is the proxy's business; HSTS from here would pin plain-HTTP test setups.
				strictTransportSecurity: false,
			}),
		);
		app.use(
			healthRoutes({
				database: () => this.database.readiness(config.DB_READY_TIMEOUT_MS),
				workers: () => this.workers.status(),
			}),
		);
		this.metrics = new Metrics({ workers: this.workers });
		const countRequest = (event: string, code?: string) => {
			this.metrics.signalingEvents.inc({ event });
			if (code) this.metrics.signalingErrors.inc({ event, code });
		};
		app.use(metricsRoutes(this.metrics, config.METRICS_TOKEN));
		app.use(
			"/api",
			apiRoutes(
				{
					records: this.records,
					tree,
					nationalDb: this.nationalDb,
					reports: this.reports,
					tokens: this.tokens,
					refreshTokens: new RefreshTokens(this.database.connection, config.REFRESH_TOKEN_TTL_S),
					idempotentAnswers: new IdempotentAnswers(this.database.connection, {
						retentionMs: config.IDEMPOTENCY_RETENTION_H * 3_600_000,
						abandonedAfterMs: 60_000,
						waitMs: config.RECORD_WRITE_WAIT_MS * 2,
					}),
					register: {
						fields: fieldCatalogue(config.REGISTER_EXTRA_FIELDS),
						delegationRule: config.REGISTER_DELEGATION_RULE,
						now,
					},
					live: {
						closeSession: (sessionId, how) => this.signaling.closeSession(sessionId, how),
						disconnectUser: (userId) => this.signaling.disconnectUser(userId),
					},
					levels: config.ENDPOINT_LEVELS,
					bcryptRounds: config.BCRYPT_ROUNDS,
					loginLimit: {
						attempts: config.LOGIN_MAX_FAILURES,
						accountAttempts: config.LOGIN_ACCOUNT_MAX_FAILURES,
						windowMs: config.LOGIN_WINDOW_MS,
						maxTrackedKeys: config.LOGIN_TRACKED_KEYS,
					},
					documentFonts: documentFonts(config.DOCUMENT_FONT_DIR),
					compliance: complianceSettings(config),
				},
				{
					logger,
					health: this.monitoring,
					alerts: this.alerts,
					hotspots: { service: this.hotspots, writesPerMinute: config.HOTSPOT_WRITES_PER_MINUTE },
					duty: { roster: this.duty, dispatcher: this.dispatcher, dailyReportDue: config.DUTY_DAILY_REPORT_DUE, now },
					taskReminders: this.taskReminders,
				},
			),
		);
		app.use(clientRoutes(config.CLIENT_DIR));
		// A body express.json refused (malformed, over 1 MB) never reaches a router: answered here, in JSON.
		app.use(errorHandler(logger));
		this.httpServer = http.createServer(app);
		this.signaling = new SignalingServer({
			httpServer: this.httpServer,
			tokens: this.tokens,
			workers: this.workers,
			attendance: this.attendance,
			media,
			reconnectGraceMs: config.RECONNECT_GRACE_MS,
			lobbyEnabled: config.SESSION_LOBBY === "on",
			limits: socketLimits(config),
			directory: new RecordDirectory(this.records),
			// A cluster shares the state through Redis over the database's (read uncached: other nodes write it too).
			state: this.cluster
				? this.cluster.sessionState(new StoredSessionState(this.database.connection, 0))
				: new StoredSessionState(this.database.connection),
			...(this.cluster ? { adapter: this.cluster.adapter(), hosting: this.cluster.hosting } : {}),
			onRequest: countRequest,
			onSessionEnded: (sessionId, reason, byUserId) => {
				if (reason === "ended-by-chair") void this.#recordEnded(sessionId, byUserId);
			},
			logger,
		});
		this.monitoring.attach(this.signaling.io, this.tokens, media, (claims) => tree.scopeOf(claims), countRequest);
		this.hotspots.attach(this.signaling.io, this.tokens, (claims) => tree.scopeOf(claims), logger);
		feedSessionChanges({
			writer: this.records.writer,
			sessions: this.records.sessions,
			presence: this.signaling.io.of(PRESENCE_NAMESPACE) as unknown as PresenceServerNamespace,
			logger,
		});
		this.metrics.addSources({
			media: () => this.signaling.counts(),
			connectedEndpoints: () => this.monitoring.connectedEndpoints,
			pendingRecordWrites: () => this.records.writer.pendingCount,
		});
	}

	get port(): number {
		return (this.httpServer.address() as AddressInfo).port;
	}

	async start(): Promise<void> {
		if (this.embeddedDatabase) await this.embeddedDatabase.start();
		const uri = this.config.MONGODB_URI ?? this.embeddedDatabase?.uri ?? "";
		// A database named in the URI wins; otherwise MONGODB_DB.
		const dbName = databaseNameIn(uri) ?? this.config.MONGODB_DB;
		this.records.openJournal(dbName);
		await this.database.connect(uri, dbName);
		await this.records.start();
		this.taskReminders.start();
		await this.nationalDb.start();
		await this.reports.init();
		// The embedded default is for trying the platform: give it the demo topology at once.
		if (this.config.DEMO_SEED === "auto" && !this.config.MONGODB_URI) {
			// Not the password published in the repository: one made for this machine, shown once.
			const password = demoPassword(this.config.RB_DATA_DIR);
			const demo = await seedDemo(this.records, this.config.BCRYPT_ROUNDS, new Date(), password.value);
			if (demo.seeded) {
				await seedDemoRegister(this.records, demo);
				await seedDemoHotspots(this.records, demo, this.logger, this.clock.now());
				// Printed this once; afterwards it is read from the file.
				this.logger.warn(
					{ users: Object.keys(demo.users), password: password.value, passwordFile: password.file },
					"demo topology loaded: every demo user signs in with this password (see README.md)",
				);
			}
		}
		await this.workers.start();
		await this.cluster?.start(this.signaling);
		this.httpServer.listen(this.config.PORT, this.config.HOST);
		await once(this.httpServer, "listening");
		this.logger.info({ port: this.port }, "platform ready to accept connections");
		// The first catch-up after a start reads the audit log whole (no in-memory tail yet): done now,
		// in the background, not by whoever asks for the first report.
		this.#inFlight
			.track(this.reports.facts.catchUp())
			.catch((err: unknown) => this.logger.warn({ err }, "statistics not caught up at start"));
	}

	/** The chair ended the live session: its record steps from live to ended, by the chair. */
	async #recordEnded(sessionId: string, byUserId: string | undefined): Promise<void> {
		const { sessions } = this.records;
		try {
			const session = await sessions.current(sessionId);
			if (session.status !== "live") return;
			await sessions.revise(
				sessionId,
				transitionChanges(session, { to: "ended" }),
				{ kind: "transition", reason: "ended by the chair in the live session" },
				{ userId: byUserId ?? "signalling", role: "chair", origin: "signalling" },
			);
		} catch (err) {
			// A session without a record (or one already stepped on) has nothing to follow.
			this.logger.info({ err, sessionId }, "session record not stepped to ended");
		}
	}

	/** Idempotent: stop accepting, let open requests finish, then release workers and the database. */
	stop(): Promise<void> {
		this.#stopping ??= this.#stop();
		return this.#stopping;
	}

	async #stop(): Promise<void> {
		this.logger.info("platform stopping");
		// Stop listening first: the load balancer sends every reconnection to the other nodes.
		const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
		// A node of a cluster then hands its sessions to the others (a drain: nobody sees them end).
		if (this.cluster)
			await this.cluster.drain(this.signaling).catch((err: unknown) => this.logger.warn({ err }, "drain failed"));
		// Live sessions end (and are recorded) while their workers and the database are still up.
		await this.signaling.close();
		// Periodic passes stop, and those under way finish, while Redis and the database are still up.
		await Promise.all([
			this.monitoring.close(),
			this.taskReminders.stop(),
			this.alerts.close(),
			this.hotspots.close(),
			this.dispatcher.close(),
		]);
		await this.cluster?.stop();
		this.#mailer.close();
		this.httpServer.closeIdleConnections();
		await closed;
		this.workers.close();
		await this.nationalDb.stop();
		// Pending record writes get half the shutdown budget; what remains stays journalled.
		await this.records.stop(this.config.SHUTDOWN_TIMEOUT_MS / 2);
		// Writes the stop flushed may have ended sessions: their alerts are cleared before the database closes.
		await this.#inFlight.close();
		await this.database.close();
		await this.embeddedDatabase?.stop();
		this.logger.info("platform stopped");
	}
}

/** Listening on every interface, clients need an address they can reach: the first non-loopback IPv4. */
function defaultAnnouncedIp(listenIp: string): string | undefined {
	if (listenIp !== "0.0.0.0") return undefined;
	const addresses = Object.values(os.networkInterfaces()).flat();
	return addresses.find((a) => a?.family === "IPv4" && !a.internal)?.address ?? "127.0.0.1";
}
