import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import jwt from "jsonwebtoken";
import {
	type IdentityClaims,
	identityClaimsSchema,
	type TokenClaims,
	type TokenUse,
	type TokenVerifier,
	tokenClaimsSchema,
} from "../../domain/identity.js";
import { TokenError } from "../../domain/TokenError.js";

export interface TokenServiceOptions {
	secret: string;
	issuer?: string;
	accessTtlSeconds: number;
	refreshTtlSeconds: number;
	sessionTtlSeconds: number;
}

/** Signs and verifies the platform's JWTs (HS256). */
export class TokenService implements TokenVerifier {
	readonly #options: Required<TokenServiceOptions>;

	constructor(options: TokenServiceOptions) {
		this.#options = { issuer: "reception-bridge", ...options };
	}

	/** `tokenId` names a refresh token in the revocation store. */
	sign(identity: IdentityClaims, use: TokenUse, sessionId?: string, tokenId?: string): string {
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
			// Every token has an id: a refresh token's is revocable, a session pass's can be refused after removal.
			jwtid: tokenId ?? randomUUID(),
		});
	}

	/**
	 * The key of a personal feed a calendar application fetches without a token (a duty roster's iCal):
	 * an HMAC of its purpose and owner under the signing secret, so changing the secret revokes every feed.
	 */
	feedKey(purpose: string, subject: string): string {
		return createHmac("sha256", this.#options.secret).update(`${purpose}:${subject}`).digest("base64url");
	}

	/** Whether `key` is the feed key of this purpose and owner (compared in constant time). */
	isFeedKey(purpose: string, subject: string, key: string): boolean {
		const want = Buffer.from(this.feedKey(purpose, subject));
		const got = Buffer.from(key);
		return got.length === want.length && timingSafeEqual(got, want);
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
		const claims = tokenClaimsSchema.safeParse(decoded);
		if (!claims.success) throw new TokenError("TOKEN_INVALID", "token claims are malformed");
		if (claims.data.use !== use) {
			throw new TokenError("TOKEN_WRONG_SCOPE", `a ${claims.data.use} token cannot be used as a ${use} token`);
		}
		return claims.data;
	}
}
