/** Where a listener's failure is reported: a pino logger on the server, the console in the browser. */
export interface ListenerErrorLog {
	error(details: { err: unknown; event: string }, message: string): void;
}

const consoleLog: ListenerErrorLog = {
	error: (details, message) => console.error(message, details),
};

// biome-ignore lint/suspicious/noExplicitAny: listeners of different events share one map
type Listener = (...args: any[]) => void;

/**
 * A typed event emitter that never lets a listener's exception escape `safeEmit`, as mediasoup's
 * `EnhancedEventEmitter.safeEmit` does: the failure is logged and the other listeners still run.
 * Events fired from timers and socket callbacks go through it, where an escaped exception would
 * take the whole process (and every live session) down. Platform-neutral: the app uses it too.
 */
export class SafeEmitter<Events extends { [K in keyof Events]: unknown[] }> {
	readonly #listeners = new Map<keyof Events, Set<Listener>>();
	readonly #log: ListenerErrorLog;

	constructor(log: ListenerErrorLog = consoleLog) {
		this.#log = log;
	}

	/** Adds a listener; the returned function removes it. */
	on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
		const set = this.#listeners.get(event) ?? new Set();
		set.add(listener);
		this.#listeners.set(event, set);
		return () => this.off(event, listener);
	}

	once<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
		const off = this.on(event, (...args: Events[K]) => {
			off();
			listener(...args);
		});
		return off;
	}

	off<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): void {
		this.#listeners.get(event)?.delete(listener);
	}

	listenerCount(event: keyof Events): number {
		return this.#listeners.get(event)?.size ?? 0;
	}

	/** Calls every listener of `event`; one that throws is logged and skipped. False when none listens. */
	protected safeEmit<K extends keyof Events>(event: K, ...args: Events[K]): boolean {
		const listeners = [...(this.#listeners.get(event) ?? [])];
		for (const listener of listeners) {
			try {
				listener(...args);
			} catch (err) {
				this.#log.error({ err, event: String(event) }, "event listener failed");
			}
		}
		return listeners.length > 0;
	}
}
