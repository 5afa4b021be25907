import type { ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import { ReceptionError, ValidationError } from "../errors.js";

const STATUS_BY_CODE: Record<string, number> = {
	VALIDATION_ERROR: 400,
	UNAUTHENTICATED: 401,
	TOKEN_MISSING: 401,
	TOKEN_EXPIRED: 401,
	TOKEN_INVALID: 401,
	TOKEN_WRONG_SCOPE: 401,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	CONFLICT: 409,
};

/** Turns errors into `{ error: { code, message } }`; anything unexpected is logged and answered 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
	return (err, req, res, _next) => {
		if (err instanceof ReceptionError) {
			const status = STATUS_BY_CODE[err.code] ?? 500;
			const issues = err instanceof ValidationError ? { issues: err.issues } : {};
			res.status(status).json({ error: { code: err.code, message: err.message, ...issues } });
			return;
		}
		if (isDatabaseUnavailable(err)) {
			res
				.status(503)
				.json({ error: { code: "DATABASE_UNAVAILABLE", message: "the database is not reachable; retry" } });
			return;
		}
		// express.json's malformed body.
		if ((err as { type?: string }).type === "entity.parse.failed") {
			res.status(400).json({ error: { code: "VALIDATION_ERROR", message: "the body is not valid JSON" } });
			return;
		}
		logger.error({ err, method: req.method, path: req.path }, "request failed");
		res.status(500).json({ error: { code: "INTERNAL", message: "internal error" } });
	};
}

const UNREACHABLE = new Set([
	"MongoServerSelectionError",
	"MongooseServerSelectionError",
	"MongoNetworkError",
	"MongoNotConnectedError",
]);

/** The driver could not reach the database (or mongoose gave up buffering): worth a retry, not a bug. */
function isDatabaseUnavailable(err: unknown): boolean {
	const e = err as { name?: string; message?: string };
	return UNREACHABLE.has(e?.name ?? "") || /buffering timed out/.test(e?.message ?? "");
}
