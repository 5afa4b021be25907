/**
 * Payload generators for the fuzz test: from a JSON Schema (the OpenAPI document's request bodies,
 * the socket protocols' zod schemas), values of the wrong type, null, oversized, query operators
 * and other provinces' ids in every field; and raw bodies no schema describes.
 */

export type Json = Record<string, unknown>;

/** Resolves `#/components/schemas/…` references against the document they came from. */
export function resolver(root: Json): (schema: unknown) => Json {
	const resolve = (schema: unknown): Json => {
		const s = (schema ?? {}) as Json;
		const ref = s.$ref;
		if (typeof ref !== "string" || !ref.startsWith("#/")) return s;
		let at: unknown = root;
		for (const part of ref.slice(2).split("/")) at = (at as Json | undefined)?.[part];
		return resolve(at);
	};
	return resolve;
}

function typeOf(schema: Json): string | undefined {
	if (typeof schema.type === "string") return schema.type;
	if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null") as string | undefined;
	const options = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as Json[] | undefined;
	return options ? typeOf(options[0] ?? {}) : undefined;
}

function propertiesOf(schema: Json, resolve: (s: unknown) => Json): [string, Json][] {
	const own = Object.entries((schema.properties ?? {}) as Record<string, unknown>).map(
		([k, v]) => [k, resolve(v)] as [string, Json],
	);
	const composed = ((schema.allOf ?? schema.anyOf ?? schema.oneOf ?? []) as unknown[]).flatMap((s) =>
		propertiesOf(resolve(s), resolve),
	);
	return [...own, ...composed];
}

/** A value of another type than the schema's. */
function wrongType(schema: Json): unknown {
	switch (typeOf(schema)) {
		case "string":
			return 12345;
		case "number":
		case "integer":
			return "12abc";
		case "boolean":
			return "yes";
		case "array":
			return { 0: "x", length: 1 };
		case "object":
			return ["x"];
		default:
			return { $gt: "" };
	}
}

/** The largest values no bound allows. */
function oversized(schema: Json): unknown {
	switch (typeOf(schema)) {
		case "string":
			return "Ạ".repeat(20_000);
		case "number":
		case "integer":
			return 1e308;
		case "array":
			return Array.from({ length: 5_000 }, () => "x");
		case "object":
			return Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, "x"]));
		default:
			return "x".repeat(20_000);
	}
}

/** Ids where ids are asked for: another province's records in every string field. */
function foreign(schema: Json, ids: readonly string[], i: number): unknown {
	const id = ids[i % ids.length] ?? "";
	switch (typeOf(schema)) {
		case "array":
			return [...ids];
		case "object":
			return { id };
		default:
			return id;
	}
}

/** Bodies shaped like the schema with every field spoiled one way (objects spoiled one level down). */
export function schemaVariants(schema: Json, resolve: (s: unknown) => Json, foreignIds: readonly string[]): unknown[] {
	const props = propertiesOf(schema, resolve);
	const spoil = (how: (s: Json, i: number) => unknown, depth = 1): Json =>
		Object.fromEntries(
			propertiesOf(schema, resolve).map(([k, s], i) => [
				k,
				depth > 0 && typeOf(s) === "object" && propertiesOf(s, resolve).length > 0
					? Object.fromEntries(propertiesOf(s, resolve).map(([kk, ss], j) => [kk, how(ss, i + j)]))
					: how(s, i),
			]),
		);
	if (props.length === 0) return [{ unexpected: wrongType({}) }, { $where: "1" }];
	return [
		spoil(wrongType),
		spoil(() => null),
		spoil(oversized),
		spoil(() => ({ $ne: null })),
		spoil((s, i) => foreign(s, foreignIds, i)),
		// Only the first field spoiled: the others missing.
		{ [props[0]?.[0] ?? "x"]: wrongType(props[0]?.[1] ?? {}) },
	];
}

/** Raw request bodies (JSON text) no schema allows: malformed, wrong at the top, polluting, deep. */
export const RAW_BODIES: readonly string[] = [
	"{",
	"null",
	"[]",
	"42",
	'"text"',
	"true",
	'{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"changes":{"__proto__":{"polluted":"yes"}}}',
	`${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`,
	`${"[".repeat(20_000)}${"]".repeat(20_000)}`,
	'{"a":"\\ud800","b":"\\udfff x"}',
];

/** Socket payloads sent to every request, whatever its schema. */
export const RAW_PAYLOADS: readonly unknown[] = [
	undefined,
	null,
	0,
	"text",
	true,
	[],
	["x", 1],
	JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
	JSON.parse(`${'{"a":'.repeat(2_000)}1${"}".repeat(2_000)}`),
	{ transportId: "\ud800", producerId: "\udfff" },
];
