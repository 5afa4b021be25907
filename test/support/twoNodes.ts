import { RedisServer } from "../../scripts/cluster/RedisServer.js";
import type { Platform } from "../../server/Platform.js";
import { startPlatform, tempDir } from "./platform.js";
import { type RecordsFixture, startRecordsFixture } from "./records.js";

export interface TwoNodes {
	redis: RedisServer;
	/** Node A, with the demo topology and sign-in. */
	fx: RecordsFixture;
	nodeB: Platform;
	stop(): Promise<void>;
}

/** Two nodes of one cluster on a real Redis, sharing node A's database. */
export async function startTwoNodes(env: Record<string, string> = {}): Promise<TwoNodes> {
	const redis = await RedisServer.start();
	const cluster = { REDIS_URL: redis.url, NODE_TTL_MS: "1500", BCRYPT_ROUNDS: "4", ...env };
	const fx = await startRecordsFixture({ ...cluster, NODE_ID: "node-a", RB_DATA_DIR: await tempDir("node-a") });
	const nodeB = await startPlatform({
		...cluster,
		NODE_ID: "node-b",
		RB_DATA_DIR: await tempDir("node-b"),
		MONGODB_URI: fx.platform.config.MONGODB_URI ?? "",
	});
	return {
		redis,
		fx,
		nodeB,
		async stop() {
			try {
				await fx.platform.stop();
				await nodeB.stop();
			} finally {
				await redis.stop();
			}
		},
	};
}
