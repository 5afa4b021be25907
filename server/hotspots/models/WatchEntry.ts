import { Schema } from "mongoose";
import {
	DESTINATION_CITIES,
	DESTINATION_KINDS,
	type DestinationCity,
	type DestinationKind,
	RISK_LEVELS,
	type RiskLevel,
	WATCH_STATUSES,
	type WatchStatus,
} from "../../../domain/hotspots.js";
import { indexRevisions, type RevisionFields, revisionFields } from "../../records/models/revision.js";

/**
 * The watch entry of a case at risk of becoming a hot spot (điểm nóng): one open entry per case.
 * Revisioned like every record; each status step is a `transition` revision and a line of `statusLog`.
 */
export const watchEntrySchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			caseId: { type: String, required: true },
			/** The citizens' home province: its watchlist holds the entry and it answers for it. */
			provinceId: { type: String, required: true },
			/** The home communes (endpoints), proposed for a dialogue. */
			communeIds: { type: [String], default: [] },
			risk: {
				level: { type: String, enum: RISK_LEVELS, required: true },
				reasons: { type: [String], required: true },
			},
			destination: {
				kind: { type: String, enum: DESTINATION_KINDS, required: true },
				city: { type: String, enum: DESTINATION_CITIES, required: true },
				place: { type: String },
			},
			expectedFrom: { type: Date, required: true },
			expectedTo: { type: Date, required: true },
			expectedPeople: { type: Number, required: true, min: 1 },
			responsible: {
				agency: { type: String, required: true },
				agencyId: { type: String },
				officerName: { type: String, required: true },
				officerUserId: { type: String },
			},
			nextReviewAt: { type: Date, required: true },
			status: { type: String, enum: WATCH_STATUSES, required: true },
			statusLog: {
				type: [
					{
						_id: false,
						from: { type: String, default: null },
						to: { type: String, required: true },
						at: { type: Date, required: true },
						byUserId: { type: String, required: true },
						byName: { type: String, required: true },
						reason: { type: String, required: true },
					},
				],
				default: [],
			},
			/** On-demand sessions asked for from the board on this case. */
			dialogueSessionIds: { type: [String], default: [] },
			lastDialogue: {
				type: new Schema(
					{ sessionId: String, direction: String, conclusion: String, at: Date },
					{ _id: false, versionKey: false },
				),
				default: undefined,
			},
		},
		{ versionKey: false, collection: "watchentries" },
	),
);
watchEntrySchema.index({ caseId: 1 });
watchEntrySchema.index({ provinceId: 1, status: 1 });
watchEntrySchema.index({ status: 1, expectedFrom: 1 });

export interface StatusChangeRecord {
	from: WatchStatus | null;
	to: WatchStatus;
	at: Date;
	byUserId: string;
	byName: string;
	reason: string;
}

export interface WatchEntryRecord extends RevisionFields {
	caseId: string;
	provinceId: string;
	communeIds: string[];
	risk: { level: RiskLevel; reasons: string[] };
	destination: { kind: DestinationKind; city: DestinationCity; place?: string };
	expectedFrom: Date;
	expectedTo: Date;
	expectedPeople: number;
	responsible: { agency: string; agencyId?: string; officerName: string; officerUserId?: string };
	nextReviewAt: Date;
	status: WatchStatus;
	statusLog: StatusChangeRecord[];
	dialogueSessionIds: string[];
	lastDialogue?: { sessionId: string; direction: string; conclusion: string; at: Date };
}
