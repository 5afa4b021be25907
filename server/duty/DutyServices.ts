import type { AlertDispatcher } from "./AlertDispatcher.js";
import type { DutyRoster } from "./DutyRoster.js";

/** What the duty routes use: the roster, the alert dispatcher, the daily report hour, the clock. */
export interface DutyServices {
	roster: DutyRoster;
	dispatcher: AlertDispatcher;
	/** The hour ("HH:MM", Vietnam) by which a daily report is due. */
	dailyReportDue: string;
	/** The platform's clock. */
	now: () => Date;
}
