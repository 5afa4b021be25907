import { Schema } from "mongoose";
import { LEADERSHIP, type Leadership } from "../../../domain/positions.js";
import { ROLES, type Role } from "../../../domain/roles.js";
import { indexRevisions, type RevisionFields, revisionFields } from "./revision.js";

/** A person who signs in: a role and the endpoint(s) they speak for. */
export const userSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			username: { type: String, required: true },
			name: { type: String, required: true },
			role: { type: String, enum: ROLES, required: true },
			endpointIds: { type: [String], required: true },
			/** Position as documents name it: "Chủ tịch UBND tỉnh Khánh Hòa", "Chánh Thanh tra tỉnh". */
			positionTitle: { type: String },
			/** The agency the user belongs to: "Thanh tra tỉnh Khánh Hòa". */
			agency: { type: String },
			/** Head or deputy of that agency; staff have none (domain/positions.ts). */
			leadership: { type: String, enum: [...LEADERSHIP, null], default: null },
			/** bcrypt hash; absent for users who sign in through an external identity provider. */
			passwordHash: { type: String },
			externalId: { type: String },
			disabled: { type: Boolean, default: false },
		},
		{ versionKey: false, collection: "users" },
	),
);
userSchema.index({ username: 1 });
userSchema.index({ endpointIds: 1 });

export interface UserRecord extends RevisionFields {
	username: string;
	name: string;
	role: Role;
	endpointIds: string[];
	positionTitle?: string;
	agency?: string;
	leadership?: Leadership | null;
	passwordHash?: string;
	externalId?: string;
	disabled: boolean;
}
