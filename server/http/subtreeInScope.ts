import type { RequestContext } from "./RequestContext.js";

/**
 * The endpoints a scoped question covers: the subtree under `under` (which must exist, 404, and lie
 * within the caller's scope, 403), or, without it, the caller's whole scope (null: everywhere).
 */
export async function subtreeInScope(ctx: RequestContext, under: string | undefined): Promise<string[] | null> {
	if (!under) return ctx.scope.endpointIds === null ? null : [...ctx.scope.endpointIds];
	await ctx.records.endpoints.current(under);
	ctx.scope.require([under], `endpoint ${under}`);
	return ctx.tree.subtree(under);
}
