import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Schema } from "mongoose";
import { afterAll, expect, it } from "vitest";
import { Database } from "../../server/db/Database.js";
import { createLogger } from "../../server/logger.js";
import type { Platform } from "../../server/Platform.js";
import { getJson, startPlatform, tempDir, testDatabaseUri } from "../support/platform.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
});

it("writes and reads back a document, and a unique index rejects a duplicate", async () => {
	const db = new Database(createLogger("warn"));
	await db.connect(testDatabaseUri(), "unused-when-uri-names-one");
	cleanups.push(() => db.close());
	const Probe = db.connection.model(
		"Probe",
		new Schema({ code: { type: String, required: true, unique: true }, n: Number }),
	);
	await Probe.init();

	await Probe.create({ code: "HN-01", n: 7 });
	const back = await Probe.findOne({ code: "HN-01" }).lean();
	expect(back).toMatchObject({ code: "HN-01", n: 7 });

	await expect(Probe.create({ code: "HN-01", n: 8 })).rejects.toMatchObject({ code: 11000 });
	expect(await Probe.countDocuments()).toBe(1);
});

it("runs the embedded database on a Unix socket in a 0700 folder, and reports it not ready on /readyz once it stops", async () => {
	const dataDir = await tempDir("embedded");
	const platform: Platform = await startPlatform({ MONGODB_URI: "", RB_DATA_DIR: dataDir });
	cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
	cleanups.push(() => platform.stop());
	const readyz = `http://127.0.0.1:${platform.port}/readyz`;
	expect(await getJson(readyz)).toMatchObject({ status: 200, body: { checks: { database: { ready: true } } } });

	// Reachable only by the platform's own user: a Unix socket in a 0700 folder, no TCP port.
	const embedded = platform.embeddedDatabase;
	const socket = embedded?.socketPath ?? "";
	expect(socket).toBe(path.join(dataDir, "run", "ferretdb.sock"));
	expect((await stat(socket)).isSocket()).toBe(true);
	expect(((await stat(path.dirname(socket))).mode & 0o777).toString(8)).toBe("700");
	expect(((await stat(dataDir)).mode & 0o077).toString(8)).toBe("0");
	expect(embedded?.uri).toBe(`mongodb://${encodeURIComponent(socket)}/`);
	const args = (await readFile(`/proc/${embedded?.pid}/cmdline`, "utf8")).split("\0");
	expect(args).toContain("--listen-addr=");
	expect(args.filter((a) => a.startsWith("--listen-") && a !== "--listen-addr=")).toEqual([`--listen-unix=${socket}`]);

	await platform.embeddedDatabase?.stop();

	const after = await getJson(readyz);
	expect(after.status).toBe(503);
	expect(after.body).toMatchObject({ ready: false, checks: { database: { ready: false }, workers: { ready: true } } });
});
