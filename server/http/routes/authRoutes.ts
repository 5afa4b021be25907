import { type RequestHandler, Router } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { type LoginRequest, loginSchema, refreshSchema } from "../../../domain/api/auth.js";
import { UnauthenticatedError } from "../../../domain/errors.js";
import { type IdentityClaims, identityClaimsSchema } from "../../../domain/identity.js";
import { checkPassword, decoyHash } from "../../auth/passwords.js";
import type { UserRecord } from "../../records/models/User.js";
import { authenticate, identityOf } from "../authenticate.js";
import { BoundedRateStore } from "../BoundedRateStore.js";
import type { ApiServices } from "../RequestContext.js";
import { validate } from "../validate.js";
import { revisionView } from "./revisionRoutes.js";

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
		return {
			sub: user.entityId,
			name: user.name,
			...(user.positionTitle ? { position: user.positionTitle } : {}),
			role: user.role,
			endpointId: chosen,
			endpointLevel: endpoint.level,
		};
	};
	const issue = async (identity: IdentityClaims) => ({
		accessToken: tokens.sign(identity, "access"),
		refreshToken: tokens.sign(identity, "refresh", undefined, await services.refreshTokens.issue(identity.sub)),
		identity,
	});

	// Password guessing: failed attempts per address and username, and per username from any
	// address, are limited; successes do not count. The limiters key on the validated body only.
	const refuse: RequestHandler = (_req, res) => {
		res.status(429).json({
			error: { code: "TOO_MANY_ATTEMPTS", message: "too many failed sign-ins; wait and try again" },
		});
	};
	const limiter = (limit: number, key: (ip: string, body: LoginRequest) => string) =>
		rateLimit({
			windowMs: services.loginLimit.windowMs,
			limit,
			skipSuccessfulRequests: true,
			standardHeaders: "draft-8",
			legacyHeaders: false,
			store: new BoundedRateStore(services.loginLimit.maxTrackedKeys),
			keyGenerator: (req, res) => key(ipKeyGenerator(req.ip ?? ""), res.locals.login as LoginRequest),
			handler: refuse,
		});
	const validLogin: RequestHandler = (req, res, next) => {
		res.locals.login = validate(loginSchema, req.body, "body");
		next();
	};

	router.post(
		"/login",
		validLogin,
		limiter(services.loginLimit.attempts, (ip, { username }) => `${ip}|${username}`),
		limiter(services.loginLimit.accountAttempts, (_ip, { username }) => username),
		async (_req, res) => {
			const { username, password, endpointId } = res.locals.login as LoginRequest;
			const [user] = await records.users.find({ username });
			// The same bcrypt work whether or not the username exists.
			const hash = user?.passwordHash ?? (await decoyHash(services.bcryptRounds));
			const valid = await checkPassword(password, hash);
			if (!user?.passwordHash || !valid) throw new UnauthenticatedError("wrong username or password");
			const { passwordHash: _secret, ...shown } = user;
			res.json({ ...(await issue(await identityFor(user, endpointId))), user: revisionView(shown) });
		},
	);

	router.post("/refresh", async (req, res) => {
		const { refreshToken } = validate(refreshSchema, req.body, "body");
		const claims = tokens.verify(refreshToken, "refresh");
		await services.refreshTokens.requireLive(claims.jti, claims.sub);
		// Re-read the user: a disabled account or a changed role takes effect at the next refresh.
		const user = await records.users.current(claims.sub).catch(() => {
			throw new UnauthenticatedError("this account no longer exists");
		});
		res.json(await issue(await identityFor(user, claims.endpointId)));
	});

	/** Signing out: the refresh token stops working at once (the access token expires soon after). */
	router.post("/logout", async (req, res) => {
		const { refreshToken } = validate(refreshSchema, req.body, "body");
		const claims = tokens.verify(refreshToken, "refresh");
		if (claims.jti) await services.refreshTokens.revoke(claims.jti);
		res.json({ revoked: true });
	});

	router.get("/me", authenticate(tokens), (_req, res) => {
		// Only who the token speaks for, not its own bookkeeping (use, expiry, id).
		res.json({ identity: identityClaimsSchema.parse(identityOf(res)) });
	});

	return router;
}
