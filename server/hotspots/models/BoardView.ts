import { type Connection, type Model, Schema } from "mongoose";

/** When a user last marked the national board seen: operational data, written directly. */
const boardViewSchema = new Schema(
	{ _id: { type: String, required: true }, seenAt: { type: Date, required: true } },
	{ versionKey: false, collection: "hotspotboardviews" },
);

export interface BoardViewRecord {
	_id: string;
	seenAt: Date;
}

export function boardViewModel(connection: Connection): Model<BoardViewRecord> {
	return (
		(connection.models.HotspotBoardView as Model<BoardViewRecord> | undefined) ??
		connection.model<BoardViewRecord>("HotspotBoardView", boardViewSchema)
	);
}
