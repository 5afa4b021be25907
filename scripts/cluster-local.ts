// npx tsx scripts/cluster-local.ts: docs/operations.md's cluster layout on this machine, loopback only,
// for trying it: the embedded FerretDB (with the demo topology), Redis, two platform nodes as their
// own processes and nginx in front on 127.0.0.1:8080 (CLUSTER_PORT). Ctrl-C stops everything.
// Needs Debian's redis-server and nginx (`bash scripts/install.sh --test` installs both).
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../server/config.js";
import { EmbeddedDatabase } from "../server/db/EmbeddedDatabase.js";
import { createLogger } from "../server/logger.js";
import { DEMO_PASSWORD, seedDemo } from "../server/records/demoTopology.js";
import { auditKeyOf } from "../server/records/secrets.js";
import { withRecords } from "../server/records/standalone.js";
import { seedDemoRegister } from "../server/register/demoRegister.js";
import { ClusterLayout } from "./cluster/ClusterLayout.js";

const config = loadConfig();
const logger = createLogger("info");
const dir = path.resolve(process.env.CLUSTER_DIR ?? path.join(config.RB_DATA_DIR, "cluster"));
await mkdir(dir, { recursive: true });
const database = new EmbeddedDatabase({ binary: config.FERRETDB_BIN, dataDir: path.join(dir, "db"), logger });
await database.start();
const mongodbUri = `${database.uri}reception`;
// Kept in the layout's folder (or AUDIT_KEY): a second start verifies the chain the first one wrote.
const auditKey = auditKeyOf({ ...config, MONGODB_URI: undefined, RB_DATA_DIR: dir }, logger);
await withRecords({ ...config, MONGODB_URI: mongodbUri, AUDIT_KEY: auditKey }, logger, async (records) => {
	const demo = await seedDemo(records, config.BCRYPT_ROUNDS);
	if (demo.seeded) await seedDemoRegister(records, demo);
});
const layout = await ClusterLayout.start({
	dir,
	mongodbUri,
	jwtSecret: process.env.JWT_SECRET ?? randomBytes(32).toString("hex"),
	auditKey,
	nginxPort: Number(process.env.CLUSTER_PORT ?? 8080),
	mediaPortBase: Number(process.env.CLUSTER_MEDIA_PORT ?? 20000),
	env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "info" },
	log: "inherit",
});
logger.info(
	{
		open: layout.url,
		nodes: layout.nodes.map((n) => ({ id: n.id, pid: n.pid, http: n.url, media: `127.0.0.1:${n.mediaPort} udp+tcp` })),
		redis: layout.redis.url,
		password: DEMO_PASSWORD,
		kill: "kill -9 <a node's pid> to watch its sessions fail over; kill <pid> to drain it",
	},
	"cluster running on loopback",
);

let stopping = false;
async function stop(): Promise<void> {
	if (stopping) return;
	stopping = true;
	await layout.stop();
	await database.stop();
	process.exit(0);
}
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
