import { Schema } from "mongoose";
import type { DevelopmentView } from "../../../domain/api/hotspots.js";
import { DEVELOPMENT_SOURCES } from "../../../domain/hotspots.js";

/**
 * One development (diễn biến) of a watched case: a dated fact that never changes; a correction is
 * a new entry naming the one it corrects. `_id` is its idempotency key.
 */
export const developmentSchema = new Schema(
	{
		_id: { type: String, required: true },
		caseId: { type: String, required: true },
		/** The watch open when it was entered, if any. */
		watchId: { type: String, default: null },
		occurredAt: { type: Date, required: true },
		text: { type: String, required: true },
		peopleCount: { type: Number, min: 0 },
		place: { type: String },
		source: { type: String, enum: DEVELOPMENT_SOURCES, required: true },
		/** The police liaison (or other reporter) the entry speaks for. */
		reporter: { type: String },
		/** The author's endpoint and name. */
		endpointId: { type: String, required: true },
		authorUserId: { type: String, required: true },
		authorName: { type: String, required: true },
		corrects: { type: String },
		correctionReason: { type: String },
		/** Server time when it was entered. */
		recordedAt: { type: Date, required: true },
	},
	{ versionKey: false, collection: "hotspotdevelopments" },
);
developmentSchema.index({ caseId: 1, occurredAt: 1 });
developmentSchema.index({ recordedAt: -1 });
developmentSchema.index({ corrects: 1 });

/** As stored: the API's view with Dates, its `_id`, and the author's user id. */
export interface DevelopmentRecord
	extends Omit<DevelopmentView, "id" | "occurredAt" | "recordedAt" | "correctedBy" | "watchId"> {
	_id: string;
	watchId: string | null;
	occurredAt: Date;
	recordedAt: Date;
	authorUserId: string;
}
