import { ReceptionError } from "./errors.js";

export type TokenErrorCode = "TOKEN_MISSING" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_WRONG_SCOPE";

/** A token that cannot be accepted; the code tells the client whether signing in again will help. */
export class TokenError extends ReceptionError {
	declare readonly code: TokenErrorCode;

	constructor(code: TokenErrorCode, message: string) {
		super(code, message);
	}
}
