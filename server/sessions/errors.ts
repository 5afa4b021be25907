import { ReceptionError } from "../../domain/errors.js";

/** The notice is issued: what it states changes only through a correction, which issues a new version. */
export class NoticeFrozenError extends ReceptionError {
	constructor(sessionId: string, what: string) {
		super(
			"NOTICE_FROZEN",
			`the conclusion notice of session ${sessionId} is issued: ${what} only through a correction (POST /api/sessions/${sessionId}/notices/corrections)`,
		);
	}
}

/** An upload over the size limit: refused before anything is stored. */
export class FileTooLargeError extends ReceptionError {
	constructor(limitBytes: number) {
		super("PAYLOAD_TOO_LARGE", `file: larger than the ${Math.round(limitBytes / 1024 / 1024)} MB limit`);
	}
}
