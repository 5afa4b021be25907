import { z } from "zod";
import { identityClaimsSchema } from "../identity.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { userView } from "./users.js";

/**
 * Sizes of sign-in fields. Bounded so that nothing an anonymous caller sends can grow the server's
 * memory: the body is checked against them before any limiter or store keys on it.
 */
export const SIGN_IN_LIMITS = { username: 64, password: 256, endpointId: 64, token: 4096 } as const;

export const loginSchema = z.object({
	username: z.string().min(1).max(SIGN_IN_LIMITS.username),
	password: z.string().min(1).max(SIGN_IN_LIMITS.password),
	/** For users of several endpoints: which one they speak for now (default: the first). */
	endpointId: z.string().min(1).max(SIGN_IN_LIMITS.endpointId).optional(),
});
export type LoginRequest = z.infer<typeof loginSchema>;

export const refreshSchema = z.object({ refreshToken: z.string().min(1).max(SIGN_IN_LIMITS.token) });

/** The signed-in user's identity, as every access token carries it. */
export const identityAnswer = identityClaimsSchema;

/** A short-lived access token for `Authorization: Bearer`, and a refresh token to renew it. */
export const tokensAnswer = z.object({
	accessToken: z.string(),
	refreshToken: z.string(),
	identity: identityAnswer,
});

export type TokensAnswer = z.output<typeof tokensAnswer>;

const logoutAnswer = z.object({ revoked: z.literal(true) });

export const loginAnswer = tokensAnswer.extend({ user: userView });

const route = routesOf("auth");
const open = { open: true } as const;

export const authApi: ApiRoute[] = [
	// Failed attempts are limited per address and account: TOO_MANY_ATTEMPTS.
	route("POST /auth/login", "Sign in with a username and password", loginAnswer, { ...open, body: loginSchema }),
	// A disabled account or a changed role takes effect here.
	route("POST /auth/refresh", "New tokens for a live refresh token", tokensAnswer, { ...open, body: refreshSchema }),
	route("POST /auth/logout", "Sign out: the refresh token stops at once", logoutAnswer, {
		...open,
		body: refreshSchema,
	}),
	route("GET /auth/me", "Who the access token speaks for", z.object({ identity: identityAnswer })),
];
