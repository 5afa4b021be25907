import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { ConfigError } from "../errors.js";
import type { Logger } from "../logger.js";

/**
 * The audit chain's HMAC key: AUDIT_KEY, required with MONGODB_URI. On the embedded default (a trial
 * on one machine) a key is generated once into the data folder (`audit.key`, 0600) so the first
 * command of the README works; a deployment sets AUDIT_KEY and keeps it off the database's machine.
 */
export function auditKeyOf(config: Config, logger: Logger): string {
	if (config.AUDIT_KEY) return config.AUDIT_KEY;
	if (config.MONGODB_URI) {
		throw new ConfigError(["AUDIT_KEY: required with MONGODB_URI (see docs/operations.md, Hardening)"]);
	}
	const file = path.join(config.RB_DATA_DIR, "audit.key");
	try {
		return readFileSync(file, "utf8").trim();
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
	}
	mkdirSync(config.RB_DATA_DIR, { recursive: true, mode: 0o700 });
	const key = randomBytes(32).toString("hex");
	writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
	logger.warn({ file }, "AUDIT_KEY unset: generated the audit key into the data folder (a trial only)");
	return key;
}

export function auditCheckpointDir(config: Config): string {
	return config.AUDIT_CHECKPOINT_DIR ?? path.join(config.RB_DATA_DIR, "audit-checkpoints");
}
