import type { Connection, mongo } from "mongoose";

type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Filter<T> = mongo.Filter<T>;

/** At most this many reads of partitions in flight at once. */
const IN_FLIGHT = 16;

/** FNV-1a: a stable, cheap spread of ids over the partitions (the same on every node and version). */
function fnv1a(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) {
		h ^= id.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/**
 * Documents spread over `count` collections `<prefix><nn>` by a hash of their `_id`. FerretDB v1
 * answers even a `{ _id }` read by scanning its collection (docs/records.md, "What FerretDB v1
 * answers from an index"), so a point read or replace costs the size of one partition, not of all
 * documents. Collections appear on their first insert; a filter over all of them reads each.
 */
export class Partitions<T extends mongo.Document & { _id: string }> {
	readonly prefix: string;
	readonly count: number;
	readonly #connection: Connection;

	constructor(connection: Connection, prefix: string, count: number) {
		this.#connection = connection;
		this.prefix = prefix;
		this.count = count;
	}

	name(index: number): string {
		return `${this.prefix}${index.toString(16).padStart(Math.ceil(Math.log2(this.count) / 4), "0")}`;
	}

	of(id: string): Collection<T> {
		return this.#collection(fnv1a(id) % this.count);
	}

	/** One document, read from its partition only. */
	get(id: string, projection?: Record<string, number>): Promise<T | null> {
		return this.of(id).findOne({ _id: id } as Filter<T>, { projection }) as Promise<T | null>;
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

	/** Writes each document whole (insert or replace), in its partition. */
	async put(docs: readonly T[]): Promise<void> {
		for (const [index, group] of this.#group(docs)) {
			await this.#collection(index).bulkWrite(
				group.map((d) => ({ replaceOne: { filter: { _id: d._id } as Filter<T>, replacement: d, upsert: true } })),
				{ ordered: false },
			);
		}
	}

	/** Inserts new documents (a load or a migration: no read before). */
	async insertMany(docs: readonly T[]): Promise<void> {
		for (const [index, group] of this.#group(docs))
			await this.#collection(index).insertMany(group as never[], { ordered: false });
	}

	/** Every document matching `filter`, from every partition (a scan: the cost of all of them). */
	async find(filter: Filter<T>, projection?: Record<string, number>): Promise<T[]> {
		const out: T[] = [];
		for (let i = 0; i < this.count; i += IN_FLIGHT) {
			const indexes = Array.from({ length: Math.min(IN_FLIGHT, this.count - i) }, (_, j) => i + j);
			const found = await Promise.all(
				indexes.map((index) => this.#collection(index).find(filter, { projection }).toArray()),
			);
			for (const docs of found) out.push(...(docs as T[]));
		}
		return out;
	}

	/** Drops every partition (a rebuild starts from nothing). */
	async drop(): Promise<void> {
		const names = new Set(Array.from({ length: this.count }, (_, i) => this.name(i)));
		const existing = await this.#db().listCollections({}, { nameOnly: true }).toArray();
		for (const { name } of existing) if (names.has(name)) await this.#db().dropCollection(name);
	}

	#group(docs: readonly T[]): Map<number, T[]> {
		const groups = new Map<number, T[]>();
		for (const d of docs) {
			const index = fnv1a(d._id) % this.count;
			const group = groups.get(index);
			if (group) group.push(d);
			else groups.set(index, [d]);
		}
		return groups;
	}

	#collection(index: number): Collection<T> {
		return this.#db().collection<T>(this.name(index));
	}

	#db() {
		const db = this.#connection.db;
		if (!db) throw new Error("the database is not connected");
		return db;
	}
}
