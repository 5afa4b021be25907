import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { Platform } from "./Platform.js";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const platform = new Platform(config, logger);

async function shutdown(signal: string): Promise<void> {
	logger.info({ signal }, "shutdown requested");
	const timer = setTimeout(() => {
		logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "shutdown timed out");
		process.exit(1);
	}, config.SHUTDOWN_TIMEOUT_MS);
	timer.unref();
	await platform.stop();
	process.exit(0);
}

process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

platform.start().catch(async (err: unknown) => {
	logger.fatal({ err }, "platform failed to start");
	await platform.stop().catch(() => undefined);
	process.exit(1);
});
