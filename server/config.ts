import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";

const cacheDir = process.env.RB_CACHE_DIR ?? path.join(os.homedir(), ".cache", "reception-bridge");

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/**
 * Every setting, read once from the environment at start. docs/configuration.md documents each one;
 * keep the two in step.
 */
export const configSchema = z.object({
	HOST: z.string().default("0.0.0.0"),
	PORT: port.default(8080),
	/** The built browser app (`npm run build` writes it). */
	CLIENT_DIR: z.string().default("dist/client"),
	LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
	MONGODB_URI: z.string().startsWith("mongodb").optional(),
	MONGODB_DB: z
		.string()
		.regex(/^[\w-]+$/)
		.default("reception"),
	RB_DATA_DIR: z.string().default("./data"),
	FERRETDB_BIN: z.string().default(path.join(cacheDir, "ferretdb", "v1.24.2", "ferretdb")),
	DB_READY_TIMEOUT_MS: positiveInt.default(1500),
	MEDIASOUP_WORKERS: positiveInt.default(os.availableParallelism()),
	MEDIASOUP_LOG_LEVEL: z.enum(["debug", "warn", "error", "none"]).default("warn"),
	WORKER_RESPAWN_DELAY_MS: z.coerce.number().int().min(0).default(1000),
	/** HS256 secret for every JWT; required outside development (see docs/configuration.md). */
	JWT_SECRET: z.string().min(32).optional(),
	ACCESS_TOKEN_TTL_S: positiveInt.default(15 * 60),
	REFRESH_TOKEN_TTL_S: positiveInt.default(12 * 60 * 60),
	SESSION_TOKEN_TTL_S: positiveInt.default(4 * 60 * 60),
	SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	// Empty variables mean "unset", as in most deployment tools.
	const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
	const parsed = configSchema.safeParse(defined);
	if (!parsed.success) {
		throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
	}
	return Object.freeze(parsed.data);
}
