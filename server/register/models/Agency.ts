import { Schema } from "mongoose";
import type { AgencyFields } from "../../../domain/api/register.js";
import { AGENCY_KINDS } from "../../../domain/register.js";
import { indexRevisions, type RevisionFields, revisionFields } from "../../records/models/revision.js";

/** An agency of a province that tasks are given to: a Sở, ban, ngành, a commune's People's Committee, police. */
export const agencySchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			name: { type: String, required: true },
			kind: { type: String, enum: AGENCY_KINDS, required: true },
			/** The province endpoint it belongs to; a commune committee also names its commune endpoint. */
			provinceId: { type: String, required: true },
			communeId: { type: String },
			contacts: {
				type: [{ _id: false, name: String, title: String, phone: String, email: String }],
				default: [],
			},
			active: { type: Boolean, default: true },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "agencies" },
	),
);
agencySchema.index({ provinceId: 1, name: 1 });

export interface AgencyRecord extends RevisionFields, AgencyFields {
	scopeEndpointIds: string[];
}
