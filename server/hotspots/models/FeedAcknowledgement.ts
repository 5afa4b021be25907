import { Schema } from "mongoose";
import { FEED_KINDS, type FeedKind } from "../../../domain/hotspots.js";

/**
 * A named central officer took a feed item in hand: one per item (`_id` derives from the item), a
 * fact of the record that never changes.
 */
export const feedAcknowledgementSchema = new Schema(
	{
		_id: { type: String, required: true },
		itemId: { type: String, required: true },
		kind: { type: String, enum: FEED_KINDS, required: true },
		userId: { type: String, required: true },
		name: { type: String, required: true },
		endpointId: { type: String, required: true },
		at: { type: Date, required: true },
	},
	{ versionKey: false, collection: "hotspotacknowledgements" },
);

export interface FeedAcknowledgementRecord {
	_id: string;
	itemId: string;
	kind: FeedKind;
	userId: string;
	name: string;
	endpointId: string;
	at: Date;
}

export const acknowledgementIdOf = (itemId: string): string => `ack:${itemId}`;
