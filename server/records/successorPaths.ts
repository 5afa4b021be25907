import type { EndpointRecord } from "./models/Endpoint.js";

/**
 * Each endpoint's path from the top as it stands today: a unit with a successor (merged or renamed in
 * the 2025 reform) takes its successor's path, and the units under it hang from there. A report's own
 * root (`rootId`) is never replaced, so a report over an old unit still shows its records. Chains
 * never loop (the endpoint route refuses that); a depth bound guards old data.
 */
export function successorPaths(
	byId: Map<string, EndpointRecord>,
	rootId: string | null = null,
): (e: EndpointRecord) => string[] {
	const paths = new Map<string, string[]>();
	const pathOf = (e: EndpointRecord, depth: number): string[] => {
		const known = paths.get(e.entityId);
		if (known) return known;
		if (depth > byId.size) return [e.entityId];
		const successor = e.entityId !== rootId && e.successorId ? byId.get(e.successorId) : undefined;
		const parent = e.parentId ? byId.get(e.parentId) : undefined;
		const path = successor ? pathOf(successor, depth + 1) : [...(parent ? pathOf(parent, depth + 1) : []), e.entityId];
		paths.set(e.entityId, path);
		return path;
	};
	return (e) => pathOf(e, 0);
}

export interface PresentPlace {
	province: EndpointRecord | null;
	commune: EndpointRecord | null;
}

/** Each endpoint's province and commune as they stand today (a merged unit's are its successor's); null if unknown. */
export function presentPlaces(all: readonly EndpointRecord[]): (endpointId: string) => PresentPlace | null {
	const byId = new Map(all.map((e) => [e.entityId, e]));
	const pathOf = successorPaths(byId);
	return (endpointId) => {
		const e = byId.get(endpointId);
		if (!e) return null;
		const chain = pathOf(e).map((id) => byId.get(id));
		const at = (level: string) => chain.find((c) => c?.level === level) ?? null;
		return { province: at("province"), commune: at("commune") };
	};
}
