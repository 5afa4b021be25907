import type { z } from "zod";
import { ValidationError } from "../../domain/errors.js";

/** Parses a request part with its schema; any mismatch is a 400 VALIDATION_ERROR naming each field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, part: string): z.infer<S> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issues = parsed.error.issues.map((i) => ({ path: [part, ...i.path].join("."), message: i.message }));
	throw new ValidationError(`invalid ${part}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}
