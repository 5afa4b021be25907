import type { ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import { ERROR_CATALOGUE, type ErrorBody, ReceptionError, toErrorBody } from "../../domain/errors.js";

/** Turns errors into `{ error: { code, message } }`; anything unexpected is logged and answered 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
	return (err, req, res, _next) => {
		if (err instanceof ReceptionError) {
			res.status(err.spec.status).json({ error: toErrorBody(err) });
			return;
		}
		if (isDatabaseUnavailable(err)) {
			res
				.status(503)
				.json({ error: { code: "DATABASE_UNAVAILABLE", message: "the database is not reachable; retry" } });
			return;
		}
		// express.json's malformed or oversized body.
		const bodyError = BODY_ERRORS[(err as { type?: string }).type ?? ""];
		if (bodyError) {
			res.status(ERROR_CATALOGUE[bodyError.code].status).json({ error: bodyError });
			return;
		}
		// express.json's size limit: the body was never read, so nothing was written.
		if ((err as { type?: string }).type === "entity.too.large") {
			res.status(413).json({ error: { code: "PAYLOAD_TOO_LARGE", message: "the request body is larger than 1 MB" } });
			return;
		}
		// Express's own refusals of the request itself (a path with malformed percent-encoding, …).
		const status = (err as { status?: unknown }).status;
		if (typeof status === "number" && status >= 400 && status < 500) {
			const code = status === 413 ? "PAYLOAD_TOO_LARGE" : "VALIDATION_ERROR";
			res.status(ERROR_CATALOGUE[code].status).json({ error: { code, message: "the request is malformed" } });
			return;
		}
		logger.error({ err, method: req.method, path: req.path }, "request failed");
		res.status(ERROR_CATALOGUE.INTERNAL_ERROR.status).json({ error: toErrorBody(err) });
	};
}

const BODY_ERRORS: Record<string, ErrorBody> = {
	"entity.parse.failed": { code: "VALIDATION_ERROR", message: "the body is not valid JSON" },
	"entity.too.large": { code: "PAYLOAD_TOO_LARGE", message: "the body is too large" },
};

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
