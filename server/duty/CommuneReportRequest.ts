import { Schema } from "mongoose";
import { indexRevisions, type RevisionFields, revisionFields } from "../records/models/revision.js";

/**
 * A province asking its communes (all, or chosen ones) for daily situation reports during a peak
 * period, on some of its days: an official record, one per period and province, revised when the
 * province asks again. The communes asked are named (all: those of the province when it asked).
 */
export const communeReportRequestSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			periodId: { type: String, required: true },
			provinceId: { type: String, required: true },
			/** Every commune of the province when it asked (the list below names them). */
			all: { type: Boolean, required: true },
			communeIds: { type: [String], required: true },
			/** The days asked for, within the period (Vietnam's calendar). */
			from: { type: String, required: true },
			to: { type: String, required: true },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "communereportrequests" },
	),
);
communeReportRequestSchema.index({ periodId: 1, provinceId: 1 });

export interface CommuneReportRequestRecord extends RevisionFields {
	periodId: string;
	provinceId: string;
	all: boolean;
	communeIds: string[];
	from: string;
	to: string;
	scopeEndpointIds: string[];
}
