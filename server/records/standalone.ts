import os from "node:os";
import path from "node:path";
import type { Config } from "../config.js";
import { Database } from "../db/Database.js";
import { databaseNameIn } from "../db/databaseName.js";
import { EmbeddedDatabase } from "../db/EmbeddedDatabase.js";
import type { Logger } from "../logger.js";
import { Records } from "./Records.js";
import { auditCheckpointDir, auditKeyOf } from "./secrets.js";

/**
 * Runs `work` against the configured database outside the platform (for the seed and audit
 * commands): MONGODB_URI, or the embedded database on RB_DATA_DIR, which must not be running.
 */
export async function withRecords<T>(
	config: Config,
	logger: Logger,
	work: (records: Records) => Promise<T>,
): Promise<T> {
	const embedded = config.MONGODB_URI
		? null
		: new EmbeddedDatabase({ binary: config.FERRETDB_BIN, dataDir: config.RB_DATA_DIR, logger });
	const database = new Database(logger);
	const records = new Records({
		connection: database.connection,
		logger,
		// The command's own journal: the platform's may hold writes only the platform should replay.
		journalDir: path.join(os.tmpdir(), `rb-journal-${process.pid}`),
		writeWaitMs: 60_000,
		auditKey: auditKeyOf(config, logger),
		// Reads the platform's checkpoints; a command never signs one.
		checkpointDir: auditCheckpointDir(config),
	});
	try {
		await embedded?.start();
		const uri = config.MONGODB_URI ?? embedded?.uri ?? "";
		const dbName = databaseNameIn(uri) ?? config.MONGODB_DB;
		records.openJournal(dbName);
		await database.connect(uri, dbName);
		await records.start();
		return await work(records);
	} finally {
		await records.stop(10_000);
		await database.close();
		await embedded?.stop();
	}
}
