import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { access, constants, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { DatabaseStartError } from "../errors.js";
import { canConnect, freePort } from "../net.js";

export interface EmbeddedDatabaseOptions {
	binary: string;
	/** SQLite files and FerretDB's state live here. */
	dataDir: string;
	logger: Logger;
	startTimeoutMs?: number;
}

/**
 * FerretDB with its SQLite backend, run as a child process on a free loopback port: the
 * MongoDB-wire database used when no MONGODB_URI is configured.
 */
export class EmbeddedDatabase {
	readonly #options: EmbeddedDatabaseOptions;
	#process: ChildProcess | null = null;
	#port = 0;

	constructor(options: EmbeddedDatabaseOptions) {
		this.#options = options;
	}

	get uri(): string {
		return `mongodb://127.0.0.1:${this.#port}/`;
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
		await mkdir(dataDir, { recursive: true });
		// Reuse the previous port on restart so open connection strings stay valid.
		this.#port ||= await freePort();
		const child = spawn(
			binary,
			[
				"--handler=sqlite",
				`--sqlite-url=file:${dataDir}/`,
				`--state-dir=${dataDir}`,
				`--listen-addr=127.0.0.1:${this.#port}`,
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
		logger.info({ port: this.#port, dataDir }, "embedded database started");
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
			if (await canConnect(this.#port)) return;
			await new Promise((r) => setTimeout(r, 100));
		}
		child.kill("SIGKILL");
		throw new DatabaseStartError("FerretDB did not start listening in time");
	}
}
