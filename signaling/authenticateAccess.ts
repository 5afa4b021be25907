import type { Socket } from "socket.io";
import type { TokenClaims, TokenService } from "../server/auth/TokenService.js";
import { toHandshakeError } from "./errors.js";

type Next = (err?: Error) => void;

/** Handshake middleware for namespaces used outside a session: a valid access token, or a coded refusal. */
export function authenticateAccess(tokens: TokenService): (socket: Socket, next: Next) => void {
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
