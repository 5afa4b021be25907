import type { Socket } from "socket.io";
import type { TokenClaims, TokenVerifier } from "../domain/identity.js";
import { toHandshakeError } from "./errors.js";

type Next = (err?: Error) => void;

/** Handshake middleware for namespaces used outside a session: a valid access token, or a coded refusal. */
export function authenticateAccess(tokens: TokenVerifier): (socket: Socket, next: Next) => void {
	return (socket, next) => {
		try {
			(socket.data as { claims: TokenClaims }).claims = tokens.verify(
				(socket.handshake.auth as { token?: unknown }).token,
				"access",
			);
			next();
		} catch (err) {
			next(toHandshakeError(err));
		}
	};
}
