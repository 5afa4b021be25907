import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * bcrypt runs in a worker thread: a hash costs tens of milliseconds of CPU, and sign-in floods must
 * not stall live sessions' signalling on the main thread.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const bcrypt = require(workerData.bcryptPath);
parentPort.on("message", ({ id, op, password, arg }) => {
	try {
		const result = op === "hash" ? bcrypt.hashSync(password, arg) : bcrypt.compareSync(password, arg);
		parentPort.postMessage({ id, result });
	} catch (err) {
		parentPort.postMessage({ id, error: String(err && err.message || err) });
	}
});`;

type Pending = { resolve: (value: string | boolean) => void; reject: (err: Error) => void };

class HashWorker {
	#worker: Worker | null = null;
	#next = 0;
	readonly #pending = new Map<number, Pending>();

	run(op: "hash" | "compare", password: string, arg: string | number): Promise<string | boolean> {
		const worker = this.#start();
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			worker.ref();
			worker.postMessage({ id, op, password, arg });
		});
	}

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const bcryptPath = createRequire(import.meta.url).resolve("bcryptjs");
		const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath } });
		worker.unref();
		worker.on("message", ({ id, result, error }: { id: number; result?: string | boolean; error?: string }) => {
			const pending = this.#pending.get(id);
			this.#pending.delete(id);
			if (this.#pending.size === 0) worker.unref();
			if (!pending) return;
			if (error !== undefined || result === undefined) pending.reject(new Error(error ?? "no result"));
			else pending.resolve(result);
		});
		const fail = (err: Error) => {
			this.#worker = null;
			for (const pending of this.#pending.values()) pending.reject(err);
			this.#pending.clear();
		};
		worker.on("error", fail);
		worker.on("exit", (code) => fail(new Error(`password worker exited with ${code}`)));
		this.#worker = worker;
		return worker;
	}
}

const hasher = new HashWorker();

export async function hashPassword(password: string, rounds: number): Promise<string> {
	return String(await hasher.run("hash", password, rounds));
}

export async function checkPassword(password: string, hash: string): Promise<boolean> {
	return (await hasher.run("compare", password, hash)) === true;
}

const decoys = new Map<number, Promise<string>>();

/**
 * A hash of a random password at this cost: checking against it when the username is unknown takes
 * as long as a real check, so the answer's timing does not tell which usernames exist.
 */
export function decoyHash(rounds: number): Promise<string> {
	let decoy = decoys.get(rounds);
	if (!decoy) {
		decoy = hashPassword(randomBytes(18).toString("base64"), rounds);
		decoys.set(rounds, decoy);
	}
	return decoy;
}
