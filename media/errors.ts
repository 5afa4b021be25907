import { ReceptionError } from "../domain/errors.js";

export type MediaErrorCode = "NOT_FOUND" | "CANNOT_CONSUME" | "MEDIA_UNAVAILABLE" | "MEDIA_ERROR";

/** A media operation refused, with a code the client can act on. */
export class MediaError extends ReceptionError {
	declare readonly code: MediaErrorCode;

	constructor(code: MediaErrorCode, message: string, options?: { cause: unknown }) {
		super(code, message);
		if (options) this.cause = options.cause;
	}
}

/**
 * Runs a mediasoup call that the client's own parameters can make fail (RTP or DTLS parameters, a
 * layer, a transport that closed meanwhile): mediasoup's refusal becomes MEDIA_ERROR naming the
 * operation. The boundary is explicit: nothing upstream guesses from an error's name.
 */
export async function mediaCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (err) {
		if (err instanceof ReceptionError) throw err;
		const reason = err instanceof Error ? err.message : String(err);
		throw new MediaError("MEDIA_ERROR", `${operation} refused: ${reason}`, { cause: err });
	}
}
