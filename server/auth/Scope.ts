import { ForbiddenError } from "../errors.js";
import type { Role } from "./roles.js";
import type { IdentityClaims } from "./TokenService.js";

/** Roles that see only their own endpoint; the others see the subtree under it. */
const OWN_ENDPOINT_ONLY: readonly Role[] = ["operator", "observer"];

/**
 * The endpoints a user acts for: everywhere for the central office, the subtree under their endpoint
 * for provincial roles, their own endpoint for operators and observers.
 */
export class Scope {
	/** null: every endpoint. */
	readonly endpointIds: ReadonlySet<string> | null;

	constructor(endpointIds: Iterable<string> | null) {
		this.endpointIds = endpointIds === null ? null : new Set(endpointIds);
	}

	static ownOnly(identity: IdentityClaims): boolean {
		return OWN_ENDPOINT_ONLY.includes(identity.role);
	}

	/** Whether a record belonging to any of these endpoints is within scope. */
	covers(endpointIds: readonly string[]): boolean {
		const own = this.endpointIds;
		return own === null || endpointIds.some((id) => own.has(id));
	}

	require(endpointIds: readonly string[], what: string): void {
		if (!this.covers(endpointIds)) throw new ForbiddenError(`${what} is outside your endpoint scope`);
	}

	/** Stricter: every one of these endpoints in scope (a user spanning endpoints, granted by one of them). */
	requireAll(endpointIds: readonly string[], what: string): void {
		if (!endpointIds.every((id) => this.covers([id])))
			throw new ForbiddenError(`${what} is outside your endpoint scope`);
	}

	/** A query condition restricting `field` to the scope. */
	filter(field: string): Record<string, unknown> {
		return this.endpointIds === null ? {} : { [field]: { $in: [...this.endpointIds] } };
	}
}
