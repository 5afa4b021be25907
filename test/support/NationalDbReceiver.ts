import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

type Step = "ok" | "refuse-503" | "unauthorised" | "slow" | `crash-after-${number}`;

const MAIN = path.join(import.meta.dirname, "nationalDbReceiverMain.ts");

/** The national-database stand-in as a real process; restarted on the same port and store. */
export class NationalDbReceiver {
	readonly user = "tinh-kh";
	readonly password = "mat-khau-nhan";
	port = 0;
	restarts = 0;
	#child: ChildProcess | null = null;
	#keepAlive = false;

	constructor(readonly store: string) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
			env: {
				...process.env,
				RECEIVER_PORT: String(this.port),
				RECEIVER_STORE: this.store,
				RECEIVER_USER: this.user,
				RECEIVER_PASSWORD: this.password,
			},
			stdio: ["ignore", "pipe", "inherit"],
		});
		this.#child = child;
		const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
		const m = /listening (\d+)/.exec(String(chunk));
		if (!m) throw new Error(`receiver did not start: ${String(chunk)}`);
		this.port = Number(m[1]);
		child.once("exit", () => {
			if (this.#child !== child || !this.#keepAlive) return;
			// Crashed mid-batch: back on the same port with the same store, as a restarted service would be.
			this.restarts++;
			void this.start();
		});
	}

	/** Restarts the process whenever it dies (until `stop`). */
	keepAlive(): void {
		this.#keepAlive = true;
	}

	async control(script: Step[], slowMs = 0): Promise<void> {
		const res = await fetch(`${this.url}/_control`, { method: "POST", body: JSON.stringify({ script, slowMs }) });
		if (!res.ok) throw new Error(`control refused: ${res.status}`);
	}

	async stats(): Promise<{ accepted: Record<string, number>; batches: number; pid: number }> {
		return (await (await fetch(`${this.url}/_stats`)).json()) as {
			accepted: Record<string, number>;
			batches: number;
			pid: number;
		};
	}

	async stop(): Promise<void> {
		this.#keepAlive = false;
		const child = this.#child;
		if (!child || child.exitCode !== null) return;
		child.kill();
		await once(child, "exit");
	}
}
