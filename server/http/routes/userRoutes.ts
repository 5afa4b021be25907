import { Router } from "express";
import {
	passwordInput,
	type UserQuery,
	userChangeInput,
	userCreateInput,
	userQuery,
} from "../../../domain/api/users.js";
import { UnauthenticatedError, ValidationError } from "../../../domain/errors.js";
import { requireMayManageUser, requireMayResetPassword, SELF_LOCKED_FIELDS } from "../../../domain/grants.js";
import { requireCan } from "../../../domain/permissions.js";
import { checkPassword, hashPassword } from "../../auth/passwords.js";
import type { UserRecord } from "../../records/models/User.js";
import { actorOf, identityOf } from "../authenticate.js";
import type { ApiServices } from "../RequestContext.js";
import { validate } from "../validate.js";
import { defined, scopedFilter } from "./filters.js";
import { revisionRoutes, revisionView, sendWritten } from "./revisionRoutes.js";

export function userRoutes(services: ApiServices): Router {
	const router = Router();
	const { users } = services.records;

	/**
	 * One's own password (with the current one), or another user's reset by someone who may grant
	 * that user's role. Audited as a revision; every refresh token of the user is revoked.
	 */
	router.post("/:id/password", async (req, res) => {
		const identity = identityOf(res);
		const body = validate(passwordInput, req.body, "body");
		const target = await users.current(String(req.params.id));
		const own = target.entityId === identity.sub;
		if (own) {
			const valid =
				target.passwordHash && body.currentPassword && (await checkPassword(body.currentPassword, target.passwordHash));
			if (!valid) throw new UnauthenticatedError("the current password is wrong");
		} else {
			requireCan(identity, "write", { type: "users" });
			(await services.tree.scopeOf(identity)).requireAll(target.endpointIds, `user ${target.entityId}`);
			requireMayResetPassword(identity, target);
		}
		const written = await users.revise(
			target.entityId,
			{ passwordHash: await hashPassword(body.password, services.bcryptRounds) },
			{ kind: "update", reason: own ? "password changed by the user" : "password reset by another user" },
			actorOf(req, res),
		);
		await services.refreshTokens.revokeUser(target.entityId);
		sendWritten(res, written, ({ passwordHash: _secret, ...user }) => revisionView(user));
	});

	router.use(
		revisionRoutes<UserRecord, UserQuery>(services, {
			resource: "users",
			store: (s) => s.records.users,
			createSchema: userCreateInput,
			changeSchema: userChangeInput,
			querySchema: userQuery,
			sort: { username: 1 },
			filter: (q, ctx) => scopedFilter(ctx, "endpointIds", q.endpoint, defined({ role: q.role, disabled: q.disabled })),
			readableBy: (user) => user.endpointIds,
			ownedBy: async (record) => record.endpointIds as string[],
			// Or a province could grant its users a seat at the central office.
			ownedByAll: true,
			authorize: (before, after, changed, ctx) =>
				requireMayManageUser(
					ctx.identity,
					before && { id: before.entityId, role: before.role },
					{ role: after.role as UserRecord["role"] },
					changed,
				),
			written: async (before, after) => {
				// What a user may do changed: tokens that carried the old rights stop refreshing.
				const changed = SELF_LOCKED_FIELDS.some((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
				if (!changed) return;
				await services.refreshTokens.revokeUser(before.entityId);
				services.live.disconnectUser(before.entityId);
			},
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
				const passwordHash = password
					? await hashPassword(String(password), services.bcryptRounds)
					: input.passwordHash;
				return { ...input, ...(passwordHash ? { passwordHash } : {}) };
			},
			view: ({ passwordHash: _secret, ...user }) => user,
		}),
	);
	return router;
}
