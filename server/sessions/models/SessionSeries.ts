import { Schema } from "mongoose";
import { indexRevisions, type RevisionFields, revisionFields } from "../../records/models/revision.js";

/** A leader's recurring periodic receptions: the rule (RFC 5545) and the sessions it created. */
export const sessionSeriesSchema = indexRevisions(
	new Schema(
		{
			...revisionFields,
			title: { type: String, required: true },
			hostEndpointId: { type: String, required: true },
			chairUserId: { type: String, required: true },
			/** The rule as iCalendar writes it, e.g. "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12". */
			rule: { type: String, required: true },
			recurrence: { type: Schema.Types.Mixed, required: true },
			occurrences: { type: [Date], required: true },
			sessionIds: { type: [String], required: true },
			scopeEndpointIds: { type: [String], required: true },
		},
		{ versionKey: false, collection: "sessionseries", minimize: false },
	),
);

export interface SessionSeriesRecord extends RevisionFields {
	title: string;
	hostEndpointId: string;
	chairUserId: string;
	rule: string;
	recurrence: Record<string, unknown>;
	occurrences: Date[];
	sessionIds: string[];
	scopeEndpointIds: string[];
}
