import { type Connection, type Model, Schema } from "mongoose";
import type { CheckResultStore, ConnectivityCheckRecord } from "../../signaling/checkProtocol.js";

const connectivityCheckSchema = new Schema(
	{
		endpointId: { type: String, required: true },
		userId: { type: String, required: true },
		at: { type: Date, required: true },
		passed: { type: Boolean, required: true },
		steps: [
			{
				_id: false,
				step: { type: String, required: true },
				status: { type: String, enum: ["passed", "failed", "skipped"], required: true },
				reason: { type: String },
				reasonCode: { type: String },
				reasonParams: { type: Schema.Types.Mixed },
				metrics: { type: Schema.Types.Mixed },
				durationMs: { type: Number, required: true },
			},
		],
	},
	{ versionKey: false, collection: "connectivitychecks" },
);
// The readiness board asks for each endpoint's latest check.
connectivityCheckSchema.index({ endpointId: 1, at: -1 });

/** Results of the pre-session connectivity checks, one document per run. */
export class ConnectivityChecks implements CheckResultStore {
	readonly model: Model<ConnectivityCheckRecord>;

	constructor(connection: Connection) {
		this.model = connection.model<ConnectivityCheckRecord>("ConnectivityCheck", connectivityCheckSchema);
	}

	async store(check: Omit<ConnectivityCheckRecord, "passed">): Promise<{ checkId: string; passed: boolean }> {
		// Skipped steps (TURN not configured) do not fail a check; a failed one does.
		const passed = check.steps.every((s) => s.status !== "failed");
		const doc = await this.model.create({ ...check, passed });
		return { checkId: String(doc._id), passed };
	}

	async latest(endpointId: string): Promise<(ConnectivityCheckRecord & { checkId: string }) | null> {
		const doc = await this.model
			.findOne({ endpointId })
			.sort({ at: -1 })
			.lean<ConnectivityCheckRecord & { _id: unknown }>();
		if (!doc) return null;
		const { _id, ...rest } = doc;
		return { ...rest, checkId: String(_id) };
	}
}
