import type { EndpointTree } from "../records/EndpointTree.js";
import { type ScopedContext, visible } from "./references.js";

/**
 * `under` names an endpoint the caller may see. One outside the caller's scope is answered exactly
 * as one that does not exist (404 naming the field: the scope rule of server/http/references.ts).
 */
export async function requireEndpointInScope(ctx: ScopedContext, under: string, field = "query.under"): Promise<void> {
	await visible(ctx.records.endpoints.current(under), () => [under], ctx, `${field}: endpoint ${under}`);
}

/**
 * The endpoints a scoped question covers: the subtree under `under` (which must exist within the
 * caller's scope, else 404), or, without it, the caller's whole scope (null: everywhere).
 */
export async function subtreeInScope(
	ctx: ScopedContext & { tree: EndpointTree },
	under: string | undefined,
	field = "query.under",
): Promise<string[] | null> {
	if (!under) return ctx.scope.endpointIds === null ? null : [...ctx.scope.endpointIds];
	await requireEndpointInScope(ctx, under, field);
	return ctx.tree.subtree(under);
}
