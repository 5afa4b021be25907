import type { Role } from "../auth/roles.js";
import type { IdentityClaims } from "../auth/TokenService.js";
import { ForbiddenError } from "../errors.js";

export type Resource = "endpoints" | "users" | "sessions" | "cases" | "outcomes" | "attendance" | "audit" | "health";
/** `transition` is a session's lifecycle step; `attend` is taking part in it live (a signalling token). */
export type Action = "read" | "write" | "transition" | "attend";

const EVERYONE: readonly Role[] = ["chair", "secretariat", "central", "operator", "it", "inspector", "observer"];

/**
 * Which roles may do what (docs/authorization.md renders this table). Endpoint scope narrows it
 * further: see `Scope`.
 */
export const PERMISSIONS: Record<Resource, Partial<Record<Action, readonly Role[]>>> = {
	endpoints: { read: EVERYONE, write: ["central", "secretariat", "it"] },
	users: { read: ["central", "secretariat", "it", "inspector"], write: ["central", "secretariat", "it"] },
	sessions: {
		read: EVERYONE,
		write: ["central", "secretariat"],
		transition: ["chair", "secretariat", "central"],
		attend: ["chair", "secretariat", "central", "operator", "it", "inspector", "observer"],
	},
	cases: {
		read: ["chair", "secretariat", "central", "operator", "inspector"],
		write: ["secretariat", "central", "operator"],
	},
	outcomes: {
		read: ["chair", "secretariat", "central", "operator", "inspector"],
		write: ["chair", "secretariat", "central"],
	},
	attendance: {
		read: ["chair", "secretariat", "central", "operator", "it", "inspector"],
		write: ["secretariat", "central"],
	},
	audit: { read: ["central", "inspector"] },
	/** Endpoint presence, media health, connectivity checks, workers: the IT dashboard and readiness boards. */
	health: { read: ["it", "central", "inspector", "chair", "secretariat"] },
};

/** Throws FORBIDDEN unless the identity's role may do this action on this resource. */
export function authorize(identity: IdentityClaims, resource: Resource, action: Action): void {
	if (!PERMISSIONS[resource][action]?.includes(identity.role)) {
		throw new ForbiddenError(`role ${identity.role} may not ${action} ${resource}`);
	}
}
