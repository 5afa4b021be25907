import { ReceptionError, toErrorBody } from "../domain/errors.js";
import { TokenError } from "../domain/TokenError.js";
import { type HandshakeErrorCode, type ProtocolError, REQUEST_ERROR_CODES, type RequestErrorCode } from "./protocol.js";

/** A request refused with one of the protocol's own codes; its message goes back to the client. */
export class SignalingError extends ReceptionError {
	declare readonly code: RequestErrorCode;

	constructor(code: RequestErrorCode, message: string) {
		super(code, message);
	}
}

export class NotInSessionError extends SignalingError {
	constructor(why = "join the session first") {
		super("NOT_IN_SESSION", why);
	}
}

export class ChairMutedError extends SignalingError {
	constructor() {
		super("CHAIR_MUTED", "the chair muted this microphone; only the chair can lift it");
	}
}

export class SessionEndedError extends SignalingError {
	constructor(why = "this session has ended") {
		super("SESSION_ENDED", why);
	}
}

/** Too many requests on this socket, or too many of a costly kind (checks) for this user. */
export class RateLimitedError extends SignalingError {
	constructor(why = "too many requests; slow down") {
		super("RATE_LIMITED", why);
	}
}

/** A message over the size the protocol allows (SOCKET_MAX_MESSAGE_BYTES). */
export class PayloadTooLargeError extends SignalingError {
	constructor(limit: number) {
		super("PAYLOAD_TOO_LARGE", `a message may be at most ${limit} bytes`);
	}
}

function isRequestErrorCode(code: string): code is RequestErrorCode {
	return (REQUEST_ERROR_CODES as readonly string[]).includes(code);
}

const INTERNAL: ProtocolError = { code: "INTERNAL_ERROR", message: "internal error" };

/**
 * What the client is told about a failed request: the catalogue's answer (domain/errors.ts) when its
 * code is one the protocol declares; anything else (a bug, a code this protocol does not carry)
 * becomes INTERNAL_ERROR without its message. mediasoup's refusals arrive here already wrapped as
 * MEDIA_ERROR by the media layer (media/errors.ts).
 */
export function toProtocolError(err: unknown): ProtocolError {
	const body = toErrorBody(err);
	return isRequestErrorCode(body.code) ? { ...body, code: body.code } : { ...INTERNAL };
}

/** A refused handshake: the client reads `data.code` in its `connect_error`. */
export class HandshakeError extends Error {
	readonly data: { code: HandshakeErrorCode; message: string };

	constructor(code: HandshakeErrorCode, message: string) {
		super(message);
		this.data = { code, message };
	}
}

/** A token the TokenService refused keeps its code; anything else is an invalid token. */
export function toHandshakeError(err: unknown): HandshakeError {
	if (err instanceof HandshakeError) return err;
	if (err instanceof TokenError) return new HandshakeError(err.code, err.message);
	return new HandshakeError("TOKEN_INVALID", "token rejected");
}
