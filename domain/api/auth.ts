import { z } from "zod";

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
