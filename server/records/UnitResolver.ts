import type { EndpointRecord } from "./models/Endpoint.js";
import type { RevisionStore } from "./RevisionStore.js";

export interface Unit {
	id: string;
	code: string;
	name: string;
}

/** The province and commune an endpoint belongs to (itself or an ancestor), by level. */
export interface UnitPlace {
	endpoint: Unit;
	province: Unit | null;
	commune: Unit | null;
}

/**
 * Resolves endpoints to their province and commune, remembering each endpoint it has read: make
 * one per batch of work, so a renamed or moved endpoint is seen by the next batch.
 */
export class UnitResolver {
	readonly #endpoints: RevisionStore<EndpointRecord>;
	readonly #known = new Map<string, Promise<EndpointRecord | null>>();

	constructor(endpoints: RevisionStore<EndpointRecord>) {
		this.#endpoints = endpoints;
	}

	endpoint(id: string): Promise<EndpointRecord | null> {
		let found = this.#known.get(id);
		if (!found) {
			found = this.#endpoints.current(id).catch(() => null);
			this.#known.set(id, found);
		}
		return found;
	}

	async place(endpointId: string): Promise<UnitPlace> {
		const self = await this.endpoint(endpointId);
		const chain = self ? [...(await Promise.all(self.ancestors.map((a) => this.endpoint(a)))), self] : [];
		const at = (level: string) => {
			const e = chain.find((c) => c?.level === level);
			return e ? unit(e) : null;
		};
		return {
			endpoint: self ? unit(self) : { id: endpointId, code: endpointId, name: endpointId },
			province: at("province"),
			commune: at("commune"),
		};
	}
}

function unit(e: EndpointRecord): Unit {
	return { id: e.entityId, code: e.code, name: e.name };
}
