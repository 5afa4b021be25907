import type { PlatformOptions } from "../../server/Platform.js";
import { MailCatcher } from "./MailCatcher.js";
import { type RecordsFixture, startRecordsFixture } from "./records.js";

/** A platform whose duty alerts go to a real SMTP server started for the test; delivery swept often. */
export async function startDutyFixture(
	escalateAfterMs: number,
	env: Record<string, string> = {},
	options: PlatformOptions = {},
): Promise<{ fx: RecordsFixture; mail: MailCatcher }> {
	const mail = await MailCatcher.start();
	const fx = await startRecordsFixture(
		{
			SMTP_URL: mail.url,
			DUTY_ESCALATE_AFTER_MS: String(escalateAfterMs),
			DUTY_SWEEP_EVERY_MS: "200",
			...env,
		},
		options,
	);
	return { fx, mail };
}
