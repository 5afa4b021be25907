/** The register's clock (deadlines, reminders, printing dates); a test moves it forward by `offsetMs`. */
export class Clock {
	offsetMs = 0;

	now(): Date {
		return new Date(Date.now() + this.offsetMs);
	}
}
