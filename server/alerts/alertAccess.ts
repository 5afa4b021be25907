import type { Action, Resource } from "../../domain/permissions.js";
import { can } from "../../domain/permissions.js";
import { ancestryOf } from "../duty/ancestry.js";
import type { Records } from "../records/Records.js";

type Who = Parameters<typeof can>[0];

/** Who may act on an alert, by `can`: its endpoint's ancestry and the users a delivery showed it to. */
export class AlertAccess {
	readonly #records: Records;

	constructor(records: Records) {
		this.#records = records;
	}

	async resource(endpointId: string, addressees: readonly string[]): Promise<Resource> {
		const endpoint = await this.#records.endpoints.current(endpointId);
		return { type: "alerts", endpoints: [ancestryOf(endpoint)], addressees };
	}

	/** The alerts `who` may do `action` to, given whom each was shown to. */
	async filter<A extends { id: string; endpointId: string }>(
		who: Who,
		action: Action,
		alerts: readonly A[],
		addressees: ReadonlyMap<string, readonly string[]>,
	): Promise<A[]> {
		const resources = new Map<string, Promise<Resource>>();
		const kept: A[] = [];
		for (const alert of alerts) {
			const resource = resources.get(alert.endpointId) ?? this.resource(alert.endpointId, []);
			resources.set(alert.endpointId, resource);
			if (can(who, action, { ...(await resource), addressees: addressees.get(alert.id) ?? [] })) kept.push(alert);
		}
		return kept;
	}

	/**
	 * Whether a user named on duty could read the alert in the app once it is shown to them: an
	 * account that is not disabled, through any endpoint it speaks for.
	 */
	async userMayRead(userId: string, endpointId: string): Promise<boolean> {
		const user = await this.#records.users.current(userId).catch(() => null);
		if (!user || user.disabled) return false;
		const resource = await this.resource(endpointId, [userId]);
		for (const id of user.endpointIds) {
			const endpoint = await this.#records.endpoints.current(id).catch(() => null);
			if (!endpoint) continue;
			const who = { sub: userId, role: user.role, endpointId: id, endpointLevel: endpoint.level };
			if (can(who, "read", resource)) return true;
		}
		return false;
	}
}
