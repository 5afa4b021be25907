import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, until } from "./ports.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface NodeProcessOptions {
	id: string;
	/** Settings every node shares (REDIS_URL, MONGODB_URI, JWT_SECRET, AUDIT_KEY, …). */
	env: Record<string, string>;
	/** This node's own data folder (its record journal). */
	dir: string;
	/** UDP and TCP base of its media ports (one worker: this port); below 32768, outside the ephemeral range. */
	mediaPort: number;
	/** Where its JSON log lines go: inherited, or dropped. */
	log?: "inherit" | "ignore";
}

/** One platform node as its own process (`server/main.ts`), on loopback: it can be SIGKILLed for real. */
export class NodeProcess {
	readonly id: string;
	readonly port: number;
	readonly mediaPort: number;
	readonly #options: NodeProcessOptions;
	#process: ChildProcess | null = null;

	private constructor(options: NodeProcessOptions, port: number) {
		this.id = options.id;
		this.port = port;
		this.mediaPort = options.mediaPort;
		this.#options = options;
	}

	static async start(options: NodeProcessOptions): Promise<NodeProcess> {
		const node = new NodeProcess(options, await freePort());
		await node.start();
		return node;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get pid(): number | undefined {
		return this.#process?.pid;
	}

	get running(): boolean {
		return this.#process !== null && this.#process.exitCode === null && this.#process.signalCode === null;
	}

	/** Starts (or starts again) and waits until `/readyz` answers 200. */
	async start(): Promise<void> {
		const { id, env, dir, mediaPort, log = "ignore" } = this.#options;
		await mkdir(dir, { recursive: true });
		this.#process = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
			cwd: ROOT,
			env: {
				...process.env,
				LOG_LEVEL: "warn",
				HOST: "127.0.0.1",
				MEDIASOUP_WORKERS: "1",
				RTC_LISTEN_IP: "127.0.0.1",
				...env,
				NODE_ID: id,
				PORT: String(this.port),
				RB_DATA_DIR: dir,
				RTC_UDP_PORT_BASE: String(mediaPort),
				RTC_TCP_PORT_BASE: String(mediaPort),
			},
			stdio: ["ignore", log, log],
		});
		const child = this.#process;
		let exited = false;
		child.once("exit", () => {
			exited = true;
		});
		await until(
			async () => {
				if (exited) throw new Error(`node ${id} exited while starting`);
				return (await fetch(`${this.url}/readyz`)).ok;
			},
			60_000,
			`node ${id}`,
		);
	}

	/** Sends a signal and waits for the process to exit (SIGKILL: a crash; SIGTERM: a drain). */
	async kill(signal: NodeJS.Signals): Promise<void> {
		const child = this.#process;
		if (!child || !this.running) return;
		const exited = once(child, "exit");
		child.kill(signal);
		await exited;
	}
}
