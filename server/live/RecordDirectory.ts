import { NotFoundError } from "../../domain/errors.js";
import type { SessionDirectory, SessionFacts, UserStanding } from "../../signaling/SessionState.js";
import type { Records } from "../records/Records.js";

/** Signalling's view of the record: a session's status and who presides it, a user's standing. */
export class RecordDirectory implements SessionDirectory {
	readonly #records: Records;

	constructor(records: Records) {
		this.#records = records;
	}

	async session(sessionId: string): Promise<SessionFacts | null> {
		const session = await orNull(this.#records.sessions.current(sessionId));
		if (!session) return null;
		return { status: session.status, chairUserId: session.chairUserId, coChairUserIds: session.coChairUserIds ?? [] };
	}

	async user(userId: string): Promise<UserStanding | null> {
		const user = await orNull(this.#records.users.current(userId));
		return user && { role: user.role, disabled: user.disabled };
	}
}

async function orNull<T>(read: Promise<T>): Promise<T | null> {
	try {
		return await read;
	} catch (err) {
		if (err instanceof NotFoundError) return null;
		throw err;
	}
}
