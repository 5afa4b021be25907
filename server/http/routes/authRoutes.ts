import { Router } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { z } from "zod";
import { UnauthenticatedError } from "../../../domain/errors.js";
import type { IdentityClaims } from "../../../domain/identity.js";
import { checkPassword } from "../../auth/passwords.js";
import type { UserRecord } from "../../records/models/User.js";
import { authenticate, identityOf } from "../authenticate.js";
import type { ApiServices } from "../RequestContext.js";
import { validate } from "../validate.js";
import { revisionView } from "./revisionRoutes.js";

const loginSchema = z.object({
	username: z.string().min(1),
	password: z.string().min(1),
	/** For users of several endpoints: which one they speak for now (default: the first). */
	endpointId: z.string().min(1).optional(),
});

const refreshSchema = z.object({ refreshToken: z.string().min(1) });

/** POST /auth/login and /auth/refresh issue a short-lived access token and a refresh token; GET /auth/me. */
export function authRoutes(services: ApiServices): Router {
	const router = Router();
	const { records, tokens } = services;

	const identityFor = async (user: UserRecord, endpointId?: string): Promise<IdentityClaims> => {
		if (user.disabled) throw new UnauthenticatedError("this account is disabled");
		const chosen = endpointId ?? user.endpointIds[0];
		if (!chosen || !user.endpointIds.includes(chosen)) {
			throw new UnauthenticatedError("this account does not belong to that endpoint");
		}
		const endpoint = await records.endpoints.current(chosen);
		return { sub: user.entityId, name: user.name, role: user.role, endpointId: chosen, endpointLevel: endpoint.level };
	};
	const issue = (identity: IdentityClaims) => ({
		accessToken: tokens.sign(identity, "access"),
		refreshToken: tokens.sign(identity, "refresh"),
		identity,
	});

	// Password guessing: failed attempts per address and username are limited; successes do not count.
	const loginLimiter = rateLimit({
		windowMs: services.loginLimit.windowMs,
		limit: services.loginLimit.attempts,
		skipSuccessfulRequests: true,
		standardHeaders: "draft-8",
		legacyHeaders: false,
		keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "")}|${String((req.body as { username?: unknown })?.username)}`,
		handler: (_req, res) => {
			res.status(429).json({
				error: { code: "TOO_MANY_ATTEMPTS", message: "too many failed sign-ins; wait and try again" },
			});
		},
	});

	router.post("/login", loginLimiter, async (req, res) => {
		const { username, password, endpointId } = validate(loginSchema, req.body, "body");
		const [user] = await records.users.find({ username });
		const valid = user?.passwordHash ? await checkPassword(password, user.passwordHash) : false;
		if (!user || !valid) throw new UnauthenticatedError("wrong username or password");
		const { passwordHash: _secret, ...shown } = user;
		res.json({ ...issue(await identityFor(user, endpointId)), user: revisionView(shown) });
	});

	router.post("/refresh", async (req, res) => {
		const { refreshToken } = validate(refreshSchema, req.body, "body");
		const claims = tokens.verify(refreshToken, "refresh");
		// Re-read the user: a disabled account or a changed role takes effect at the next refresh.
		const user = await records.users.current(claims.sub).catch(() => {
			throw new UnauthenticatedError("this account no longer exists");
		});
		res.json(issue(await identityFor(user, claims.endpointId)));
	});

	router.get("/me", authenticate(tokens), (_req, res) => {
		res.json({ identity: identityOf(res) });
	});

	return router;
}
