import type { Logger } from "pino";
import type { z } from "zod";
import { toIssues } from "../domain/issues.js";
import { wellFormedInput } from "../domain/wellFormed.js";
import { PayloadTooLargeError, RateLimitedError, toProtocolError } from "./errors.js";
import type { Ack } from "./protocol.js";

interface RequestSocket {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Told of every request and, when refused or failed, its error code. */
export type RequestObserver = (name: string, errorCode?: string) => void;

/** Per-socket bounds on what a client may send (docs/protocol.md, "Limits"). */
export interface RequestLimits {
	/** Requests refilled per second into each socket's bucket. */
	perSecond: number;
	/** The bucket's size: the burst a socket may send at once. */
	burst: number;
	/** A message larger than this (as JSON) is answered PAYLOAD_TOO_LARGE. */
	maxMessageBytes: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = { perSecond: 50, burst: 400, maxMessageBytes: 262_144 };

export interface ServeOptions {
	onRequest?: RequestObserver;
	limits?: RequestLimits;
}

/** A token bucket: `take` is false once the socket sent more than its rate allows. */
function bucket({ perSecond, burst }: RequestLimits): { take(): boolean } {
	let tokens = burst;
	let last = Date.now();
	return {
		take() {
			const now = Date.now();
			tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
			last = now;
			if (tokens < 1) return false;
			tokens -= 1;
			return true;
		},
	};
}

function tooLarge(body: unknown, limit: number): boolean {
	try {
		return Buffer.byteLength(JSON.stringify(body) ?? "") > limit;
	} catch {
		return true;
	}
}

export type RequestHandlers<S extends Record<string, z.ZodType>, R extends { [K in keyof S]: unknown }> = {
	[K in keyof S]: (payload: z.output<S[K]>) => Promise<R[K]>;
};

/**
 * Listens for every request a schema map names: validates its payload, runs its handler and
 * acknowledges `{ data }` or `{ error }`. A malformed payload is VALIDATION_ERROR; the server stays up.
 */
export function serveRequests<S extends Record<string, z.ZodType>, R extends { [K in keyof S]: unknown }>(
	socket: RequestSocket,
	schemas: S,
	handlers: RequestHandlers<S, R>,
	logger: Logger,
	{ onRequest, limits = DEFAULT_REQUEST_LIMITS }: ServeOptions = {},
): void {
	const rate = bucket(limits);
	for (const name of Object.keys(schemas) as (keyof S & string)[]) {
		socket.on(name, async (payload: unknown, ack: unknown) => {
			// `emit("x", cb)` with no payload delivers the callback first.
			const [body, reply] = typeof payload === "function" && ack === undefined ? [undefined, payload] : [payload, ack];
			if (typeof reply !== "function") {
				logger.warn({ request: name }, "request without acknowledgement callback ignored");
				return;
			}
			const respond = reply as (result: Ack<unknown>) => void;
			const refused = !rate.take()
				? new RateLimitedError()
				: tooLarge(body, limits.maxMessageBytes)
					? new PayloadTooLargeError(limits.maxMessageBytes)
					: null;
			if (refused) {
				onRequest?.(name, refused.code);
				logger.debug({ request: name, code: refused.code }, "request refused");
				respond({ error: toProtocolError(refused) });
				return;
			}
			const schema = schemas[name] as z.ZodType;
			let input: unknown;
			try {
				input = wellFormedInput(body, "payload");
			} catch (err) {
				onRequest?.(name, "VALIDATION_ERROR");
				respond({ error: toProtocolError(err) });
				return;
			}
			const parsed = schema.safeParse(input);
			if (!parsed.success) {
				const issues = toIssues(parsed.error, input);
				onRequest?.(name, "VALIDATION_ERROR");
				respond({ error: { code: "VALIDATION_ERROR", message: `invalid ${name} payload`, issues } });
				return;
			}
			try {
				const data = await handlers[name](parsed.data as z.output<S[typeof name]>);
				onRequest?.(name);
				respond({ data });
			} catch (err) {
				const error = toProtocolError(err);
				// The client's own bad media parameters are its problem, not the server's: a warning, no stack.
				if (error.code === "INTERNAL_ERROR") logger.error({ err, request: name }, "request failed");
				else if (error.code === "MEDIA_ERROR") logger.warn({ request: name, reason: error.message }, "media refused");
				else logger.info({ request: name, code: error.code }, "request refused");
				onRequest?.(name, error.code);
				respond({ error });
			}
		});
	}
}
