import { Schema } from "mongoose";
import type { CaseFieldsOf, CaseHome, CitizenOf } from "../../../domain/api/register.js";
import { RESOLUTION_STAGES } from "../../../domain/register.js";
import { CASE_CONTENT_TYPES, CASE_STATUSES } from "../../../domain/vocabulary.js";
import { indexRevisions, type RevisionFields, revisionFields } from "./revision.js";

/**
 * A case (vụ việc) as the reception register (Sổ tiếp công dân) records it. docs/records.md maps each
 * register field here; `server/register/` derives the numbered, scoped and counted fields.
 */
export const caseSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			/** "07/2026": issued per endpoint and calendar year (Vietnam's zone) from `registercounters`. */
			registerNumber: { type: String, required: true },
			registerYear: { type: Number, required: true },
			registerSeq: { type: Number, required: true, min: 1 },
			receivedAt: { type: Date, required: true },
			/** The endpoint that received the citizens, and its name on that day. */
			endpointId: { type: String, required: true },
			endpointName: { type: String, required: true },
			/** The session the case was entered during, if any. */
			sessionId: { type: String },
			receivingOfficer: {
				userId: { type: String },
				name: { type: String, required: true },
			},
			citizens: {
				type: [
					{
						_id: false,
						fullName: { type: String, required: true },
						address: { type: String, required: true },
						idNumber: { type: String, required: true },
						/** `cccd` (12 digits) or `cmnd` (9 digits, legacy). */
						idKind: { type: String, enum: ["cccd", "cmnd"], required: true },
						idProvinceCode: { type: String },
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
			representativeCount: { type: Number, required: true, min: 0 },
			/** Where the citizens live (endpoint ids and the names true on the day). */
			home: {
				provinceId: { type: String },
				provinceName: { type: String },
				communeId: { type: String },
				communeName: { type: String },
			},
			summary: { type: String, required: true },
			contentType: { type: String, enum: CASE_CONTENT_TYPES, required: true },
			/** A code of the field catalogue (domain/register.ts and REGISTER_EXTRA_FIELDS). */
			field: { type: String, required: true },
			fieldDetail: { type: String },
			manyPeople: { type: Boolean, default: false },
			complex: { type: Boolean, default: false },
			hotSpotRisk: { type: Boolean, default: false },
			ethnicReligious: { type: Boolean, default: false },
			withinCompetence: { type: Boolean, default: true },
			originalsAttached: { type: Boolean, default: false },
			/** Some citizen showed only an old 9-digit CMND. */
			legacyId: { type: Boolean, default: false },
			resolution: {
				stage: { type: String, enum: RESOLUTION_STAGES, default: "not-handled" },
				documentNumber: { type: String },
				date: { type: Date },
				issuer: { type: String },
			},
			priorHandling: {
				type: [{ _id: false, level: String, agency: String, result: String, documentRef: String, date: Date }],
				default: [],
			},
			request: { type: String, required: true },
			notes: { type: String, default: "" },
			/** Status over time is the case's revision history. */
			status: { type: String, enum: CASE_STATUSES, required: true },
			/** Derived from earlier cases whose citizens' ID numbers match: vụ việc cũ vs mới phát sinh. */
			repeat: { type: Boolean, default: false },
			visitCount: { type: Number, default: 1, min: 1 },
			previousCaseIds: { type: [String], default: [] },
			/** Entered in error: voided by a correction, keeps its number. */
			voided: { type: Boolean, default: false },
			/** ID numbers of the citizens, for the repeat look-up and the register's search. */
			idNumbers: { type: [String], default: [] },
			/** Receiving endpoint and home locality: who may read and follow the case. */
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "cases" },
	),
);
caseSchema.index({ scopeEndpointIds: 1, receivedAt: -1 });
caseSchema.index({ receivedAt: -1 });
caseSchema.index({ status: 1, receivedAt: -1 });
caseSchema.index({ contentType: 1, receivedAt: -1 });
caseSchema.index({ idNumbers: 1 });
caseSchema.index({ endpointId: 1, registerYear: 1, registerSeq: 1 });

export type Citizen = CitizenOf<Date>;
export type { CaseHome };

export interface CaseRecord extends RevisionFields, CaseFieldsOf<Date> {
	/** ID numbers of the citizens, for the repeat look-up and the search. */
	idNumbers: string[];
}
