import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { ConfigError } from "../errors.js";
import type { Logger } from "../logger.js";

/**
 * A secret of the embedded trial, generated once into the data folder (`0600`, folder `0700`) and
 * read back at every start: what a deployment sets in its environment instead. Says whether it was
 * made now, so a password can be shown once.
 */
export function generatedSecret(
	dataDir: string,
	name: string,
	make: () => string,
): { value: string; file: string; made: boolean } {
	const file = path.join(dataDir, name);
	try {
		return { value: readFileSync(file, "utf8").trim(), file, made: false };
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
	}
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const value = make();
	writeFileSync(file, `${value}\n`, { mode: 0o600, flag: "wx" });
	return { value, file, made: true };
}

/**
 * The audit chain's HMAC key: AUDIT_KEY, required with MONGODB_URI. On the embedded default (a trial
 * on one machine) a key is generated once into the data folder (`audit.key`) so the first command of
 * the README works; a deployment sets AUDIT_KEY and keeps it off the database's machine.
 */
export function auditKeyOf(config: Config, logger: Logger): string {
	if (config.AUDIT_KEY) return config.AUDIT_KEY;
	if (config.MONGODB_URI) {
		throw new ConfigError(["AUDIT_KEY: required with MONGODB_URI (see docs/operations.md, Hardening)"]);
	}
	const key = generatedSecret(config.RB_DATA_DIR, "audit.key", () => randomBytes(32).toString("hex"));
	if (key.made)
		logger.warn({ file: key.file }, "AUDIT_KEY unset: generated the audit key into the data folder (a trial only)");
	return key.value;
}

/** The embedded trial's token secret, kept in the data folder so sign-ins survive a restart. */
export function trialJwtSecret(config: Config): string {
	return generatedSecret(config.RB_DATA_DIR, "jwt.secret", () => randomBytes(32).toString("hex")).value;
}

/**
 * The demo users' password on the embedded trial: generated at the first start (not the one
 * published in the repository), kept in `RB_DATA_DIR/demo-password`, shown once when it is made.
 */
export function demoPassword(dataDir: string): { value: string; file: string; made: boolean } {
	return generatedSecret(dataDir, "demo-password", () => `TiepDan-${randomBytes(6).toString("base64url")}`);
}

export function auditCheckpointDir(config: Config): string {
	return config.AUDIT_CHECKPOINT_DIR ?? path.join(config.RB_DATA_DIR, "audit-checkpoints");
}
