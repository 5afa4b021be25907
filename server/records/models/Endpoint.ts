import { Schema } from "mongoose";
import { ENDPOINT_LEVELS, type EndpointLevel } from "../../../domain/roles.js";
import { ENDPOINT_SUCCESSIONS } from "../../../domain/vocabulary.js";
import { indexRevisions, type RevisionFields, revisionFields } from "./revision.js";

/** A reception endpoint (điểm cầu): a video-linked site at one level of the hierarchy. */
export const endpointSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			code: { type: String, required: true },
			name: { type: String, required: true },
			level: { type: String, enum: ENDPOINT_LEVELS, required: true },
			parentId: { type: String, default: null },
			/** Every endpoint above this one, nearest last: "all endpoints under X" is one indexed query. */
			ancestors: { type: [String], default: [] },
			address: { type: String, default: "" },
			contacts: {
				type: [{ _id: false, name: String, title: String, phone: String, email: String }],
				default: [],
			},
			active: { type: Boolean, default: true },
			/** The unit that took this one over (merged into, renamed as): lists over a range count it there. */
			successorId: { type: String, default: null },
			successorKind: { type: String, enum: [...ENDPOINT_SUCCESSIONS, null], default: null },
			/** How documents this endpoint issues are headed and signed (server/documents/, NĐ 30/2020). */
			documentHeader: {
				parentAuthority: { type: String },
				authority: { type: String },
				/** Địa danh of the place-and-date line: "Khánh Hòa". */
				place: { type: String },
				signer: { capacity: { type: String }, position: { type: String }, name: { type: String } },
			},
		},
		{ versionKey: false, collection: "endpoints" },
	),
);
endpointSchema.index({ code: 1 });
endpointSchema.index({ ancestors: 1 });
endpointSchema.index({ successorId: 1 });

export interface EndpointRecord extends RevisionFields {
	code: string;
	name: string;
	level: EndpointLevel;
	parentId: string | null;
	ancestors: string[];
	address: string;
	contacts: { name: string; title?: string; phone?: string; email?: string }[];
	active: boolean;
	documentHeader?: EndpointDocumentHeader;
	successorId?: string | null;
	successorKind?: (typeof ENDPOINT_SUCCESSIONS)[number] | null;
}

export interface EndpointDocumentHeader {
	parentAuthority?: string;
	authority?: string;
	place?: string;
	signer?: { capacity?: string; position?: string; name?: string };
}
