import { NotFoundError } from "../domain/errors.js";
import type { Participant } from "./Participant.js";

/** Where endpoints wait until the chair admits them, in arrival order. The chair never waits. */
export class Lobby {
	enabled: boolean;
	readonly #waiting = new Map<string, Participant>();

	constructor(enabled: boolean) {
		this.enabled = enabled;
	}

	holds(participant: Participant): boolean {
		return this.enabled && !participant.presiding;
	}

	add(participant: Participant): void {
		this.#waiting.set(participant.id, participant);
	}

	remove(participantId: string): boolean {
		return this.#waiting.delete(participantId);
	}

	/** Takes a waiting participant out of the lobby, to be admitted or denied. */
	take(participantId: string): Participant {
		const participant = this.#waiting.get(participantId);
		if (!participant) throw new NotFoundError(`participant ${participantId} in the lobby`);
		this.#waiting.delete(participantId);
		return participant;
	}

	/** Takes every waiting participant, or those `which` picks (the others keep waiting). */
	takeAll(which: (participant: Participant) => boolean = () => true): Participant[] {
		const taken = [...this.#waiting.values()].filter(which);
		for (const participant of taken) this.#waiting.delete(participant.id);
		return taken;
	}

	get waiting(): Participant[] {
		return [...this.#waiting.values()];
	}
}
