import { type ErrorIssue, ValidationError } from "./errors.js";

/** Deepest nesting any request of the platform needs (a case's citizens' fields are 4 levels down). */
export const MAX_INPUT_DEPTH = 32;

/** Keys that would reach an object's prototype when merged with `Object.assign` or a deep merge. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string as the record keeps it: well-formed Unicode (a lone surrogate, which the database would
 * store differently from what was hashed, becomes U+FFFD) in NFC, so a name typed with combining
 * marks ("Nguyễn" as e + two marks) is the same string as its precomposed look-alike.
 */
export function wellFormedText(text: string): string {
	return text.replace(LONE_SURROGATE, "\uFFFD").normalize("NFC");
}

/**
 * Any input at the boundary (an HTTP body, a socket payload) with every string and key well formed.
 * Refuses, naming the path, nesting deeper than MAX_INPUT_DEPTH and prototype keys.
 */
export function wellFormedInput(value: unknown, root = "body"): unknown {
	const walk = (v: unknown, path: string, depth: number): unknown => {
		if (typeof v === "string") return wellFormedText(v);
		if (v === null || typeof v !== "object") return v;
		if (depth >= MAX_INPUT_DEPTH)
			refuse({ path, message: "nested too deeply", code: "too_big", limit: MAX_INPUT_DEPTH });
		if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}.${i}`, depth + 1));
		if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(v)) {
			if (PROTOTYPE_KEYS.has(key))
				refuse({ path: `${path}.${key}`, message: "not an accepted key", code: "unrecognized_keys" });
			out[wellFormedText(key)] = walk(item, `${path}.${key}`, depth + 1);
		}
		return out;
	};
	return walk(value, root, 0);
}

function refuse(issue: ErrorIssue): never {
	throw new ValidationError(`${issue.path}: ${issue.message}`, [issue]);
}
