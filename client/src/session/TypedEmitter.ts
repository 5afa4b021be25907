// biome-ignore lint/suspicious/noExplicitAny: listeners of different events share one map
type AnyListener = (...args: any[]) => void;

/** A minimal typed event emitter for the browser (Node's is not in the bundle). */
export class TypedEmitter<Events extends Record<string, unknown[]>> {
	readonly #listeners = new Map<keyof Events, Set<AnyListener>>();

	on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
		const set = this.#listeners.get(event) ?? new Set();
		set.add(listener);
		this.#listeners.set(event, set);
		return () => set.delete(listener);
	}

	protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
		for (const listener of this.#listeners.get(event) ?? []) listener(...args);
	}
}
