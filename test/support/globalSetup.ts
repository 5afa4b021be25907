import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../server/config.js";
import { EmbeddedDatabase } from "../../server/db/EmbeddedDatabase.js";
import { createLogger } from "../../server/logger.js";

declare module "vitest" {
	export interface ProvidedContext {
		mongodbUri: string;
	}
}

/** One database for the suite: MONGODB_URI when given, else the same embedded FerretDB the platform uses. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const config = loadConfig();
	if (config.MONGODB_URI) {
		project.provide("mongodbUri", config.MONGODB_URI);
		return async () => undefined;
	}
	const dataDir = await mkdtemp(path.join(os.tmpdir(), "rb-test-db-"));
	const db = new EmbeddedDatabase({
		binary: config.FERRETDB_BIN,
		dataDir,
		logger: createLogger("warn"),
		listen: "tcp",
	});
	await db.start();
	project.provide("mongodbUri", db.uri);
	return async () => {
		await db.stop();
		await rm(dataDir, { recursive: true, force: true });
	};
}
