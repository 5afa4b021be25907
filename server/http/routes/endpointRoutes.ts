import type { Router } from "express";
import { z } from "zod";
import { ValidationError } from "../../../domain/errors.js";
import { ENDPOINT_LEVELS, type EndpointLevel } from "../../../domain/roles.js";
import type { EndpointRecord } from "../../records/models/Endpoint.js";
import type { ApiServices } from "../RequestContext.js";
import { defined, queryFlag } from "./filters.js";
import { revisionRoutes } from "./revisionRoutes.js";

const contact = z.object({
	name: z.string().min(1),
	title: z.string().optional(),
	phone: z.string().optional(),
	email: z.string().email().optional(),
});

const editable = z.object({
	code: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, "upper-case letters, digits and dashes"),
	name: z.string().min(1),
	address: z.string().default(""),
	contacts: z.array(contact).default([]),
	active: z.boolean().default(true),
});

const createSchema = editable.extend({
	level: z.enum(ENDPOINT_LEVELS),
	parentId: z.string().min(1).nullable().default(null),
});

/** Where an endpoint is moved (parent or level) is a new endpoint, so those cannot change. */
const changeSchema = editable.partial().strict();

const querySchema = z.object({
	under: z.string().min(1).optional(),
	level: z.enum(ENDPOINT_LEVELS).optional(),
	active: queryFlag.optional(),
	code: z.string().optional(),
});

export function endpointRoutes(services: ApiServices): Router {
	return revisionRoutes<EndpointRecord, z.infer<typeof querySchema>>(services, {
		resource: "endpoints",
		store: (s) => s.records.endpoints,
		createSchema,
		changeSchema,
		querySchema,
		sort: { level: 1, code: 1 },
		// Endpoints are the public map of reception offices: any signed-in user may read them.
		filter: async (q) => defined({ ancestors: q.under, level: q.level, active: q.active, code: q.code }),
		readableBy: () => null,
		ownedBy: async (record) => [record.entityId, record.parentId].filter((id): id is string => typeof id === "string"),
		prepare: async (input, ctx) => {
			await ctx.records.endpoints.requireUnique(
				{ code: input.code },
				input.entityId,
				`endpoint code ${String(input.code)}`,
			);
			const level = input.level as EndpointLevel;
			if (!services.levels.includes(level)) {
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
			return { ...input, ancestors: [...parent.ancestors, parent.entityId] };
		},
	});
}
