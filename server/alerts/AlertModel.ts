import { type Connection, type InferSchemaType, type Model, Schema } from "mongoose";
import { ALERT_CLEAR_REASONS, ALERT_SEVERITIES } from "../../domain/alerts.js";

const alertSchema = new Schema(
	{
		kind: { type: String, required: true },
		severity: { type: String, enum: ALERT_SEVERITIES, required: true },
		endpointId: { type: String, required: true },
		/** null: an alert about the endpoint alone. */
		sessionId: { type: String, default: null },
		facts: { type: Schema.Types.Mixed, default: {} },
		count: { type: Number, required: true },
		firstAt: { type: Date, required: true },
		lastAt: { type: Date, required: true },
		/** Queried instead of `cleared: null`, which MongoDB and FerretDB v1 need not read alike. */
		open: { type: Boolean, required: true },
		acknowledged: {
			type: new Schema({ userId: String, name: String, at: Date }, { _id: false }),
			default: null,
		},
		cleared: {
			type: new Schema({ reason: { type: String, enum: ALERT_CLEAR_REASONS }, at: Date }, { _id: false }),
			default: null,
		},
	},
	{ versionKey: false, collection: "alerts", minimize: false },
);
// Raising finds the group of one kind, endpoint and session; lists read the newest; pruning reads by age.
alertSchema.index({ endpointId: 1, sessionId: 1, kind: 1 });
alertSchema.index({ sessionId: 1, open: 1 });
alertSchema.index({ lastAt: -1 });

type AlertFields = InferSchemaType<typeof alertSchema>;
export type AlertDocument = AlertFields & { _id: unknown };

export function alertModel(connection: Connection): Model<AlertFields> {
	return (
		(connection.models.Alert as Model<AlertFields> | undefined) ?? connection.model<AlertFields>("Alert", alertSchema)
	);
}
