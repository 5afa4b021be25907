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

/** No valid credentials: signing in (again) may help. */
export class UnauthenticatedError extends ReceptionError {
	constructor(message = "sign in first") {
		super("UNAUTHENTICATED", message);
	}
}

/** Signed in, but this role or endpoint scope may not do this. */
export class ForbiddenError extends ReceptionError {
	constructor(message: string) {
		super("FORBIDDEN", message);
	}
}

export class NotFoundError extends ReceptionError {
	constructor(what: string) {
		super("NOT_FOUND", `${what} not found`);
	}
}

export class ValidationError extends ReceptionError {
	constructor(
		message: string,
		readonly issues: { path: string; message: string }[] = [],
	) {
		super("VALIDATION_ERROR", message);
	}
}

/** The request contradicts the record as it now stands (a stale revision, a forbidden transition). */
export class ConflictError extends ReceptionError {
	constructor(message: string) {
		super("CONFLICT", message);
	}
}
