import { Types } from "mongoose";
import { expect, it } from "vitest";
import { canonical, canonicalJson, sha256 } from "../../server/records/canonicalJson.js";

it("writes the same value the same way whatever the order of its keys", () => {
	const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: "tiếp dân" } };
	const b = { a: { c: "tiếp dân", d: [1, { x: 1, y: 2 }] }, b: 1 };
	expect(canonicalJson(a)).toBe('{"a":{"c":"tiếp dân","d":[1,{"x":1,"y":2}]},"b":1}');
	expect(canonicalJson(b)).toBe(canonicalJson(a));
	expect(sha256(canonicalJson(b))).toBe(sha256(canonicalJson(a)));
});

it("writes a document as the database reads it back: Dates as ISO text, ObjectIds as hex, no undefined", () => {
	const id = new Types.ObjectId("65f000000000000000000001");
	const at = new Date("2026-12-01T02:30:00.000Z");
	expect(canonical({ _id: id, at, missing: undefined, none: null, list: [undefined, at] })).toEqual({
		_id: "65f000000000000000000001",
		at: "2026-12-01T02:30:00.000Z",
		none: null,
		list: [null, "2026-12-01T02:30:00.000Z"],
	});
	// The stored form and the one read back hash alike.
	const stored = { recordedAt: at, supersedes: id };
	const readBack = { supersedes: "65f000000000000000000001", recordedAt: "2026-12-01T02:30:00.000Z" };
	expect(canonicalJson(stored)).toBe(canonicalJson(readBack));
});

it("keeps scalars, and tells apart what must differ", () => {
	expect(canonicalJson([true, false, 0, -1.5, ""])).toBe('[true,false,0,-1.5,""]');
	expect(canonicalJson({ a: "1" })).not.toBe(canonicalJson({ a: 1 }));
	expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
	expect(canonical(10n)).toBe("10");
	expect(canonical(undefined)).toBeNull();
});
