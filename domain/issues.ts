import type { z } from "zod";
import { type ErrorIssue, ISSUE_CODES, type IssueCode } from "./errors.js";

const BOUNDS: Record<string, [small: IssueCode, big: IssueCode]> = {
	string: ["too_short", "too_long"],
	array: ["too_few", "too_many"],
	set: ["too_few", "too_many"],
	date: ["too_early", "too_late"],
};

/**
 * zod's issues as the catalogue's: each with its field's path (under `prefix`, e.g. `body`), an
 * issue code the app words, and the bound it broke. A refinement names its code in `params.code`.
 */
export function toIssues(error: z.ZodError, input: unknown, prefix?: string): ErrorIssue[] {
	return error.issues.map((issue) => {
		const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join(".");
		const base = { path, message: issue.message };
		switch (issue.code) {
			case "too_small":
			case "too_big": {
				const [small, big] = BOUNDS[issue.origin] ?? ["too_small", "too_big"];
				const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
				const limit = issue.origin === "date" ? new Date(Number(bound)).toISOString() : Number(bound);
				return { ...base, code: issue.code === "too_small" ? small : big, limit };
			}
			case "invalid_type":
				return { ...base, code: valueAt(input, issue.path) === undefined ? "required" : "invalid_type" };
			case "invalid_format":
			case "invalid_value":
			case "unrecognized_keys":
				return { ...base, code: issue.code };
			case "custom": {
				const code = issue.params?.code;
				const limit = issue.params?.limit;
				return {
					...base,
					code: ISSUE_CODES.includes(code) ? (code as IssueCode) : "invalid",
					...(typeof limit === "number" || typeof limit === "string" ? { limit } : {}),
				};
			}
			default:
				return { ...base, code: "invalid" };
		}
	});
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (value === null || typeof value !== "object") return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}
