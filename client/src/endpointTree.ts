import type { EndpointView } from "./api/records.js";

/** The province an endpoint belongs to (itself if a province); none for the central office. */
export function provinceOf(endpoints: ReadonlyMap<string, EndpointView>, id: string): EndpointView | undefined {
	let e = endpoints.get(id);
	while (e && e.level !== "province" && e.parentId) e = endpoints.get(e.parentId);
	return e?.level === "province" ? e : undefined;
}

/** The endpoint and every endpoint above it, as `can()` takes a resource's endpoints. */
export function ancestryOf(endpoint: EndpointView): string[] {
	return [endpoint.id, ...endpoint.ancestors];
}
