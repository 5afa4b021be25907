/**
 * The passes of a component's timers and event handlers that have not finished yet: its `close()`
 * waits for them, so nothing runs against a database the platform closes next.
 */
export class InFlight {
	readonly #running = new Set<Promise<unknown>>();
	#closed = false;

	/** Whether `close()` began: timers and handlers start nothing new. */
	get closed(): boolean {
		return this.#closed;
	}

	/** Follows `work` until it settles; answers it unchanged. */
	track<T>(work: Promise<T>): Promise<T> {
		const settled = work.then(
			() => undefined,
			() => undefined,
		);
		this.#running.add(settled);
		void settled.then(() => this.#running.delete(settled));
		return work;
	}

	/** Starts nothing new from now on and waits until every tracked pass has settled. */
	async close(): Promise<void> {
		this.#closed = true;
		while (this.#running.size > 0) await Promise.all([...this.#running]);
	}
}
