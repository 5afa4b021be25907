import { Schema } from "mongoose";
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
	passwordHash?: string;
	externalId?: string;
	disabled: boolean;
}
