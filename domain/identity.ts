import { z } from "zod";
import { ENDPOINT_LEVELS, ROLES } from "./roles.js";

/** Claims every token carries: the user, the role and the endpoint the user speaks for. */
export const identityClaimsSchema = z.object({
	sub: z.string().min(1),
	name: z.string().min(1),
	/** Chức vụ, e.g. "Chủ tịch UBND tỉnh": how the lobby and the record name the person's office. */
	position: z.string().min(1).max(200).optional(),
	role: z.enum(ROLES),
	endpointId: z.string().min(1),
	endpointLevel: z.enum(ENDPOINT_LEVELS),
});
export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

export const TOKEN_USES = ["access", "refresh", "session"] as const;

export const tokenClaimsSchema = identityClaimsSchema.extend({
	use: z.enum(TOKEN_USES),
	/** Session tokens are scoped to one reception session. */
	sessionId: z.string().min(1).optional(),
	/** Refresh tokens carry an id the server can revoke. */
	jti: z.string().min(1).optional(),
	/** Expiry (seconds since the epoch): sockets close when their token expires. */
	exp: z.number().optional(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;
export type TokenUse = TokenClaims["use"];

/** What signalling needs of the token service: verify a token for one use, or throw a TokenError. */
export interface TokenVerifier {
	verify(token: unknown, use: TokenUse): TokenClaims;
}
