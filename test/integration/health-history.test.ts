import { afterAll, beforeAll, expect, it } from "vitest";
import { Database } from "../../server/db/Database.js";
import { HealthHistory } from "../../server/health/HealthHistory.js";
import { createLogger } from "../../server/logger.js";
import { testDatabaseUri } from "../support/platform.js";

let db: Database;
let history: HealthHistory;

beforeAll(async () => {
	db = new Database(createLogger("warn"));
	await db.connect(testDatabaseUri(), "unused");
	history = new HealthHistory(db.connection, { retentionDays: 30, maxSamplesPerEndpoint: 3 });
	await history.model.init();
});
afterAll(async () => {
	await db.connection.dropDatabase();
	await db.close();
});

const now = new Date("2026-11-28T08:00:00Z");
const daysAgo = (d: number, minutes = 0) => new Date(now.getTime() - d * 86_400_000 - minutes * 60_000);

it("keeps history for the retention period and at most N samples per endpoint", async () => {
	const sample = (endpointId: string, at: Date) => ({
		endpointId,
		at,
		status: "healthy" as const,
		reasons: [],
		client: {},
		server: {},
	});
	await history.append(sample("NT-01", daysAgo(31)));
	for (let m = 0; m < 5; m++) await history.append(sample("NT-01", daysAgo(1, m)));
	await history.append(sample("NT-02", daysAgo(2)));

	expect(await history.prune(now)).toBe(3);

	const kept = await history.range("NT-01", daysAgo(40), now);
	expect(kept.map((s) => s.at.toISOString())).toEqual(
		[daysAgo(1, 0), daysAgo(1, 1), daysAgo(1, 2)].map((d) => d.toISOString()),
	);
	expect(await history.range("NT-02", daysAgo(40), now)).toHaveLength(1);
});
