import mongoose, { type Connection } from "mongoose";
import type { Logger } from "pino";

export interface DatabaseReadiness {
	ready: boolean;
	reason?: string;
}

/** The platform's one mongoose connection, with a readiness probe that really asks the server. */
export class Database {
	readonly connection: Connection;
	readonly #logger: Logger;

	constructor(logger: Logger) {
		this.#logger = logger;
		this.connection = mongoose.createConnection();
	}

	async connect(uri: string, dbName: string): Promise<void> {
		await this.connection.openUri(uri, {
			dbName,
			serverSelectionTimeoutMS: 5000,
			heartbeatFrequencyMS: 2000,
		});
		this.#logger.info({ db: this.connection.name }, "database connected");
	}

	async readiness(timeoutMs: number): Promise<DatabaseReadiness> {
		const db = this.connection.db;
		if (!db) return { ready: false, reason: "not connected" };
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`no answer to ping within ${timeoutMs} ms`)), timeoutMs);
		});
		try {
			await Promise.race([db.admin().ping(), timeout]);
			return { ready: true };
		} catch (err) {
			return { ready: false, reason: (err as Error).message };
		} finally {
			clearTimeout(timer);
		}
	}

	async close(): Promise<void> {
		await this.connection.close();
	}
}
