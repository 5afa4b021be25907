import type { Connection, mongo } from "mongoose";

type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Filter<T> = mongo.Filter<T>;

/** At most this many reads of partitions in flight at once. */
const IN_FLIGHT = 16;

/** Documents per partition on average before one more partition is split off. */
const DEFAULT_LOAD = 512;

/** Where each set of partitions keeps how far it has grown. */
const STATE = "partitionstates";

/**
 * Linear hashing: `2^bits + split` partitions; a hash lands in `h mod 2^bits`, or in
 * `h mod 2^(bits+1)` when that is below `split` (already split). `count` is about how many
 * documents there are (a replayed batch may count some twice: it only decides when to split).
 */
interface State {
	_id: string;
	bits: number;
	split: number;
	count: number;
}

/** FNV-1a: a stable, cheap spread of ids (the same on every node and version). */
function fnv1a(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) {
		h ^= id.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

function address(id: string, s: State): number {
	const h = fnv1a(id);
	const low = h % 2 ** s.bits;
	return low < s.split ? h % 2 ** (s.bits + 1) : low;
}

/**
 * Documents spread over collections `<prefix><n>` by a hash of their `_id`, one more collection
 * split off each time they hold `load` documents on average (linear hashing), so a small record
 * has one collection and 100,000 documents have a few hundred. FerretDB v1 answers even a
 * `{ _id }` read by scanning its collection (docs/records.md, "What FerretDB v1 answers from an
 * index"): a point read or replace costs one partition, never all documents.
 *
 * A split copies the moving documents first, then records the split, then deletes them from where
 * they were: a crash in between leaves copies that no lookup reaches and that `find` skips (a
 * document counts only in the partition its address names). One writer at a time (the sweep).
 */
export class Partitions<T extends mongo.Document & { _id: string }> {
	readonly prefix: string;
	readonly #connection: Connection;
	readonly #load: number;
	#state: State | null = null;

	constructor(connection: Connection, prefix: string, load = DEFAULT_LOAD) {
		this.#connection = connection;
		this.prefix = prefix;
		this.#load = load;
	}

	/** Reads how far the partitions have grown (another node may have split them): once per sweep. */
	async load(): Promise<void> {
		this.#state = null;
		await this.#current();
	}

	/** One document, read from its partition only. */
	async get(id: string, projection?: Record<string, number>): Promise<T | null> {
		const state = await this.#current();
		return (await this.#collection(address(id, state)).findOne({ _id: id } as Filter<T>, { projection })) as T | null;
	}

	/** These documents, one `{ _id }` read each in its partition. */
	async getMany(ids: Iterable<string>, projection?: Record<string, number>): Promise<T[]> {
		const unique = [...new Set(ids)];
		const out: T[] = [];
		for (let i = 0; i < unique.length; i += IN_FLIGHT) {
			const found = await Promise.all(unique.slice(i, i + IN_FLIGHT).map((id) => this.get(id, projection)));
			for (const f of found) if (f) out.push(f);
		}
		return out;
	}

	/** Writes each document whole (insert or replace) in its partition, then splits if they grew. */
	async put(docs: readonly T[]): Promise<void> {
		const state = await this.#current();
		let added = 0;
		for (const [index, group] of this.#group(docs, state)) {
			const result = await this.#collection(index).bulkWrite(
				group.map((d) => ({ replaceOne: { filter: { _id: d._id } as Filter<T>, replacement: d, upsert: true } })),
				{ ordered: false },
			);
			added += result.upsertedCount;
		}
		await this.#grown(added);
	}

	/** Inserts new documents (a load or a migration: no read before), then splits as they need. */
	async insertMany(docs: readonly T[]): Promise<void> {
		const state = await this.#current();
		// Into nothing: as many partitions at once as these documents need.
		if (state.count === 0 && state.split === 0)
			state.bits = Math.max(state.bits, Math.floor(Math.log2(docs.length / this.#load)));
		for (const [index, group] of this.#group(docs, state))
			await this.#collection(index).insertMany(group as never[], { ordered: false });
		await this.#grown(docs.length);
	}

	/** Every document matching `filter`, from every partition (a scan: the cost of all of them). */
	async find(filter: Filter<T>, projection?: Record<string, number>): Promise<T[]> {
		// One state for the whole read. A split running meanwhile (another sweep) may hide what it
		// moves: scans are the oracle and the baseline, run after a catch-up, never beside one.
		const state = { ...(await this.#current()) };
		const indexes = Array.from({ length: 2 ** state.bits + state.split }, (_, i) => i);
		const out: T[] = [];
		for (let i = 0; i < indexes.length; i += IN_FLIGHT) {
			const found = await Promise.all(
				indexes
					.slice(i, i + IN_FLIGHT)
					.map(async (index) =>
						((await this.#collection(index).find(filter, { projection }).toArray()) as T[]).filter(
							(d) => address(d._id, state) === index,
						),
					),
			);
			for (const docs of found) out.push(...docs);
		}
		return out;
	}

	/** Drops every partition and starts again from one (a rebuild starts from nothing). */
	async drop(): Promise<void> {
		const db = this.#db();
		const mine = new RegExp(`^${this.prefix}\\d+$`);
		for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
			if (mine.test(name)) await db.dropCollection(name);
		await db.collection<State>(STATE).deleteOne({ _id: this.prefix });
		this.#state = null;
	}

	async #grown(added: number): Promise<void> {
		if (added === 0) return;
		const state = await this.#current();
		state.count += added;
		while (state.count > this.#load * (2 ** state.bits + state.split)) await this.#splitOne(state);
		await this.#save(state);
	}

	/** Splits partition `split` in two: its documents whose address moves go to `split + 2^bits`. */
	async #splitOne(state: State): Promise<void> {
		const from = state.split;
		const to = from + 2 ** state.bits;
		const next: State =
			state.split + 1 === 2 ** state.bits
				? { ...state, bits: state.bits + 1, split: 0 }
				: { ...state, split: state.split + 1 };
		const here = (await this.#collection(from).find({}).toArray()) as T[];
		const moving = here.filter((d) => address(d._id, next) === to);
		// Copies an earlier split left behind (it crashed before deleting them): nothing reads them.
		const strays = here.filter((d) => address(d._id, next) !== from && address(d._id, next) !== to);
		if (moving.length > 0) {
			// Copies an earlier try of this split left there go first; one insert beats an upsert each.
			const ids = { _id: { $in: moving.map((d) => d._id) } } as Filter<T>;
			await this.#collection(to).deleteMany(ids);
			await this.#collection(to).insertMany(moving as never[], { ordered: false });
		}
		await this.#save(next);
		Object.assign(state, next);
		const gone = [...moving, ...strays].map((d) => d._id);
		if (gone.length > 0) await this.#collection(from).deleteMany({ _id: { $in: gone } } as Filter<T>);
	}

	async #current(): Promise<State> {
		this.#state ??= (await this.#db().collection<State>(STATE).findOne({ _id: this.prefix })) ?? {
			_id: this.prefix,
			bits: 0,
			split: 0,
			count: 0,
		};
		return this.#state;
	}

	async #save(state: State): Promise<void> {
		const { _id, ...rest } = state;
		await this.#db().collection<State>(STATE).replaceOne({ _id }, rest, { upsert: true });
	}

	#group(docs: readonly T[], state: State): Map<number, T[]> {
		const groups = new Map<number, T[]>();
		for (const d of docs) {
			const index = address(d._id, state);
			const group = groups.get(index);
			if (group) group.push(d);
			else groups.set(index, [d]);
		}
		return groups;
	}

	#collection(index: number): Collection<T> {
		return this.#db().collection<T>(`${this.prefix}${index}`);
	}

	#db() {
		const db = this.#connection.db;
		if (!db) throw new Error("the database is not connected");
		return db;
	}
}
