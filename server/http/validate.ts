import type { z } from "zod";
import { ValidationError } from "../../domain/errors.js";
import { toIssues } from "../../domain/issues.js";

/** Parses a request part with its schema; any mismatch is a 400 VALIDATION_ERROR naming each field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, part: string): z.infer<S> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issues = toIssues(parsed.error, value, part);
	throw new ValidationError(`invalid ${part}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}
