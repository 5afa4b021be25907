/** REST shapes of `/api/users`: who signs in, with which role, for which endpoints. */
import { z } from "zod";
import { LEADERSHIP } from "../positions.js";
import { ROLES } from "../roles.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { type AnswerOf, queryFlag, recordView, writes } from "./common.js";
import { revisionApi } from "./revisionApi.js";

const password = z.string().min(8).max(256);

const editable = z.object({
	name: z.string().min(1).max(200),
	role: z.enum(ROLES),
	endpointIds: z.array(z.string().min(1).max(64)).min(1).max(50),
	externalId: z.string().min(1).max(200).optional(),
	disabled: z.boolean().default(false),
	/** As documents name the user: "Chủ tịch UBND tỉnh Khánh Hòa"; the agency they belong to. */
	positionTitle: z.string().trim().min(1).max(200).optional(),
	agency: z.string().trim().min(1).max(200).optional(),
	/** Head or deputy of that agency (who may co-chair, who owes periodic receptions); none for staff. */
	leadership: z.enum(LEADERSHIP).nullable().optional(),
});

export const userCreateInput = editable
	.extend({
		username: z.string().regex(/^[a-z0-9._-]{3,64}$/, "3–64 of a-z, 0-9, . _ -"),
		password: password.optional(),
	})
	.refine((u) => u.password || u.externalId, "a password or an external identity is required");

/** A password is never changed by PATCH: see POST /users/{id}/password. */
export const userChangeInput = editable.partial().strict();

export const passwordInput = z.object({
	password,
	/** Required to change one's own password. */
	currentPassword: z.string().min(1).max(256).optional(),
});

export const userQuery = z.object({
	role: z.enum(ROLES).optional(),
	endpoint: z.string().min(1).max(64).optional(),
	disabled: queryFlag.optional(),
});
export type UserQuery = z.infer<typeof userQuery>;

/** A user as the API shows it: never a password hash. */
/** A user as the API shows it: never a password or its hash. */
export const userView = recordView(editable, { username: z.string() });
export type UserView = AnswerOf<typeof userView>;

const route = routesOf("users", "users");

export const usersApi: ApiRoute[] = [
	...revisionApi("users", "user", userView, userCreateInput, userChangeInput, userQuery),
	// One's own password (with the current one), or another's reset; the user's refresh tokens are revoked.
	route("POST /users/{id}/password", "Change or reset a password", writes(userView), { body: passwordInput }),
];
