import { Schema } from "mongoose";
import { FOLLOW_UP_STATUSES, HANDLING_DIRECTIONS } from "../../../domain/vocabulary.js";
import { indexRevisions, type RevisionFields, revisionFields } from "./revision.js";

/** What a session decided about one case. */
export const outcomeSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			sessionId: { type: String, required: true },
			caseId: { type: String, required: true },
			direction: { type: String, enum: HANDLING_DIRECTIONS, required: true },
			/** Views of the agencies involved, as the notice reports them. */
			agencyViews: { type: [{ _id: false, agency: String, view: String }], default: [] },
			conclusion: { type: String, required: true },
			assignments: {
				type: [
					{
						_id: false,
						/** The register's agency, when the assignment is a followed task. */
						agencyId: { type: String },
						agency: { type: String, required: true },
						task: { type: String, required: true },
						deadline: { type: Date, required: true },
						reportTo: { type: String, required: true },
					},
				],
				default: [],
			},
			followUpStatus: { type: String, enum: FOLLOW_UP_STATUSES, default: "pending" },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "outcomes" },
	),
);
outcomeSchema.index({ sessionId: 1 });
outcomeSchema.index({ caseId: 1 });
outcomeSchema.index({ scopeEndpointIds: 1 });

export type HandlingDirection = (typeof HANDLING_DIRECTIONS)[number];

export interface OutcomeRecord extends RevisionFields {
	sessionId: string;
	caseId: string;
	direction: HandlingDirection;
	agencyViews: { agency: string; view: string }[];
	conclusion: string;
	assignments: { agencyId?: string; agency: string; task: string; deadline: Date; reportTo: string }[];
	followUpStatus: (typeof FOLLOW_UP_STATUSES)[number];
	scopeEndpointIds: string[];
}
