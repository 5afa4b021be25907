import { afterAll, beforeAll, expect, it } from "vitest";
import { Database } from "../../server/db/Database.js";
import { createLogger } from "../../server/logger.js";
import { Partitions } from "../../server/reports/Partitions.js";
import { testDatabaseUri } from "../support/platform.js";

interface Doc {
	_id: string;
	value: number;
}

let database: Database;
beforeAll(async () => {
	database = new Database(createLogger("warn"));
	const uri = new URL(testDatabaseUri());
	await database.connect(uri.toString(), uri.pathname.slice(1));
});
afterAll(async () => {
	await database?.close();
});

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `case-${from + i}`);
const partitionNames = async (prefix: string) =>
	(await database.connection.db?.listCollections({}, { nameOnly: true }).toArray())
		?.map((c) => c.name)
		.filter((n) => n.startsWith(prefix)) ?? [];

it("splits off a partition at a time as documents arrive, and every document stays readable once", async () => {
	const parts = new Partitions<Doc>(database.connection, "grow_", 4);
	const all = ids(60);
	for (let i = 0; i < all.length; i += 7) await parts.put(all.slice(i, i + 7).map((_id) => ({ _id, value: 1 })));
	expect((await partitionNames("grow_")).length).toBeGreaterThan(8);
	for (const id of all) expect(await parts.get(id)).toEqual({ _id: id, value: 1 });
	expect((await parts.find({})).map((d) => d._id).sort()).toEqual([...all].sort());

	// Replaced, not added; another process (a node) reads the same after loading the state.
	await parts.put(all.slice(0, 10).map((_id) => ({ _id, value: 2 })));
	const other = new Partitions<Doc>(database.connection, "grow_", 4);
	await other.load();
	expect((await other.getMany(all)).filter((d) => d.value === 2).map((d) => d._id)).toEqual(all.slice(0, 10));
	expect(await other.find({ value: 2 })).toHaveLength(10);

	// A copy a crashed split left in a partition its address does not name is never read.
	const first = all[0] ?? "";
	const names = await partitionNames("grow_");
	for (const name of names)
		await database.connection.db
			?.collection<Doc>(name)
			.updateOne({ _id: first }, { $setOnInsert: { value: 99 } }, { upsert: true });
	expect(await other.get(first)).toEqual({ _id: first, value: 2 });
	expect((await other.find({})).filter((d) => d._id === first)).toEqual([{ _id: first, value: 2 }]);
	// … nor after more splits (the one of its partition deletes it).
	await other.put(ids(200, 60).map((_id) => ({ _id, value: 3 })));
	expect((await other.find({})).map((d) => d._id).sort()).toEqual([...all, ...ids(200, 60)].sort());
	for (const id of all) expect((await other.get(id))?.value).toBeLessThan(3);
});

it("loads many documents into as many partitions as they need at once, and drops them all", async () => {
	const parts = new Partitions<Doc>(database.connection, "load_", 8);
	await parts.insertMany(ids(100).map((_id) => ({ _id, value: 1 })));
	expect((await partitionNames("load_")).length).toBeGreaterThanOrEqual(8);
	expect(await parts.getMany(ids(100))).toHaveLength(100);
	await parts.drop();
	expect(await partitionNames("load_")).toEqual([]);
	expect(await parts.find({})).toEqual([]);
});
