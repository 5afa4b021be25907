import type { Router } from "express";
import { z } from "zod";
import { ValidationError } from "../../../domain/errors.js";
import { ROLES } from "../../../domain/roles.js";
import { hashPassword } from "../../auth/passwords.js";
import type { UserRecord } from "../../records/models/User.js";
import type { ApiServices } from "../RequestContext.js";
import { defined, queryFlag, scopedFilter } from "./filters.js";
import { revisionRoutes } from "./revisionRoutes.js";

const editable = z.object({
	name: z.string().min(1),
	role: z.enum(ROLES),
	endpointIds: z.array(z.string().min(1)).min(1),
	password: z.string().min(8).optional(),
	externalId: z.string().min(1).optional(),
	disabled: z.boolean().default(false),
});

const createSchema = editable
	.extend({ username: z.string().regex(/^[a-z0-9._-]{3,64}$/, "3–64 of a-z, 0-9, . _ -") })
	.refine((u) => u.password || u.externalId, "a password or an external identity is required");

const changeSchema = editable.partial().strict();

const querySchema = z.object({
	role: z.enum(ROLES).optional(),
	endpoint: z.string().min(1).optional(),
	disabled: queryFlag.optional(),
});

export function userRoutes(services: ApiServices): Router {
	return revisionRoutes<UserRecord, z.infer<typeof querySchema>>(services, {
		resource: "users",
		store: (s) => s.records.users,
		createSchema,
		changeSchema,
		querySchema,
		sort: { username: 1 },
		filter: (q, ctx) => scopedFilter(ctx, "endpointIds", q.endpoint, defined({ role: q.role, disabled: q.disabled })),
		readableBy: (user) => user.endpointIds,
		ownedBy: async (record) => record.endpointIds as string[],
		// Or a province could grant its users a seat at the central office.
		ownedByAll: true,
		prepare: async ({ password, ...input }, ctx) => {
			const endpoints = await Promise.all(
				(input.endpointIds as string[]).map((id) => ctx.records.endpoints.current(id)),
			);
			if (input.role === "central" && !endpoints.some((e) => e.level === "central")) {
				throw new ValidationError("a central-office user must belong to the central endpoint");
			}
			await ctx.records.users.requireUnique(
				{ username: input.username },
				input.entityId,
				`username ${String(input.username)}`,
			);
			const passwordHash = password ? await hashPassword(String(password), services.bcryptRounds) : input.passwordHash;
			return { ...input, ...(passwordHash ? { passwordHash } : {}) };
		},
		view: ({ passwordHash: _secret, ...user }) => user,
	});
}
