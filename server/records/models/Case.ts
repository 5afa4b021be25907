import { Schema } from "mongoose";
import { CASE_CONTENT_TYPES, CASE_STATUSES } from "../../../domain/vocabulary.js";
import { indexRevisions, type RevisionFields, revisionFields } from "./revision.js";

/** A case (vụ việc) as the reception register (Sổ tiếp công dân) records it. */
export const caseSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			/** Number in the register of the receiving endpoint. */
			registerNumber: { type: String, required: true },
			receivedAt: { type: Date, required: true },
			/** The endpoint that received the citizens. */
			endpointId: { type: String, required: true },
			citizens: {
				type: [
					{
						_id: false,
						fullName: { type: String, required: true },
						address: { type: String, required: true },
						idNumber: { type: String, required: true },
						idIssuedOn: { type: Date },
						idIssuedBy: { type: String },
						isRepresentative: { type: Boolean, default: false },
						/** The authorisation paper of a representative. */
						authorisation: { type: String },
					},
				],
				required: true,
			},
			peopleCount: { type: Number, required: true, min: 1 },
			summary: { type: String, required: true },
			contentType: { type: String, enum: CASE_CONTENT_TYPES, required: true },
			/** Field of the content: land, compensation, … */
			field: { type: String, required: true },
			manyPeople: { type: Boolean, default: false },
			complex: { type: Boolean, default: false },
			hotSpotRisk: { type: Boolean, default: false },
			withinCompetence: { type: Boolean, default: true },
			originalsAttached: { type: Boolean, default: false },
			priorHandling: {
				type: [{ _id: false, level: String, agency: String, result: String, documentRef: String, date: Date }],
				default: [],
			},
			request: { type: String, required: true },
			/** Status over time is the case's revision history. */
			status: { type: String, enum: CASE_STATUSES, required: true },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "cases" },
	),
);
caseSchema.index({ scopeEndpointIds: 1, receivedAt: -1 });
caseSchema.index({ receivedAt: -1 });
caseSchema.index({ status: 1, receivedAt: -1 });
caseSchema.index({ contentType: 1, receivedAt: -1 });

export interface Citizen {
	fullName: string;
	address: string;
	idNumber: string;
	idIssuedOn?: Date;
	idIssuedBy?: string;
	isRepresentative: boolean;
	authorisation?: string;
}

export interface CaseRecord extends RevisionFields {
	registerNumber: string;
	receivedAt: Date;
	endpointId: string;
	citizens: Citizen[];
	peopleCount: number;
	summary: string;
	contentType: (typeof CASE_CONTENT_TYPES)[number];
	field: string;
	manyPeople: boolean;
	complex: boolean;
	hotSpotRisk: boolean;
	withinCompetence: boolean;
	originalsAttached: boolean;
	priorHandling: { level: string; agency: string; result: string; documentRef?: string; date?: Date }[];
	request: string;
	status: (typeof CASE_STATUSES)[number];
	scopeEndpointIds: string[];
}
