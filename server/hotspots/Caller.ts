import { NotFoundError } from "../../domain/errors.js";
import type { IdentityClaims } from "../../domain/identity.js";
import type { Scope } from "../../domain/Scope.js";
import type { AuditActor } from "../records/AuditLog.js";

/** Who asks, for the hot-spot services: the identity (for `can`), the audit actor and the endpoint scope. */
export interface Caller {
	identity: IdentityClaims;
	actor: AuditActor;
	scope: Scope;
}

/** The platform itself (the clock, a dialogue's outcome): sees everything, named in the audit log. */
export function systemCaller(scope: Scope, origin: string): Caller {
	return {
		identity: { sub: "system", name: "Hệ thống", role: "central", endpointId: "system", endpointLevel: "central" },
		actor: { userId: "system", origin },
		scope,
	};
}

/**
 * A record (or a unit a request names) outside the caller's scope is answered exactly as an absent
 * one: 404 naming it, never 403, so the answer tells nothing of what the caller may not see.
 */
export function requireHeld(caller: Caller, endpointIds: readonly string[], what: string): void {
	if (!caller.scope.covers([...endpointIds])) throw new NotFoundError(what);
}
