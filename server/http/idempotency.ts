import { createHash } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { ConflictError, ValidationError } from "../../domain/errors.js";
import { canonicalJson } from "../records/canonicalJson.js";
import { identityOf } from "./authenticate.js";
import type { IdempotentAnswers } from "./IdempotentAnswers.js";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Printable ASCII, as the IETF Idempotency-Key draft's examples (a UUID fits). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Answers a retry may not get back: the caller's token, a wait, a rate limit, or a busy key. */
const NOT_KEPT = new Set([401, 408, 429]);
/** Answers larger than this are not kept (a retry then runs the route, whose ids keep it to one write). */
const MAX_KEPT_CHARS = 1_000_000;

/**
 * Every signed-in write with an `Idempotency-Key` header is answered once: the first answer (status
 * and body) is kept, and a retry with the same key gets exactly it back, marked `Idempotent-Replayed:
 * true`, without running the route again. A key reused for another request is refused; a retry while
 * the first is still running waits for its answer. A 5xx frees the key for a retry.
 */
export function idempotency(answers: IdempotentAnswers, logger: Logger): RequestHandler {
	return async (req, res, next) => {
		const header = req.get("idempotency-key");
		if (header === undefined || !WRITES.has(req.method)) return next();
		if (!KEY_PATTERN.test(header)) {
			throw new ValidationError("Idempotency-Key must be 1 to 255 printable ASCII characters", [
				{ path: "header.idempotency-key", message: "1 to 255 printable ASCII characters", code: "invalid_format" },
			]);
		}
		const userId = identityOf(res).sub;
		const key = createHash("sha256").update(`${userId}\n${header}`).digest("hex");
		const claim = await answers.claim(key, fingerprintOf(req.method, req.originalUrl, req.body));
		if (claim.kind === "other-request") {
			throw new ValidationError("this Idempotency-Key was used for another request", [
				{ path: "header.idempotency-key", message: "already used for another request", code: "invalid_value" },
			]);
		}
		if (claim.kind === "busy") throw new ConflictError("the first request with this Idempotency-Key is still running");
		if (claim.kind === "answered") {
			res.set("Idempotent-Replayed", "true").status(claim.status).json(claim.body);
			return;
		}
		let answered: { body: unknown } | null = null;
		const json = res.json.bind(res);
		res.json = (body: unknown) => {
			answered = { body };
			return json(body);
		};
		res.once("finish", () => {
			const keep =
				answered !== null &&
				res.statusCode < 500 &&
				!NOT_KEPT.has(res.statusCode) &&
				JSON.stringify(answered.body ?? null).length <= MAX_KEPT_CHARS;
			const done = keep ? answers.finish(key, res.statusCode, answered?.body ?? null) : answers.release(key);
			done.catch((err: unknown) => logger.warn({ err }, "idempotent answer not kept"));
		});
		res.once("close", () => {
			if (!res.writableFinished) answers.release(key).catch(() => undefined);
		});
		next();
	};
}

/** The request as a retry must repeat it: method, path and query, and body. */
function fingerprintOf(method: string, url: string, body: unknown): string {
	const hash = createHash("sha256").update(`${method} ${url}\n`);
	hash.update(Buffer.isBuffer(body) ? body : canonicalJson(body ?? null));
	return hash.digest("hex");
}
