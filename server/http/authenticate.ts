import type { Request, RequestHandler, Response } from "express";
import { UnauthenticatedError } from "../../domain/errors.js";
import type { IdentityClaims } from "../../domain/identity.js";
import type { TokenService } from "../auth/TokenService.js";
import type { AuditActor } from "../records/AuditLog.js";

/** Verifies the bearer access token and keeps the identity for the route. */
export function authenticate(tokens: TokenService): RequestHandler {
	return (req, res, next) => {
		const header = req.get("authorization") ?? "";
		const match = /^Bearer\s+(\S+)$/i.exec(header);
		if (!match) throw new UnauthenticatedError("an access token is required (Authorization: Bearer …)");
		res.locals.identity = tokens.verify(match[1], "access");
		next();
	};
}

export function identityOf(res: Response): IdentityClaims {
	const identity = res.locals.identity as IdentityClaims | undefined;
	if (!identity) throw new UnauthenticatedError();
	return identity;
}

/** Who is writing, and from where, for the audit log. */
export function actorOf(req: Request, res: Response): AuditActor {
	const identity = identityOf(res);
	return { userId: identity.sub, role: identity.role, origin: req.ip ?? "unknown" };
}
