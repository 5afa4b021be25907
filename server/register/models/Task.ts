import { Schema } from "mongoose";
import { indexRevisions, type RevisionFields, revisionFields } from "../../records/models/revision.js";

/**
 * A task given to an agency after a reception (giao nhiệm vụ): what, by when, reporting to whom; the
 * agency's progress and its closing result. Each change is a revision; whether it is overdue is
 * computed from the deadline (`taskState`), never stored.
 */
export const taskSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			caseId: { type: String, required: true },
			registerNumber: { type: String, required: true },
			outcomeId: { type: String },
			sessionId: { type: String },
			agencyId: { type: String, required: true },
			/** The agency's name on the day the task was given. */
			agencyName: { type: String, required: true },
			provinceId: { type: String, required: true },
			description: { type: String, required: true },
			deadline: { type: Date, required: true },
			reportTo: { type: String, required: true },
			progress: {
				type: [{ _id: false, at: Date, byUserId: String, byName: String, note: String }],
				default: [],
			},
			/** The closing result: the agency's document and what it says. */
			result: {
				type: { _id: false, documentNumber: String, date: Date, summary: String, recordedAt: Date },
				default: null,
			},
			/** The case's endpoints and the agency's province. */
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "tasks" },
	),
);
taskSchema.index({ agencyId: 1, deadline: 1 });
taskSchema.index({ provinceId: 1, deadline: 1 });
taskSchema.index({ caseId: 1 });
taskSchema.index({ scopeEndpointIds: 1, deadline: 1 });

export interface TaskProgress {
	at: Date;
	byUserId: string;
	byName: string;
	note: string;
}

export interface TaskRecord extends RevisionFields {
	caseId: string;
	registerNumber: string;
	outcomeId?: string;
	sessionId?: string;
	agencyId: string;
	agencyName: string;
	provinceId: string;
	description: string;
	deadline: Date;
	reportTo: string;
	progress: TaskProgress[];
	result: { documentNumber: string; date: Date; summary: string; recordedAt: Date } | null;
	scopeEndpointIds: string[];
}
