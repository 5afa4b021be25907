import { randomUUID } from "node:crypto";
import type { AttendanceFact, AttendanceRecorder } from "../../signaling/AttendanceRecorder.js";
import type { Logger } from "../logger.js";
import { JournalFullError } from "./DurableJournal.js";
import type { RecordWriter } from "./RecordWriter.js";

/**
 * Stamps each fact with the server time and a fresh idempotency key and hands it to the journal:
 * on disk within a flush (grouped with others), in the database exactly once when it is reachable.
 */
export class DurableAttendanceRecorder implements AttendanceRecorder {
	readonly #writer: RecordWriter;
	readonly #logger: Logger;
	#counter = 0;

	constructor(writer: RecordWriter, logger: Logger) {
		this.#writer = writer;
		this.#logger = logger;
	}

	record(fact: AttendanceFact): void {
		const at = new Date();
		const event = { _id: this.#key(at), ...fact, at };
		try {
			this.#writer.enqueue("AttendanceEvent", event, { userId: fact.actorUserId ?? fact.userId, origin: "signalling" });
		} catch (err) {
			if (!(err instanceof JournalFullError)) throw err;
			// The room goes on; the fact stays in the log for whoever reconstructs attendance by hand.
			this.#logger.error({ attendance: event }, "attendance fact not journalled: the journal is full");
		}
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
