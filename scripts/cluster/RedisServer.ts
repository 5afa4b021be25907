import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { freePort } from "./ports.js";

/**
 * Debian's redis-server on a loopback port, in memory only (nothing saved): a restart loses every
 * key, the hardest case for the cluster, which writes its registrations and seats again.
 */
export class RedisServer {
	readonly port: number;
	#process: ChildProcess | null = null;

	private constructor(port: number) {
		this.port = port;
	}

	static async start(): Promise<RedisServer> {
		const server = new RedisServer(await freePort());
		await server.#spawn();
		return server;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	async #spawn(): Promise<void> {
		const child = spawn(
			"redis-server",
			["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice"],
			{ stdio: ["ignore", "pipe", "inherit"] },
		);
		this.#process = child;
		let output = "";
		await new Promise<void>((resolve, reject) => {
			child.stdout?.on("data", (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes("Ready to accept connections")) resolve();
			});
			child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
		});
	}

	async stop(): Promise<void> {
		const child = this.#process;
		this.#process = null;
		if (!child || child.exitCode !== null) return;
		child.kill("SIGTERM");
		await once(child, "exit");
	}

	/** Stops it, waits `downMs`, and starts it again empty on the same port. */
	async restart(downMs: number): Promise<void> {
		await this.stop();
		await new Promise((resolve) => setTimeout(resolve, downMs));
		await this.#spawn();
	}
}
