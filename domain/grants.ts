import { ForbiddenError } from "./errors.js";
import type { IdentityClaims } from "./identity.js";
import { ROLES, type Role } from "./roles.js";

/**
 * Which roles each role may give. Managing a user (creating, editing, disabling, resetting the
 * password) needs the right to give the role that user has and the role they are given, so nobody
 * manages an account above what they could have granted. docs/authorization.md renders this table.
 */
export const GRANTS: Record<Role, readonly Role[]> = {
	central: ROLES,
	secretariat: ["operator", "observer"],
	it: ["operator", "observer"],
	chair: [],
	operator: [],
	inspector: [],
	observer: [],
};

/** Fields of a user that say what the user may do: nobody changes their own. */
export const SELF_LOCKED_FIELDS = ["role", "endpointIds", "disabled", "leadership"] as const;

export function mayGrant(granter: Role, role: Role): boolean {
	return GRANTS[granter].includes(role);
}

/** The parts of a user record the grant rules look at. */
export interface GrantTarget {
	id?: string;
	role: Role;
}

/**
 * Whether `actor` may write this user: `before` is the stored user (absent when creating), `after`
 * the user as it would be, `changed` the fields the request changes.
 */
export function requireMayManageUser(
	actor: Pick<IdentityClaims, "sub" | "role">,
	before: GrantTarget | null,
	after: GrantTarget,
	changed: readonly string[],
): void {
	if (before?.id === actor.sub) {
		const locked = SELF_LOCKED_FIELDS.filter((f) => changed.includes(f));
		if (locked.length > 0) throw new ForbiddenError(`nobody changes their own ${locked.join(", ")}`);
		return;
	}
	if (before && !mayGrant(actor.role, before.role)) {
		throw new ForbiddenError(`role ${actor.role} may not manage a user whose role is ${before.role}`);
	}
	if (!mayGrant(actor.role, after.role))
		throw new ForbiddenError(`role ${actor.role} may not grant role ${after.role}`);
}

/** Whether `actor` may set another user's password (their own is changed with the current one). */
export function requireMayResetPassword(actor: Pick<IdentityClaims, "sub" | "role">, target: GrantTarget): void {
	if (!mayGrant(actor.role, target.role)) {
		throw new ForbiddenError(`role ${actor.role} may not reset the password of a user whose role is ${target.role}`);
	}
}
