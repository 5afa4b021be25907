import type { Router } from "express";
import {
	type EndpointQuery,
	endpointChangeInput,
	endpointCreateInput,
	endpointQuery,
} from "../../../domain/api/endpoints.js";
import { ValidationError } from "../../../domain/errors.js";
import { ENDPOINT_LEVELS, type EndpointLevel } from "../../../domain/roles.js";
import type { EndpointRecord } from "../../records/models/Endpoint.js";
import type { Records } from "../../records/Records.js";
import type { ApiServices } from "../RequestContext.js";
import { defined } from "./filters.js";
import { revisionRoutes } from "./revisionRoutes.js";

/** A successor exists, and following successors from it never comes back (no cycle). */
async function requireSuccessor(records: Records, self: string, successorId: string): Promise<void> {
	const seen = new Set([self]);
	for (let id: string | null | undefined = successorId; id; ) {
		if (seen.has(id))
			throw new ValidationError("invalid body: changes.successorId: a successor cannot lead back to this endpoint", [
				{ path: "changes.successorId", message: "a successor cannot lead back to this endpoint" },
			]);
		seen.add(id);
		id = (await records.endpoints.current(id)).successorId;
	}
}

export function endpointRoutes(services: ApiServices): Router {
	return revisionRoutes<EndpointRecord, EndpointQuery>(services, {
		resource: "endpoints",
		store: (s) => s.records.endpoints,
		createSchema: endpointCreateInput,
		changeSchema: endpointChangeInput,
		querySchema: endpointQuery,
		sort: { level: 1, code: 1 },
		// Endpoints are the public map of reception offices: any signed-in user may read them.
		filter: async (q) => defined({ ancestors: q.under, level: q.level, active: q.active, code: q.code }),
		readableBy: () => null,
		ownedBy: async (record) => [record.entityId, record.parentId].filter((id): id is string => typeof id === "string"),
		// A move or a successor stays within the caller's scope: a province cannot put its unit under, or
		// merge it into, another province's (endpoints are public, so refusing says nothing new).
		authorize: (before, after, changed, ctx) => {
			for (const field of ["parentId", "successorId"] as const) {
				const id = after[field];
				if (before && changed.includes(field) && typeof id === "string") {
					ctx.scope.require([id], `changes.${field}: endpoint ${id}`);
				}
			}
		},
		prepare: async (input, ctx) => {
			await ctx.records.endpoints.requireUnique(
				{ code: input.code },
				input.entityId,
				`endpoint code ${String(input.code)}`,
			);
			const level = input.level as EndpointLevel;
			// A level no longer in use keeps its endpoints on record: they can still be changed and deactivated.
			if (!input.entityId && !services.levels.includes(level)) {
				throw new ValidationError(`level ${level} is not in use (ENDPOINT_LEVELS: ${services.levels.join(", ")})`);
			}
			if (!input.parentId) {
				if (level !== "central") throw new ValidationError("only the central office has no parent endpoint");
				return { ...input, ancestors: [] };
			}
			const parent = await ctx.records.endpoints.current(String(input.parentId));
			if (ENDPOINT_LEVELS.indexOf(parent.level) >= ENDPOINT_LEVELS.indexOf(level)) {
				throw new ValidationError(`a ${level} endpoint cannot sit under a ${parent.level} endpoint`);
			}
			if (input.entityId && parent.ancestors.includes(String(input.entityId))) {
				throw new ValidationError("an endpoint cannot move under one of its own endpoints");
			}
			if (input.successorId) await requireSuccessor(ctx.records, String(input.entityId), String(input.successorId));
			return { ...input, ancestors: [...parent.ancestors, parent.entityId] };
		},
		// A moved endpoint takes the endpoints under it along: each gets its new ancestry as a revision.
		written: async (before, after, ctx) => {
			const ancestors = after.ancestors as string[];
			if (before.ancestors.join() === ancestors.join()) return;
			const below = await ctx.records.endpoints.find({ ancestors: before.entityId });
			for (const e of below) {
				const rest = e.ancestors.slice(e.ancestors.indexOf(before.entityId));
				await ctx.records.endpoints.revise(
					e.entityId,
					{ ancestors: [...ancestors, ...rest] },
					{ kind: "update", reason: `moved with ${before.code}` },
					ctx.actor,
				);
			}
		},
	});
}
