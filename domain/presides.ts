import type { IdentityClaims } from "./identity.js";
import { roleMay } from "./permissions.js";

/** Who presides a session, as its record names them. */
export interface ChairedSession {
	chairUserId: string;
	/** Named co-chairs (a vice-chair delegated to, the chairs of a joint session); default none. */
	coChairUserIds?: readonly string[];
}

/**
 * Whether this user has the chair's powers in this session's room: the presiding chair or a named
 * co-chair, whose role still allows presiding. Any other chair is an ordinary participant there.
 */
export function presides(identity: Pick<IdentityClaims, "sub" | "role">, session: ChairedSession): boolean {
	if (!roleMay(identity.role, "preside", "sessions")) return false;
	return identity.sub === session.chairUserId || (session.coChairUserIds ?? []).includes(identity.sub);
}
