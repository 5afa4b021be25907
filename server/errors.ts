import { ReceptionError } from "../domain/errors.js";

export class ConfigError extends ReceptionError {
	constructor(readonly problems: string[]) {
		super("CONFIG_INVALID", `invalid configuration: ${problems.join("; ")}`);
	}
}

export class DatabaseStartError extends ReceptionError {
	constructor(message: string) {
		super("DATABASE_START_FAILED", message);
	}
}
