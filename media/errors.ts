import { ReceptionError } from "../domain/errors.js";

export type MediaErrorCode = "NOT_FOUND" | "CANNOT_CONSUME" | "MEDIA_UNAVAILABLE" | "MEDIA_ERROR";

/** A media operation refused before mediasoup was asked, with a code the client can act on. */
export class MediaError extends ReceptionError {
	declare readonly code: MediaErrorCode;

	constructor(code: MediaErrorCode, message: string) {
		super(code, message);
	}
}
