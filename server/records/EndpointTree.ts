import type { IdentityClaims } from "../../domain/identity.js";
import { scopeReach } from "../../domain/permissions.js";
import { Scope } from "../../domain/Scope.js";
import type { EndpointRecord } from "./models/Endpoint.js";
import type { RevisionStore } from "./RevisionStore.js";

/** The endpoint hierarchy: subtrees for filters, and each user's endpoint scope. */
export class EndpointTree {
	readonly #endpoints: RevisionStore<EndpointRecord>;

	constructor(endpoints: RevisionStore<EndpointRecord>) {
		this.#endpoints = endpoints;
	}

	/**
	 * The endpoint, every endpoint under it, and the units it succeeded (merged or renamed in the 2025
	 * reform) with theirs: records of the old units count under their successor. Indexed queries on
	 * `ancestors` and `successorId`, repeated until nothing new is found (a chain of reforms).
	 */
	subtree(endpointId: string): Promise<string[]> {
		return this.#closure(endpointId, (ids) => ({
			$or: [{ ancestors: { $in: ids } }, { successorId: { $in: ids } }],
		}));
	}

	/** The endpoint and the units it succeeded, without what lies under them: an operator's own records. */
	own(endpointId: string): Promise<string[]> {
		return this.#closure(endpointId, (ids) => ({ successorId: { $in: ids } }));
	}

	async #closure(endpointId: string, step: (ids: string[]) => Record<string, unknown>): Promise<string[]> {
		const found = new Set([endpointId]);
		let frontier = [endpointId];
		while (frontier.length > 0) {
			const next = await this.#endpoints.find(step(frontier));
			frontier = next.map((e) => e.entityId).filter((id) => !found.has(id));
			for (const id of frontier) found.add(id);
		}
		return [...found];
	}

	/** An endpoint's name as it was at `at` (the revision in force then): a record shows the names of its day. */
	async nameOn(endpointId: string, at: Date): Promise<string> {
		return (await this.namesOn([endpointId]))(endpointId, at);
	}

	/** Names of these endpoints on any day, from one read of their histories: for a page of past records. */
	async namesOn(endpointIds: readonly string[]): Promise<(endpointId: string, at: Date) => string> {
		const histories = await this.#endpoints.histories(endpointIds);
		return (endpointId, at) => {
			const revisions = histories.get(endpointId) ?? [];
			const then = revisions.filter((r) => r.recordedAt <= at).pop() ?? revisions[0];
			return then?.name ?? endpointId;
		};
	}

	async scopeOf(identity: IdentityClaims): Promise<Scope> {
		switch (scopeReach(identity)) {
			case "everywhere":
				return new Scope(null);
			case "own":
				return new Scope(await this.own(identity.endpointId));
			case "subtree":
				return new Scope(await this.subtree(identity.endpointId));
		}
	}
}
