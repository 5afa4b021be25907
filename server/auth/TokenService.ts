import jwt from "jsonwebtoken";
import { z } from "zod";
import { ENDPOINT_LEVELS, ROLES } from "./roles.js";
import { TokenError } from "./TokenError.js";

/** Claims every token carries: the user, the role and the endpoint the user speaks for. */
export const identityClaimsSchema = z.object({
	sub: z.string().min(1),
	name: z.string().min(1),
	role: z.enum(ROLES),
	endpointId: z.string().min(1),
	endpointLevel: z.enum(ENDPOINT_LEVELS),
});
export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

const tokenSchema = identityClaimsSchema.extend({
	use: z.enum(["access", "refresh", "session"]),
	/** Session tokens are scoped to one reception session. */
	sessionId: z.string().min(1).optional(),
});
export type TokenClaims = z.infer<typeof tokenSchema>;
export type TokenUse = TokenClaims["use"];

export interface TokenServiceOptions {
	secret: string;
	issuer?: string;
	accessTtlSeconds: number;
	refreshTtlSeconds: number;
	sessionTtlSeconds: number;
}

/** Signs and verifies the platform's JWTs (HS256). */
export class TokenService {
	readonly #options: Required<TokenServiceOptions>;

	constructor(options: TokenServiceOptions) {
		this.#options = { issuer: "reception-bridge", ...options };
	}

	sign(identity: IdentityClaims, use: TokenUse, sessionId?: string): string {
		const ttl = {
			access: this.#options.accessTtlSeconds,
			refresh: this.#options.refreshTtlSeconds,
			session: this.#options.sessionTtlSeconds,
		}[use];
		const claims: TokenClaims = { ...identityClaimsSchema.parse(identity), use, ...(sessionId ? { sessionId } : {}) };
		return jwt.sign(claims, this.#options.secret, {
			algorithm: "HS256",
			expiresIn: ttl,
			issuer: this.#options.issuer,
		});
	}

	/** Verifies signature, expiry, issuer, shape and intended use; throws TokenError otherwise. */
	verify(token: unknown, use: TokenUse): TokenClaims {
		if (typeof token !== "string" || token.length === 0) throw new TokenError("TOKEN_MISSING", "no token given");
		let decoded: unknown;
		try {
			decoded = jwt.verify(token, this.#options.secret, { algorithms: ["HS256"], issuer: this.#options.issuer });
		} catch (err) {
			if (err instanceof jwt.TokenExpiredError) throw new TokenError("TOKEN_EXPIRED", "token expired");
			throw new TokenError("TOKEN_INVALID", `token rejected: ${(err as Error).message}`);
		}
		const claims = tokenSchema.safeParse(decoded);
		if (!claims.success) throw new TokenError("TOKEN_INVALID", "token claims are malformed");
		if (claims.data.use !== use) {
			throw new TokenError("TOKEN_WRONG_SCOPE", `a ${claims.data.use} token cannot be used as a ${use} token`);
		}
		return claims.data;
	}
}
