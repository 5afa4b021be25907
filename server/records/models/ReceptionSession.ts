import { Schema } from "mongoose";
import { SESSION_KINDS, SESSION_ORIGINS, SESSION_STATUSES } from "../../../domain/vocabulary.js";
import { indexRevisions, type RevisionFields, revisionFields } from "./revision.js";

export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A session of online citizen reception (tiếp công dân trực tuyến). */
export const receptionSessionSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			kind: { type: String, enum: SESSION_KINDS, required: true },
			origin: {
				type: { type: String, enum: SESSION_ORIGINS, required: true },
				reason: { type: String },
			},
			title: { type: String, required: true },
			plannedStart: { type: Date, required: true },
			plannedEnd: { type: Date, required: true },
			/** The endpoint that hosts and presides (usually the province). */
			hostEndpointId: { type: String, required: true },
			chairUserId: { type: String, required: true },
			/** Named co-chairs with the chair's powers in the room (`presides` in domain/presides.ts). */
			coChairUserIds: { type: [String], default: [] },
			/** Set when the chair handed this session to a vice-chair, who is then `chairUserId`. */
			delegation: {
				fromUserId: { type: String },
				reason: { type: String },
			},
			secretariatUserIds: { type: [String], default: [] },
			/** Agencies invited to attend (sở, ngành; the inspectorate), by name and register id when known. */
			invitedAgencies: {
				type: [
					{
						_id: false,
						name: { type: String, required: true },
						agencyId: { type: String },
						inspectorate: { type: Boolean },
					},
				],
				default: [],
			},
			/** The recurring plan this session was created from (periodic reception), if any. */
			seriesId: { type: String },
			participantEndpointIds: { type: [String], default: [] },
			agenda: { type: [String], default: [] },
			caseIds: { type: [String], default: [] },
			status: { type: String, enum: SESSION_STATUSES, required: true },
			/** Server time of each lifecycle step, as it happened. */
			openedAt: { type: Date },
			liveAt: { type: Date },
			endedAt: { type: Date },
			concludedAt: { type: Date },
			cancellationReason: { type: String },
			/** Set when concluding: what the conclusion notice adds to the session's facts. */
			notice: {
				number: { type: String },
				place: { type: String },
				/** Participants who are not users: agency representatives named in the notice. */
				otherParticipants: { type: [String], default: undefined },
				recipients: { type: [String], default: undefined },
				/** The issued notice in force (server/sessions/notice/): its version, PDF hash and record. */
				version: { type: Number },
				sha256: { type: String },
				noticeId: { type: String },
			},
			/** Host and participants: whose users may see the session (endpoint scope). */
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "receptionsessions" },
	),
);
receptionSessionSchema.index({ scopeEndpointIds: 1, plannedStart: -1 });
receptionSessionSchema.index({ plannedStart: -1 });
receptionSessionSchema.index({ status: 1, plannedStart: -1 });

export interface ReceptionSessionRecord extends RevisionFields {
	kind: (typeof SESSION_KINDS)[number];
	origin: { type: (typeof SESSION_ORIGINS)[number]; reason?: string };
	title: string;
	plannedStart: Date;
	plannedEnd: Date;
	hostEndpointId: string;
	chairUserId: string;
	coChairUserIds?: string[];
	delegation?: { fromUserId?: string; reason?: string };
	invitedAgencies?: { name: string; agencyId?: string; inspectorate?: boolean }[];
	seriesId?: string;
	secretariatUserIds: string[];
	participantEndpointIds: string[];
	agenda: string[];
	caseIds: string[];
	status: SessionStatus;
	openedAt?: Date;
	liveAt?: Date;
	endedAt?: Date;
	concludedAt?: Date;
	cancellationReason?: string;
	notice?: {
		number?: string;
		place?: string;
		otherParticipants?: string[];
		recipients?: string[];
		version?: number;
		sha256?: string;
		noticeId?: string;
	};
	scopeEndpointIds: string[];
}
