import { expect, it } from "vitest";
import { recordingLogger, startPlatform } from "../support/platform.js";

it("stops every periodic task before the database closes: nothing runs against a closed database", async () => {
	const { logger, lines } = recordingLogger("warn");
	const fast = "5";
	const platform = await startPlatform(
		{
			HOTSPOT_CHECK_EVERY_MS: fast,
			ALERT_CHECK_EVERY_MS: fast,
			TASK_REMINDER_EVERY_MS: fast,
			DUTY_SWEEP_EVERY_MS: fast,
			HEALTH_PRUNE_EVERY_MS: fast,
			NATIONAL_DB_EVERY_MS: fast,
		},
		logger,
	);
	// Passes in flight when the stop begins, as a timer would have started them.
	void platform.hotspots.monitor.check();
	void platform.monitoring.alertMonitor.tick();
	await platform.stop();
	await new Promise((resolve) => setTimeout(resolve, 200));
	const afterClose = lines.filter((l) => JSON.stringify(l).includes("Client") || Number(l.level) >= 40);
	expect(afterClose.map((l) => l.msg)).toEqual([]);
});
