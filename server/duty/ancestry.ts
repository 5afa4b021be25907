import type { EndpointRecord } from "../records/models/Endpoint.js";

/** The endpoint itself, then its parent, up to the root. */
export function ancestryOf(endpoint: Pick<EndpointRecord, "entityId" | "ancestors">): string[] {
	return [endpoint.entityId, ...[...endpoint.ancestors].reverse()];
}
