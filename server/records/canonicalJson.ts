import { createHash } from "node:crypto";

/** A plain JSON value: what a record looks like once Dates and ObjectIds are written as strings. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The same value as a stored record reads back: Dates as ISO strings, ObjectIds as hex, keys sorted,
 * undefined dropped. Hashing this form lets a document be compared with its audit snapshot whatever
 * order the database returns its fields in.
 */
export function canonical(value: unknown): JsonValue {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map(canonical);
	if (typeof value === "object") {
		if (typeof (value as { toHexString?: unknown }).toHexString === "function") {
			return (value as { toHexString(): string }).toHexString();
		}
		const out: Record<string, JsonValue> = {};
		for (const key of Object.keys(value).sort()) {
			const v = (value as Record<string, unknown>)[key];
			if (v !== undefined) out[key] = canonical(v);
		}
		return out;
	}
	if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
	return String(value);
}

export function canonicalJson(value: unknown): string {
	return JSON.stringify(canonical(value));
}

export function sha256(text: string): string {
	return createHash("sha256").update(text).digest("hex");
}
