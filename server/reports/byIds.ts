import type { Model } from "mongoose";

/** At most this many point reads in flight at once. */
const READS_IN_FLIGHT = 32;

/**
 * The documents with these ids, each read with `{ _id }` alone: the one filter FerretDB v1 hands to
 * SQLite (its primary key). An `$in`, a range or any other condition decodes every document of the
 * collection in FerretDB (docs/performance.md, "Statistics").
 */
export async function byIds<T>(model: Model<T>, ids: readonly string[], fields?: Record<string, number>): Promise<T[]> {
	const out: T[] = [];
	for (let i = 0; i < ids.length; i += READS_IN_FLIGHT) {
		const found = await Promise.all(
			ids.slice(i, i + READS_IN_FLIGHT).map((id) => model.findById(id, fields).lean<T>()),
		);
		for (const f of found) if (f) out.push(f as T);
	}
	return out;
}
