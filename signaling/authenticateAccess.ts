import type { Socket } from "socket.io";
import type { TokenClaims, TokenVerifier } from "../domain/identity.js";
import type { Scope } from "../domain/Scope.js";
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

/**
 * Handshake middleware after `authenticateAccess`: a watcher's endpoint scope, kept on the socket so
 * every push is filtered by it. `watches` says whether this user watches at all: when not, `refuse`
 * names the refusal, or (without it) the socket connects with no scope and hears nothing.
 */
export function watcherScope(
	scopeOf: (claims: TokenClaims) => Promise<Scope>,
	watches: (claims: TokenClaims) => boolean,
	refuse?: (claims: TokenClaims) => Error,
): (socket: Socket, next: Next) => void {
	return (socket, next) => {
		const data = socket.data as { claims: TokenClaims; scope?: Scope };
		if (!watches(data.claims)) {
			next(refuse?.(data.claims));
			return;
		}
		scopeOf(data.claims)
			.then((scope) => {
				data.scope = scope;
				next();
			})
			.catch((err: Error) => next(err));
	};
}
