import { randomUUID } from "node:crypto";
import type { AttendanceFact, AttendanceRecorder } from "../../signaling/AttendanceRecorder.js";
import type { RecordWriter } from "./RecordWriter.js";

/**
 * Stamps each fact with the server time and a fresh idempotency key and hands it to the journal:
 * on disk before `record` returns, in the database exactly once when it is reachable.
 */
export class DurableAttendanceRecorder implements AttendanceRecorder {
	readonly #writer: RecordWriter;
	#counter = 0;

	constructor(writer: RecordWriter) {
		this.#writer = writer;
	}

	record(fact: AttendanceFact): void {
		const at = new Date();
		this.#writer.enqueue(
			"AttendanceEvent",
			{ _id: this.#key(at), ...fact, at },
			{ userId: fact.actorUserId ?? fact.userId, origin: "signalling" },
		);
	}

	/**
	 * Unique, and ordered as recorded: facts of one millisecond (reconnecting, reconnected) keep
	 * their order when sorted by time then id.
	 */
	#key(at: Date): string {
		this.#counter = (this.#counter + 1) % 36 ** 6;
		const counter = this.#counter.toString(36).padStart(6, "0");
		return `${at.getTime().toString(36).padStart(9, "0")}-${counter}-${randomUUID().slice(0, 8)}`;
	}
}
