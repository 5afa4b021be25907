import { closeSync, fchmodSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { AuditCheckpoint, AuditSeal } from "./AuditSeal.js";

/**
 * Signed checkpoints of the audit chain's head, appended to a file outside the database (one per
 * database, `0600` in a `0700` folder): an entry later missing (truncation) or with another hash
 * (recomputation) than a checkpoint named is caught by the verifier. Ship the folder off the
 * machine (docs/operations.md, Hardening) so the checkpoints outlive whoever reaches this one.
 */
export class AuditCheckpoints {
	readonly #file: string;
	readonly #seal: AuditSeal;
	#lastSeq = 0;

	constructor(file: string, seal: AuditSeal) {
		this.#file = file;
		this.#seal = seal;
		this.#lastSeq = this.read().reduce((max, cp) => Math.max(max, Number(cp.seq) || 0), 0);
	}

	get file(): string {
		return this.#file;
	}

	/** Every checkpoint in the file (an unreadable line is skipped; the verifier sees what is signed). */
	read(): AuditCheckpoint[] {
		let text = "";
		try {
			text = readFileSync(this.#file, "utf8");
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
			throw err;
		}
		return text
			.split("\n")
			.filter(Boolean)
			.flatMap((line) => {
				try {
					return [JSON.parse(line) as AuditCheckpoint];
				} catch {
					return [];
				}
			});
	}

	/** Appends a checkpoint of this head, unless one at or past it is there already. */
	write(head: { seq: number; hash: string }, at = new Date()): boolean {
		if (head.seq <= this.#lastSeq) return false;
		mkdirSync(path.dirname(this.#file), { recursive: true, mode: 0o700 });
		const fd = openSync(this.#file, "a", 0o600);
		try {
			fchmodSync(fd, 0o600);
			writeSync(fd, `${JSON.stringify(this.#seal.checkpoint(head.seq, head.hash, at))}\n`);
			fdatasyncSync(fd);
		} finally {
			closeSync(fd);
		}
		this.#lastSeq = head.seq;
		return true;
	}
}
