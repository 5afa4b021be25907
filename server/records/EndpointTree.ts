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

	/** The endpoint and every endpoint under it (an indexed query on `ancestors`). */
	async subtree(endpointId: string): Promise<string[]> {
		const below = await this.#endpoints.find({ ancestors: endpointId });
		return [endpointId, ...below.map((e) => e.entityId)];
	}

	async scopeOf(identity: IdentityClaims): Promise<Scope> {
		switch (scopeReach(identity)) {
			case "everywhere":
				return new Scope(null);
			case "own":
				return new Scope([identity.endpointId]);
			case "subtree":
				return new Scope(await this.subtree(identity.endpointId));
		}
	}
}
