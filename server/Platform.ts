import { randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";
import { WorkerPool } from "../media/WorkerPool.js";
import { TokenService } from "./auth/TokenService.js";
import type { Config } from "./config.js";
import { Database } from "./db/Database.js";
import { EmbeddedDatabase } from "./db/EmbeddedDatabase.js";
import { clientRoutes } from "./http/clientRoutes.js";
import { healthRoutes } from "./http/healthRoutes.js";
import type { Logger } from "./logger.js";

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
	#stopping: Promise<void> | null = null;

	constructor(config: Config, logger: Logger) {
		this.config = config;
		this.logger = logger;
		this.database = new Database(logger);
		this.embeddedDatabase = config.MONGODB_URI
			? null
			: new EmbeddedDatabase({ binary: config.FERRETDB_BIN, dataDir: config.RB_DATA_DIR, logger });
		this.workers = new WorkerPool({
			size: config.MEDIASOUP_WORKERS,
			logLevel: config.MEDIASOUP_LOG_LEVEL,
			respawnDelayMs: config.WORKER_RESPAWN_DELAY_MS,
			logger,
		});
		if (!config.JWT_SECRET) logger.warn("JWT_SECRET unset: using a random secret; tokens will not survive a restart");
		this.tokens = new TokenService({
			secret: config.JWT_SECRET ?? randomBytes(32).toString("hex"),
			accessTtlSeconds: config.ACCESS_TOKEN_TTL_S,
			refreshTtlSeconds: config.REFRESH_TOKEN_TTL_S,
			sessionTtlSeconds: config.SESSION_TOKEN_TTL_S,
		});
		const app = express();
		this.app = app;
		app.disable("x-powered-by");
		app.use(express.json({ limit: "1mb" }));
		app.use(
			healthRoutes({
				database: () => this.database.readiness(config.DB_READY_TIMEOUT_MS),
				workers: () => this.workers.status(),
			}),
		);
		app.use(clientRoutes(config.CLIENT_DIR));
		this.httpServer = http.createServer(app);
	}

	get port(): number {
		return (this.httpServer.address() as AddressInfo).port;
	}

	async start(): Promise<void> {
		if (this.embeddedDatabase) await this.embeddedDatabase.start();
		const uri = this.config.MONGODB_URI ?? this.embeddedDatabase?.uri ?? "";
		// A database named in the URI wins; otherwise MONGODB_DB.
		await this.database.connect(uri, databaseNameIn(uri) ?? this.config.MONGODB_DB);
		await this.workers.start();
		this.httpServer.listen(this.config.PORT, this.config.HOST);
		await once(this.httpServer, "listening");
		this.logger.info({ port: this.port }, "platform ready to accept connections");
	}

	/** Idempotent: stop accepting, let open requests finish, then release workers and the database. */
	stop(): Promise<void> {
		this.#stopping ??= this.#stop();
		return this.#stopping;
	}

	async #stop(): Promise<void> {
		this.logger.info("platform stopping");
		const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
		this.httpServer.closeIdleConnections();
		await closed;
		this.workers.close();
		await this.database.close();
		await this.embeddedDatabase?.stop();
		this.logger.info("platform stopped");
	}
}

function databaseNameIn(uri: string): string | undefined {
	return /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1];
}
