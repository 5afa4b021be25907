/**
 * The platform's one clock: every rule, alert, deadline and printed date reads it. A test either
 * gives it a base (`PlatformOptions.now`) or moves it forward by `offsetMs`.
 */
export class Clock {
	offsetMs = 0;
	readonly #base: () => Date;

	constructor(base: () => Date = () => new Date()) {
		this.#base = base;
	}

	now(): Date {
		return new Date(this.#base().getTime() + this.offsetMs);
	}
}
