import { ForbiddenError } from "./errors.js";

/**
 * A user's endpoint scope as a set, for filtering lists by endpoint id. Who gets which set is decided
 * by `scopeReach` in permissions.ts; this only answers membership.
 */
export class Scope {
	/** null: every endpoint. */
	readonly endpointIds: ReadonlySet<string> | null;

	constructor(endpointIds: Iterable<string> | null) {
		this.endpointIds = endpointIds === null ? null : new Set(endpointIds);
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
