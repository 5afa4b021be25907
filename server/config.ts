import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { NATIONAL_DB_MODES } from "../domain/nationalDb.js";
import { DEFAULT_DELEGATION_RULE, FIELD_CODE_PATTERN, FIELD_GROUPS } from "../domain/register.js";
import { ENDPOINT_LEVELS } from "../domain/roles.js";
import { SPREAD_POLICIES } from "../media/placement.js";
import { DEFAULT_DOCUMENT_FONT_DIR } from "./documents/fonts.js";
import { ConfigError } from "./errors.js";

const cacheDir = process.env.RB_CACHE_DIR ?? path.join(os.homedir(), ".cache", "reception-bridge");

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** A JSON-valued setting, parsed then checked by `schema`. */
function json<S extends z.ZodType>(schema: S) {
	return z
		.string()
		.transform((s, ctx) => {
			try {
				return JSON.parse(s) as unknown;
			} catch {
				ctx.addIssue({ code: "custom", message: "not valid JSON" });
				return z.NEVER;
			}
		})
		.pipe(schema);
}

const extraField = z.object({
	code: z.string().regex(FIELD_CODE_PATTERN),
	group: z.enum(FIELD_GROUPS),
	vi: z.string().min(1),
	en: z.string().min(1),
});

const delegationRule = z
	.object({
		minPeople: z.number().int().min(2),
		smallGroupMax: z.number().int().min(2),
		smallMaxRepresentatives: z.number().int().min(1),
		maxRepresentatives: z.number().int().min(1),
		source: z.string().min(1),
		verified: z.boolean(),
	})
	.partial()
	.transform((r) => ({ ...DEFAULT_DELEGATION_RULE, ...r }));

/**
 * Every setting, read once from the environment at start. docs/configuration.md documents each one;
 * keep the two in step.
 */
/** "1/month": at least one day of reception per month. */
const dutySetting = z.string().regex(/^[1-9][0-9]?\/(week|month)$/, "days per period, e.g. 1/month or 1/week");

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
	/** Each worker's WebRtcServer: one UDP and one TCP port per worker (base + slot; 0: any free port). */
	RTC_LISTEN_IP: z.ipv4().or(z.ipv6()).default("0.0.0.0"),
	RTC_ANNOUNCED_IP: z.string().min(1).optional(),
	RTC_UDP_PORT_BASE: port.default(40000),
	RTC_TCP_PORT_BASE: port.default(40000),
	RTC_PROTOCOLS: z
		.string()
		.default("udp,tcp")
		.transform((v) => v.split(",").map((p) => p.trim()))
		.pipe(z.array(z.enum(["udp", "tcp"])).min(1)),
	RTC_MAX_INCOMING_BITRATE: positiveInt.default(3_000_000),
	ACTIVE_SPEAKER_INTERVAL_MS: z.coerce.number().int().min(100).default(300),
	/**
	 * A session takes a router on another worker for new participants once its worker has this many
	 * consumers: about half of what a worker core carries at the app's layer policy (docs/performance.md).
	 */
	SESSION_SPREAD_CONSUMERS: positiveInt.default(1000),
	/** `load`: spread past the threshold above; `always`: every new participant to the session's emptiest worker. */
	SESSION_SPREAD: z.enum(SPREAD_POLICIES).default("load"),
	/** How long a dropped participant keeps its seat. */
	RECONNECT_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
	/** Whether a new session holds endpoints in the lobby until the chair admits them. */
	SESSION_LOBBY: z.enum(["on", "off"]).default("on"),
	/** HS256 secret for every JWT; required outside development (see docs/configuration.md). */
	JWT_SECRET: z.string().min(32).optional(),
	ACCESS_TOKEN_TTL_S: positiveInt.default(15 * 60),
	REFRESH_TOKEN_TTL_S: positiveInt.default(12 * 60 * 60),
	SESSION_TOKEN_TTL_S: positiveInt.default(4 * 60 * 60),
	/** Presence: clients send a heartbeat this often; silence past the thresholds degrades, then offlines. */
	PRESENCE_HEARTBEAT_MS: positiveInt.default(10_000),
	PRESENCE_DEGRADED_AFTER_MS: positiveInt.default(25_000),
	PRESENCE_OFFLINE_AFTER_MS: positiveInt.default(45_000),
	/** Thresholds that turn an endpoint's media reports into healthy / degraded / failing. */
	HEALTH_SAMPLE_EVERY_MS: positiveInt.default(30_000),
	HEALTH_HISTORY_DAYS: positiveInt.default(30),
	HEALTH_HISTORY_MAX_PER_ENDPOINT: positiveInt.default(100_000),
	HEALTH_PRUNE_EVERY_MS: positiveInt.default(3_600_000),
	/** Alert IT staff when a participating endpoint is offline this many minutes before its session. */
	ALERT_OFFLINE_LEAD_MIN: positiveInt.default(30),
	ALERT_CHECK_EVERY_MS: positiveInt.default(30_000),
	/** Hot-spot watch: how often the clock checks review dates, critical cases and working-group deadlines. */
	HOTSPOT_CHECK_EVERY_MS: positiveInt.default(60_000),
	/** Hot-spot writes (watch entries, developments, working groups, acknowledgements) per user and minute. */
	HOTSPOT_WRITES_PER_MINUTE: positiveInt.default(60),
	ALERT_REGROUP_MIN: positiveInt.default(10),
	ALERT_RETENTION_DAYS: positiveInt.default(30),
	/** TURN servers (coturn with use-auth-secret) for networks that block UDP; comma-separated turn: URLs. */
	TURN_URLS: z
		.string()
		.default("")
		.transform((v) =>
			v
				.split(",")
				.map((u) => u.trim())
				.filter(Boolean),
		)
		.pipe(z.array(z.string().regex(/^turns?:/))),
	TURN_SECRET: z.string().min(16).optional(),
	/** `auto`: on the embedded database, load the demo topology when it is empty; never with MONGODB_URI. */
	DEMO_SEED: z.enum(["auto", "off"]).default("auto"),
	/** Express's `trust proxy`: hops of reverse proxies in front (0: none), so client addresses are real. */
	TRUST_PROXY: z.coerce.number().int().min(0).default(0),
	/** Connectivity checks one user may run at once (each holds a private media router). */
	CHECKS_PER_USER: positiveInt.default(2),
	/**
	 * Socket.IO: requests each socket may send per second, with bursts up to the bucket (a join
	 * consumes every producer at once); past it RATE_LIMITED.
	 */
	SOCKET_REQUESTS_PER_SECOND: positiveInt.default(50),
	SOCKET_REQUEST_BURST: positiveInt.default(400),
	/** Largest Socket.IO message answered (PAYLOAD_TOO_LARGE above it); four times it closes the connection. */
	SOCKET_MAX_MESSAGE_BYTES: positiveInt.default(262_144),
	/** Failed sign-ins allowed per address and username within the window, then 429 TOO_MANY_ATTEMPTS. */
	LOGIN_MAX_FAILURES: positiveInt.default(10),
	LOGIN_WINDOW_MS: positiveInt.default(15 * 60_000),
	/** Failed sign-ins allowed per username from any address within the window (spread guessing). */
	LOGIN_ACCOUNT_MAX_FAILURES: positiveInt.default(50),
	/** Sign-in counters kept in memory at most; past it the oldest are forgotten (bounded memory). */
	LOGIN_TRACKED_KEYS: positiveInt.default(100_000),
	/** Bearer token Prometheus presents at /metrics; unset disables the endpoint. */
	METRICS_TOKEN: z.string().min(16).optional(),
	SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
	/** Several nodes on one Redis (docs/operations.md, "Several nodes"); unset: one process, nothing shared. */
	REDIS_URL: z.string().url().optional(),
	/** This node's name in the cluster's registry; default `<hostname>-<pid>`. */
	NODE_ID: z
		.string()
		.regex(/^[A-Za-z0-9._-]{1,64}$/)
		.optional(),
	/** A node whose registration is this old is dead: its sessions are taken over. Renewed every third of it. */
	NODE_TTL_MS: z.coerce.number().int().min(300).default(3000),
	/** How long a node waits for the session's hosting node to answer a forwarded request. */
	CLUSTER_CALL_TIMEOUT_MS: positiveInt.default(8000),
	/**
	 * How long a node waits for a cluster-wide lock another node holds (the reports' catch-up, which
	 * one node runs at a time) before answering 503 CLUSTER_BUSY.
	 */
	CLUSTER_LOCK_WAIT_MS: positiveInt.default(120_000),
	/**
	 * HMAC key of the audit chain (32+ characters), kept outside the database; required with
	 * MONGODB_URI. Unset on the embedded default: generated into `<RB_DATA_DIR>/audit.key`.
	 */
	AUDIT_KEY: z.string().min(32).optional(),
	/** Signed checkpoints of the audit chain's head; default `<RB_DATA_DIR>/audit-checkpoints`. Ship it off the machine. */
	AUDIT_CHECKPOINT_DIR: z.string().optional(),
	AUDIT_CHECKPOINT_EVERY_MS: positiveInt.default(60_000),
	/** Local journal of record writes waiting for the database; default `<RB_DATA_DIR>/journal`. */
	RB_JOURNAL_DIR: z.string().optional(),
	/**
	 * Writes the journal holds at most while the database is away (and their bytes); past either,
	 * a write is refused 503 DATABASE_UNAVAILABLE until the database takes some (back-pressure).
	 */
	JOURNAL_MAX_PENDING: positiveInt.default(10_000),
	JOURNAL_MAX_BYTES: positiveInt.default(64 * 1024 * 1024),
	/** How long an HTTP write waits for the database before answering 202 (journalled, pending). */
	RECORD_WRITE_WAIT_MS: positiveInt.default(3000),
	/** How long the first answer to a write with an Idempotency-Key is kept for its retries. */
	IDEMPOTENCY_RETENTION_H: positiveInt.default(24),
	/** bcrypt cost of password hashes. */
	BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(10),
	/** Folder with the Liberation Serif faces (Debian's fonts-liberation2) every printed document is set in. */
	DOCUMENT_FONT_DIR: z.string().default(DEFAULT_DOCUMENT_FONT_DIR),
	/** Periodic receptions a head owes, "<days>/<week|month>" (docs/sessions.md: which rule is verified). */
	PERIODIC_RECEPTION_PROVINCE: dutySetting.default("1/month"),
	PERIODIC_RECEPTION_COMMUNE: dutySetting.default("1/week"),
	/** Whether a session delegated to a deputy counts as the head's periodic reception. */
	PERIODIC_RECEPTION_COUNT_DELEGATED: z.enum(["true", "false"]).default("true"),
	/**
	 * First day of a reporting period's data: 15 = from the 15th of the month before to the 14th of the
	 * last month (Nghị định 09/2019/NĐ-CP, Điều 12); 1 = calendar months.
	 */
	/** Alerts by e-mail to the person on duty (nodemailer URL, e.g. smtps://user:pass@mail.example:465); unset: in the app only. */
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, "an smtp:// or smtps:// URL")
		.optional(),
	SMTP_FROM: z.string().min(3).default("Tiếp công dân trực tuyến <no-reply@localhost>"),
	/** An alert nobody acknowledged this long after its delivery goes to the next role on duty. */
	DUTY_ESCALATE_AFTER_MS: positiveInt.default(15 * 60_000),
	DUTY_SWEEP_EVERY_MS: positiveInt.default(30_000),
	/** The hour (Vietnam) by which a province's daily situation report is due in a peak period. */
	DUTY_DAILY_REPORT_DUE: z
		.string()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM")
		.default("16:00"),
	REPORT_CUTOFF_DAY: z.coerce.number().int().min(1).max(28).default(15),
	/** National database link (docs/nationaldb.md): `off`, `export` (files for manual upload) or `http` (push). */
	NATIONAL_DB_MODE: z.enum(NATIONAL_DB_MODES).default("export"),
	/** The receiver's base URL in `http` mode (batches go to `POST {url}/batches`). */
	NATIONAL_DB_URL: z.url().optional(),
	/** Basic credentials for the push, or a bearer token (`NATIONAL_DB_TOKEN` wins). */
	NATIONAL_DB_USERNAME: z.string().min(1).optional(),
	NATIONAL_DB_PASSWORD: z.string().min(1).optional(),
	NATIONAL_DB_TOKEN: z.string().min(16).optional(),
	/** Folder of exported batches; default `<RB_DATA_DIR>/nationaldb`. */
	NATIONAL_DB_EXPORT_DIR: z.string().optional(),
	NATIONAL_DB_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
	NATIONAL_DB_TIMEOUT_MS: positiveInt.default(30_000),
	NATIONAL_DB_RETRY_MIN_MS: positiveInt.default(1000),
	NATIONAL_DB_RETRY_MAX_MS: positiveInt.default(10 * 60_000),
	/** How often new record writes are swept into the outbox (and pushed, in `http` mode). */
	NATIONAL_DB_EVERY_MS: positiveInt.default(5000),
	/** Endpoint levels in use (districts were abolished on 1 July 2025). */
	ENDPOINT_LEVELS: z
		.string()
		.default("central,province,commune")
		.transform((s) => s.split(",").map((l) => l.trim()))
		.pipe(z.array(z.enum(ENDPOINT_LEVELS)).min(1)),
	/** How often task deadlines are checked for reminders (three days before, and on the day). */
	TASK_REMINDER_EVERY_MS: positiveInt.default(10 * 60_000),
	/** The register's own fields beyond the standard list: a JSON array of `{ code, group, vi, en }`. */
	REGISTER_EXTRA_FIELDS: json(z.array(extraField).max(200)).default([]),
	/** Replaces parts of the delegation rule (JSON), e.g. where a later text changes the figures. */
	REGISTER_DELEGATION_RULE: json(delegationRule).default(DEFAULT_DELEGATION_RULE),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	// Empty variables mean "unset", as in most deployment tools.
	const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
	const parsed = configSchema
		.refine(
			(c) => c.NATIONAL_DB_MODE !== "http" || (c.NATIONAL_DB_URL && (c.NATIONAL_DB_TOKEN || c.NATIONAL_DB_PASSWORD)),
			{
				path: ["NATIONAL_DB_URL"],
				message: "http mode needs NATIONAL_DB_URL and NATIONAL_DB_TOKEN or NATIONAL_DB_USERNAME/NATIONAL_DB_PASSWORD",
			},
		)
		.safeParse(defined);
	if (!parsed.success) {
		throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
	}
	return Object.freeze(parsed.data);
}
