// npm run seed: loads the demo topology into the configured database (stop the platform first when
// it runs the embedded database on the same RB_DATA_DIR).
import { loadConfig } from "../server/config.js";
import { seedDemoHotspots } from "../server/hotspots/demoHotspots.js";
import { createLogger } from "../server/logger.js";
import { DEMO_PASSWORD, seedDemo } from "../server/records/demoTopology.js";
import { withRecords } from "../server/records/standalone.js";
import { seedDemoRegister } from "../server/register/demoRegister.js";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const result = await withRecords(config, logger, async (records) => {
	const demo = await seedDemo(records, config.BCRYPT_ROUNDS);
	if (demo.seeded) {
		await seedDemoRegister(records, demo);
		await seedDemoHotspots(records, demo, logger);
	}
	return demo;
});
if (result.seeded) {
	logger.info({ users: Object.keys(result.users), password: DEMO_PASSWORD }, "demo topology loaded");
} else {
	logger.info("the database already has endpoints: nothing seeded");
}
