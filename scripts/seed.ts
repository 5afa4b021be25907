// npm run seed: loads the demo topology into the configured database (stop the platform first when
// it runs the embedded database on the same RB_DATA_DIR).
import { loadConfig } from "../server/config.js";
import { seedDemoHotspots } from "../server/hotspots/demoHotspots.js";
import { createLogger } from "../server/logger.js";
import { seedDemo } from "../server/records/demoTopology.js";
import { demoPassword } from "../server/records/secrets.js";
import { withRecords } from "../server/records/standalone.js";
import { seedDemoRegister } from "../server/register/demoRegister.js";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
// The same password the embedded trial makes: generated once into RB_DATA_DIR, never the published one.
const password = demoPassword(config.RB_DATA_DIR);
const result = await withRecords(config, logger, async (records) => {
	const demo = await seedDemo(records, config.BCRYPT_ROUNDS, new Date(), password.value);
	if (demo.seeded) {
		await seedDemoRegister(records, demo);
		await seedDemoHotspots(records, demo, logger);
	}
	return demo;
});
if (result.seeded) {
	logger.info(
		{ users: Object.keys(result.users), password: password.value, passwordFile: password.file },
		"demo topology loaded",
	);
} else {
	logger.info("the database already has endpoints: nothing seeded");
}
