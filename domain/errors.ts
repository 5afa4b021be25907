/**
 * The one error catalogue: every code a client may be told, over HTTP or Socket.IO alike, with its
 * HTTP status, whether retrying the same request may succeed, and the key the app words it with.
 */
export interface ErrorSpec {
	status: number;
	retryable: boolean;
	/** The app's message key (client/src/i18n): `error_<CODE>`. */
	i18nKey: `error_${string}`;
}

function spec<C extends string>(code: C, status: number, retryable = false): ErrorSpec {
	return { status, retryable, i18nKey: `error_${code}` };
}

export const ERROR_CATALOGUE = {
	VALIDATION_ERROR: spec("VALIDATION_ERROR", 400),
	PAYLOAD_TOO_LARGE: spec("PAYLOAD_TOO_LARGE", 413),
	UNAUTHENTICATED: spec("UNAUTHENTICATED", 401),
	TOKEN_MISSING: spec("TOKEN_MISSING", 401),
	TOKEN_EXPIRED: spec("TOKEN_EXPIRED", 401),
	TOKEN_INVALID: spec("TOKEN_INVALID", 401),
	TOKEN_WRONG_SCOPE: spec("TOKEN_WRONG_SCOPE", 401),
	FORBIDDEN: spec("FORBIDDEN", 403),
	NOT_FOUND: spec("NOT_FOUND", 404),
	CONFLICT: spec("CONFLICT", 409),
	ALREADY_RECORDED: spec("ALREADY_RECORDED", 409),
	/** The session's conclusion notice is issued: its content changes only through a correction. */
	NOTICE_FROZEN: spec("NOTICE_FROZEN", 409),
	RATE_LIMITED: spec("RATE_LIMITED", 429, true),
	/** Too many failed sign-ins for this account (from this address, or from anywhere). */
	TOO_MANY_ATTEMPTS: spec("TOO_MANY_ATTEMPTS", 429, true),
	NOT_IN_SESSION: spec("NOT_IN_SESSION", 409),
	CHAIR_MUTED: spec("CHAIR_MUTED", 403),
	SESSION_ENDED: spec("SESSION_ENDED", 410),
	CANNOT_CONSUME: spec("CANNOT_CONSUME", 409),
	MEDIA_UNAVAILABLE: spec("MEDIA_UNAVAILABLE", 503, true),
	MEDIA_ERROR: spec("MEDIA_ERROR", 400),
	DATABASE_UNAVAILABLE: spec("DATABASE_UNAVAILABLE", 503, true),
	/** Another node of the cluster holds a lock this request needs (or Redis does not answer): retry. */
	CLUSTER_BUSY: spec("CLUSTER_BUSY", 503, true),
	CONFIG_INVALID: spec("CONFIG_INVALID", 500),
	DATABASE_START_FAILED: spec("DATABASE_START_FAILED", 500),
	INTERNAL_ERROR: spec("INTERNAL_ERROR", 500, true),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export function isErrorCode(code: unknown): code is ErrorCode {
	return typeof code === "string" && Object.hasOwn(ERROR_CATALOGUE, code);
}

/**
 * Why a field was refused, for the app to word in its language: missing, out of its bounds (text
 * length, list size, number, date), of the wrong type or format, or not one of the allowed values.
 */
export const ISSUE_CODES = [
	"required",
	"too_short",
	"too_long",
	"too_few",
	"too_many",
	"too_small",
	"too_big",
	"too_early",
	"too_late",
	"invalid_type",
	"invalid_format",
	"invalid_value",
	"unrecognized_keys",
	/** A person or thing that may not take this place (a co-chair who is neither a chair nor a central leader). */
	"not_eligible",
	/** Something that must end and does not (a recurrence without an end date or a count). */
	"unbounded",
	"invalid",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * Where and why an input was refused; `path` names the field, e.g. `body.citizens.0.idNumber`.
 * `message` is English, for logs; the app words `code` and `limit` (a bound: a number, or an ISO date).
 */
export interface ErrorIssue {
	path: string;
	message: string;
	code?: IssueCode;
	limit?: number | string;
}

/** The JSON error form of every REST answer and every socket acknowledgement. */
export interface ErrorBody {
	code: ErrorCode;
	message: string;
	issues?: ErrorIssue[];
}

/** Base of the platform's errors: a catalogued code the client can word, and a message for logs. */
export class ReceptionError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
	) {
		super(message);
		this.name = new.target.name;
	}

	get spec(): ErrorSpec {
		return ERROR_CATALOGUE[this.code];
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
		readonly issues: ErrorIssue[] = [],
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

/** A second record of what is already recorded (an outcome for the same case and session, a taken code). */
export class AlreadyRecordedError extends ReceptionError {
	constructor(message: string) {
		super("ALREADY_RECORDED", message);
	}
}

/** What a client is told of any error: its own code and message when catalogued, else a bare INTERNAL_ERROR. */
export function toErrorBody(err: unknown): ErrorBody {
	if (err instanceof ValidationError) return { code: err.code, message: err.message, issues: err.issues };
	if (err instanceof ReceptionError) return { code: err.code, message: err.message };
	return { code: "INTERNAL_ERROR", message: "internal error" };
}
