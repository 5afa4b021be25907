import { type Connection, type InferSchemaType, type Model, Schema } from "mongoose";

const healthSampleSchema = new Schema(
	{
		endpointId: { type: String, required: true },
		at: { type: Date, required: true },
		sessionId: { type: String },
		status: { type: String, enum: ["healthy", "degraded", "failing"], required: true },
		reasons: { type: [Schema.Types.Mixed], default: [] },
		client: { type: Schema.Types.Mixed, default: {} },
		server: { type: Schema.Types.Mixed, default: {} },
	},
	{ versionKey: false, collection: "endpointhealthsamples" },
);
// Charts read one endpoint over a time range; pruning deletes by time.
healthSampleSchema.index({ endpointId: 1, at: -1 });
healthSampleSchema.index({ at: 1 });

export type HealthSample = InferSchemaType<typeof healthSampleSchema>;

export interface HealthHistoryOptions {
	retentionDays: number;
	/** Newest samples kept per endpoint, whatever their age: bounds the size of a chatty endpoint. */
	maxSamplesPerEndpoint: number;
}

/**
 * Endpoint quality over time, for charts and after-the-fact questions. Operational data, not the
 * official record: it is pruned by the application (FerretDB v1 has no TTL indexes).
 */
export class HealthHistory {
	readonly model: Model<HealthSample>;
	readonly #options: HealthHistoryOptions;

	constructor(connection: Connection, options: HealthHistoryOptions) {
		this.model = connection.model<HealthSample>("EndpointHealthSample", healthSampleSchema);
		this.#options = options;
	}

	async append(sample: HealthSample): Promise<void> {
		await this.model.create(sample);
	}

	range(endpointId: string, from: Date, to: Date, limit = 2000): Promise<HealthSample[]> {
		return this.model
			.find({ endpointId, at: { $gte: from, $lte: to } }, { _id: 0 })
			.sort({ at: -1 })
			.limit(limit)
			.lean<HealthSample[]>()
			.exec();
	}

	/** Deletes samples past the retention period and beyond each endpoint's newest N. */
	async prune(now = new Date()): Promise<number> {
		const cutoff = new Date(now.getTime() - this.#options.retentionDays * 86_400_000);
		let deleted = (await this.model.deleteMany({ at: { $lt: cutoff } })).deletedCount;
		for (const endpointId of await this.model.distinct("endpointId")) {
			const oldestKept = await this.model
				.find({ endpointId }, { at: 1 })
				.sort({ at: -1 })
				.skip(this.#options.maxSamplesPerEndpoint - 1)
				.limit(1)
				.lean<{ at: Date }[]>();
			const boundary = oldestKept[0]?.at;
			if (boundary) deleted += (await this.model.deleteMany({ endpointId, at: { $lt: boundary } })).deletedCount;
		}
		return deleted;
	}
}
