import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freeUdpPort } from "./packetLoss.js";

/** Debian's coturn on loopback with coturn's REST secret (`use-auth-secret`), as deployments run it. */
export class TurnServer {
	readonly port: number;
	readonly secret: string;
	readonly #process: ChildProcess;
	readonly #dir: string;

	private constructor(port: number, secret: string, child: ChildProcess, dir: string) {
		this.port = port;
		this.secret = secret;
		this.#process = child;
		this.#dir = dir;
	}

	static async start(secret: string): Promise<TurnServer> {
		const port = await freeUdpPort();
		const dir = await mkdtemp(path.join(os.tmpdir(), "rb-turn-"));
		const child = spawn(
			"turnserver",
			[
				"-n",
				"--listening-ip=127.0.0.1",
				`--listening-port=${port}`,
				"--relay-ip=127.0.0.1",
				"--use-auth-secret",
				`--static-auth-secret=${secret}`,
				"--realm=reception.test",
				"--no-tls",
				"--no-dtls",
				"--no-cli",
				`--db=${path.join(dir, "turndb")}`,
				`--pidfile=${path.join(dir, "turn.pid")}`,
				"--log-file=stdout",
				"--simple-log",
			],
			{ stdio: ["ignore", "pipe", "pipe"] },
		);
		let log = "";
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`turnserver did not start:\n${log}`)), 10_000);
			child.once("error", reject);
			child.stdout?.on("data", (chunk: Buffer) => {
				log += chunk;
				if (log.includes("Total General servers")) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
		return new TurnServer(port, secret, child, dir);
	}

	get url(): string {
		return `turn:127.0.0.1:${this.port}?transport=udp`;
	}

	async stop(): Promise<void> {
		const exited = once(this.#process, "exit");
		this.#process.kill("SIGTERM");
		await exited;
		await rm(this.#dir, { recursive: true, force: true });
	}
}
