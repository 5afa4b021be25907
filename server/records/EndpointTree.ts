import { Scope } from "../auth/Scope.js";
import type { IdentityClaims } from "../auth/TokenService.js";
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
		if (identity.endpointLevel === "central") return new Scope(null);
		if (Scope.ownOnly(identity)) return new Scope([identity.endpointId]);
		return new Scope(await this.subtree(identity.endpointId));
	}
}
