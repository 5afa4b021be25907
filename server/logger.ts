import { type Logger, pino } from "pino";

export type { Logger };

/** One JSON line per event; children add the session, endpoint and user to every line they write. */
export function createLogger(level: string): Logger {
	return pino({ level, base: { service: "reception-bridge" }, timestamp: pino.stdTimeFunctions.isoTime });
}
