import { ForbiddenError } from "../../domain/errors.js";
import type { IdentityClaims } from "../../domain/identity.js";
import { presides } from "../../domain/presides.js";
import type { ReceptionSessionRecord } from "../records/models/ReceptionSession.js";

/** A chair acts on a session only if presiding it (its chair or a co-chair); other roles by their rights. */
export function requirePresidingIfChair(
	identity: Pick<IdentityClaims, "sub" | "role">,
	session: Pick<ReceptionSessionRecord, "entityId" | "chairUserId" | "coChairUserIds">,
): void {
	if (identity.role !== "chair") return;
	if (presides(identity, session)) return;
	throw new ForbiddenError(`only the chair and co-chairs of session ${session.entityId} may do this`);
}
