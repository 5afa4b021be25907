import type { Socket } from "socket.io";
import type { TokenClaims, TokenService } from "../server/auth/TokenService.js";

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
			const error = new Error((err as Error).message) as Error & { data: unknown };
			error.data = { code: (err as { code?: string }).code ?? "TOKEN_INVALID" };
			next(error);
		}
	};
}
