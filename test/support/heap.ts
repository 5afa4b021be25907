import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** Heap in use after full collections: what the process still holds on to. */
export async function heapAfterGc(): Promise<number> {
	for (let i = 0; i < 3; i++) {
		collect();
		await new Promise((r) => setImmediate(r));
	}
	return process.memoryUsage().heapUsed;
}

export const MB = 1024 * 1024;
