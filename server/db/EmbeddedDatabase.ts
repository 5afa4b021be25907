import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { access, chmod, constants, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import { DatabaseStartError } from "../errors.js";
import { canConnect, freePort } from "../net.js";

const SOCKET_NAME = "ferretdb.sock";

export interface EmbeddedDatabaseOptions {
	binary: string;
	/** SQLite files and FerretDB's state live here. */
	dataDir: string;
	logger: Logger;
	startTimeoutMs?: number;
	/**
	 * `unix` (the platform's): a Unix socket in a `0700` folder, so only the platform's own user can
	 * reach the database, which has no authentication. `tcp`: a free loopback port (the test suite's
	 * shared database, reached by many processes).
	 */
	listen?: "unix" | "tcp";
}

/**
 * FerretDB with its SQLite backend, run as a child process on a Unix socket in a `0700` folder (or a
 * free loopback port): the MongoDB-wire database used when no MONGODB_URI is configured.
 */
export class EmbeddedDatabase {
	readonly #options: EmbeddedDatabaseOptions;
	#process: ChildProcess | null = null;
	#port = 0;
	#socket = "";

	constructor(options: EmbeddedDatabaseOptions) {
		this.#options = options;
	}

	get uri(): string {
		return this.#socket ? `mongodb://${encodeURIComponent(this.#socket)}/` : `mongodb://127.0.0.1:${this.#port}/`;
	}

	/** The Unix socket the database listens on ("" on TCP). */
	get socketPath(): string {
		return this.#socket;
	}

	get pid(): number | undefined {
		return this.#process?.pid;
	}

	get running(): boolean {
		return this.#process !== null && this.#process.exitCode === null;
	}

	async start(): Promise<void> {
		const { binary, logger } = this.#options;
		const dataDir = path.resolve(this.#options.dataDir);
		await access(binary, constants.X_OK).catch(() => {
			throw new DatabaseStartError(`FerretDB binary not found at ${binary}: run scripts/install.sh`);
		});
		await mkdir(dataDir, { recursive: true, mode: 0o700 });
		// Reuse the previous socket or port on restart so open connection strings stay valid.
		const listen = this.#options.listen === "tcp" ? await this.#tcp() : await this.#unix(dataDir);
		const child = spawn(
			binary,
			[
				"--handler=sqlite",
				`--sqlite-url=file:${dataDir}/`,
				`--state-dir=${dataDir}`,
				...listen,
				"--telemetry=disable",
				"--log-level=warn",
				"--debug-addr=-",
			],
			{ stdio: ["ignore", "ignore", "pipe"] },
		);
		this.#process = child;
		// FerretDB warns about routine things (unsupported driver commands, closed connections): only its
		// errors reach the platform's log at error level.
		child.stderr?.setEncoding("utf8").on("data", (text: string) => {
			const level = /\t(ERROR|DPANIC|PANIC|FATAL)\t/.test(text) ? "error" : "debug";
			logger[level]({ ferretdb: text.trim() }, "ferretdb");
		});
		child.once("exit", (code, signal) => logger.info({ code, signal }, "embedded database exited"));
		await this.#waitUntilListening(child);
		logger.info(
			{ port: this.#port || undefined, socket: this.#socket || undefined, dataDir },
			"embedded database started",
		);
	}

	async #tcp(): Promise<string[]> {
		this.#port ||= await freePort();
		return [`--listen-addr=127.0.0.1:${this.#port}`];
	}

	/** `<dataDir>/run/ferretdb.sock`; a long data path (sockets are limited to ~104 bytes) uses a private temp folder. */
	async #unix(dataDir: string): Promise<string[]> {
		if (!this.#socket) {
			let dir = path.join(dataDir, "run");
			if (path.join(dir, SOCKET_NAME).length > 100) dir = await mkdtemp(path.join(os.tmpdir(), "rb-db-"));
			await mkdir(dir, { recursive: true, mode: 0o700 });
			this.#socket = path.join(dir, SOCKET_NAME);
		}
		const dir = path.dirname(this.#socket);
		// The folder, not the socket, is the lock: FerretDB creates the socket world-writable.
		await chmod(dir, 0o700);
		await rm(this.#socket, { force: true });
		return ["--listen-addr=", `--listen-unix=${this.#socket}`];
	}

	async stop(): Promise<void> {
		const child = this.#process;
		this.#process = null;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = once(child, "exit");
		child.kill("SIGTERM");
		const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
		await exited;
		clearTimeout(timer);
	}

	async #waitUntilListening(child: ChildProcess): Promise<void> {
		const deadline = Date.now() + (this.#options.startTimeoutMs ?? 15_000);
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new DatabaseStartError(`FerretDB exited with code ${child.exitCode}`);
			if (await canConnect(this.#socket ? { path: this.#socket } : { port: this.#port })) return;
			await new Promise((r) => setTimeout(r, 100));
		}
		child.kill("SIGKILL");
		throw new DatabaseStartError("FerretDB did not start listening in time");
	}
}
