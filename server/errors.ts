/** Base of the platform's errors: a stable code the client can translate, and a message for logs. */
export class ReceptionError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = new.target.name;
	}
}

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
