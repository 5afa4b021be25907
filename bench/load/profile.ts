import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where a process spends its CPU: the top symbols of `perf` samples (software clock) over a window. */
export interface Profile {
	/** Why there is no profile (perf missing or not permitted), if there is none. */
	unavailable?: string;
	/** Share of samples per symbol, highest first, with the object each lives in. */
	top: { share: number; object: string; symbol: string }[];
	/** Share of samples per object (the worker, libsrtp2, libc, the kernel, …), highest first. */
	objects: { share: number; object: string }[];
}

/**
 * Samples `pid` with `perf record -e cpu-clock` (hardware counters are not exposed on these VMs) for
 * `seconds`, and returns its top symbols. Resolves even when perf cannot run, with the reason.
 */
export async function profileProcess(pid: number, seconds: number, limit = 25): Promise<Profile> {
	const dir = await mkdtemp(path.join(os.tmpdir(), "rb-perf-"));
	const data = path.join(dir, "perf.data");
	try {
		await run("perf", [
			"record",
			"-e",
			"cpu-clock",
			"-F",
			"999",
			"-g",
			"-p",
			String(pid),
			"-o",
			data,
			"--",
			"sleep",
			String(seconds),
		]);
		const report = async (sort: string) =>
			(
				await run(
					"perf",
					["report", "-i", data, "--stdio", "--no-children", "--sort", sort, "-g", "none", "--percent-limit", "0.3"],
					{ maxBuffer: 16 * 1024 * 1024 },
				)
			).stdout
				.split("\n")
				.filter((line) => /^\s*[\d.]+%/.test(line))
				.map((line) => line.trim().split(/\s{2,}/));
		const top = (await report("dso,symbol")).map(([share, object, symbol]) => ({
			share: Number.parseFloat(share ?? "0") / 100,
			object: object ?? "",
			symbol: (symbol ?? "").replace(/^\[[.k]\]\s*/, ""),
		}));
		const objects = (await report("dso")).map(([share, object]) => ({
			share: Number.parseFloat(share ?? "0") / 100,
			object: object ?? "",
		}));
		return { top: top.slice(0, limit), objects };
	} catch (err) {
		return { unavailable: String(err).split("\n")[0] ?? "perf failed", top: [], objects: [] };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
