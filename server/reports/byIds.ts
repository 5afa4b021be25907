import type { Model } from "mongoose";

/** At most this many point reads in flight at once. */
const READS_IN_FLIGHT = 32;

/** Above this many ids, one `$in` read costs less than a `{ _id }` read each. */
const POINT_READS_MAX = 64;

/**
 * The documents with these ids. FerretDB v1 hands `{ _id }` alone to SQLite, which scans the
 * collection's JSON (no index is used) — much cheaper than an `$in`, which FerretDB answers by
 * decoding every document — so a few ids are read one by one, many with one `$in`
 * (docs/records.md, "What FerretDB v1 answers from an index").
 */
export async function byIds<T>(model: Model<T>, ids: readonly string[], fields?: Record<string, number>): Promise<T[]> {
	if (ids.length > POINT_READS_MAX) return model.find({ _id: { $in: ids } }, fields).lean<T[]>();
	const out: T[] = [];
	for (let i = 0; i < ids.length; i += READS_IN_FLIGHT) {
		const found = await Promise.all(
			ids.slice(i, i + READS_IN_FLIGHT).map((id) => model.findById(id, fields).lean<T>()),
		);
		for (const f of found) if (f) out.push(f as T);
	}
	return out;
}
