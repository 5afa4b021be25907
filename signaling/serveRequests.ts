import type { Logger } from "pino";
import type { z } from "zod";
import { toIssues } from "../domain/issues.js";
import { toProtocolError } from "./errors.js";
import type { Ack } from "./protocol.js";

interface RequestSocket {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Told of every request and, when refused or failed, its error code. */
export type RequestObserver = (name: string, errorCode?: string) => void;

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
	onRequest?: RequestObserver,
): void {
	for (const name of Object.keys(schemas) as (keyof S & string)[]) {
		socket.on(name, async (payload: unknown, ack: unknown) => {
			// `emit("x", cb)` with no payload delivers the callback first.
			const [body, reply] = typeof payload === "function" && ack === undefined ? [undefined, payload] : [payload, ack];
			if (typeof reply !== "function") {
				logger.warn({ request: name }, "request without acknowledgement callback ignored");
				return;
			}
			const respond = reply as (result: Ack<unknown>) => void;
			const schema = schemas[name] as z.ZodType;
			const parsed = schema.safeParse(body);
			if (!parsed.success) {
				const issues = toIssues(parsed.error, body);
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
				if (error.code === "INTERNAL_ERROR" || error.code === "MEDIA_ERROR") {
					logger.error({ err, request: name }, "request failed");
				} else logger.info({ request: name, code: error.code }, "request refused");
				onRequest?.(name, error.code);
				respond({ error });
			}
		});
	}
}
