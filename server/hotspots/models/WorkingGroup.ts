import { Schema } from "mongoose";
import {
	DESTINATION_CITIES,
	type DestinationCity,
	WORKING_GROUP_STATUSES,
	type WorkingGroupStatus,
} from "../../../domain/hotspots.js";
import { indexRevisions, type RevisionFields, revisionFields } from "../../records/models/revision.js";

/** A working group (tổ công tác) a province sends, under its deciding document, to bring citizens home. */
export const workingGroupSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			provinceId: { type: String, required: true },
			/** e.g. Quyết định số 1534/QĐ-UBND. */
			decision: {
				number: { type: String, required: true },
				date: { type: Date, required: true },
				issuer: { type: String, required: true },
			},
			members: {
				type: [
					{
						_id: false,
						fullName: { type: String, required: true },
						position: { type: String, required: true },
						authority: { type: String, required: true },
					},
				],
				validate: [(v: unknown[]) => v.length > 0, "a working group needs at least one member"],
			},
			deployment: {
				place: { type: String, required: true },
				city: { type: String, enum: DESTINATION_CITIES, required: true },
				from: { type: Date, required: true },
				until: { type: Date },
			},
			caseIds: { type: [String], required: true },
			policeLiaison: {
				type: new Schema({ unit: String, officerName: String, phone: String }, { _id: false, versionKey: false }),
				default: undefined,
			},
			received: { type: Number, required: true, min: 0 },
			persuaded: { type: Number, required: true, min: 0 },
			returns: {
				type: [{ _id: false, count: { type: Number, min: 1 }, at: Date, note: String }],
				default: [],
			},
			returnDeadline: { type: Date, required: true },
			status: { type: String, enum: WORKING_GROUP_STATUSES, required: true },
		},
		{ versionKey: false, collection: "workinggroups" },
	),
);
workingGroupSchema.index({ provinceId: 1 });
workingGroupSchema.index({ caseIds: 1 });
workingGroupSchema.index({ status: 1, returnDeadline: 1 });

export interface WorkingGroupRecord extends RevisionFields {
	provinceId: string;
	decision: { number: string; date: Date; issuer: string };
	members: { fullName: string; position: string; authority: string }[];
	deployment: { place: string; city: DestinationCity; from: Date; until?: Date };
	caseIds: string[];
	policeLiaison?: { unit: string; officerName?: string; phone?: string };
	received: number;
	persuaded: number;
	returns: { count: number; at: Date; note?: string }[];
	returnDeadline: Date;
	status: WorkingGroupStatus;
}
