import { NotFoundError } from "../../domain/errors.js";
import type { Scope } from "../../domain/Scope.js";
import type { Records } from "../records/Records.js";

/** What the scope checks read of a request's context (any part of the server may hold one). */
export interface ScopedContext {
	scope: Scope;
	records: Records;
}

/** Kinds of record a write may name by id. */
export type ReferenceKind = "endpoints" | "cases" | "users" | "sessions" | "agencies";

/** Ids a write names in one field, each of which must be a record within the caller's scope. */
export interface Reference {
	kind: ReferenceKind;
	field: string;
	ids: readonly string[];
}

/** The ids in `value` (one id, a list, or nothing) as a reference of `kind` named by `field`. */
export function ref(kind: ReferenceKind, field: string, value: unknown): Reference {
	const ids = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
	return { kind, field, ids: ids.map(String) };
}

/** The endpoints a referenced record belongs to, or null when there is no such record. */
async function endpointsOf(kind: ReferenceKind, id: string, ctx: ScopedContext): Promise<readonly string[] | null> {
	const { records } = ctx;
	const found = <T>(read: Promise<T>) =>
		read.catch((err: unknown) => {
			if (err instanceof NotFoundError) return null;
			throw err;
		});
	switch (kind) {
		case "endpoints":
			return (await found(records.endpoints.current(id))) ? [id] : null;
		case "cases":
			return (await found(records.cases.current(id)))?.scopeEndpointIds ?? null;
		case "users":
			return (await found(records.users.current(id)))?.endpointIds ?? null;
		case "sessions":
			return (await found(records.sessions.current(id)))?.scopeEndpointIds ?? null;
		case "agencies":
			return (await found(records.agencies.current(id)))?.scopeEndpointIds ?? null;
	}
}

/**
 * Every id a write carries must name a record within the caller's scope. A record outside it is
 * answered exactly as one that does not exist (404 naming the field), so the answer tells nothing
 * about records the caller may not see.
 */
export async function requireReferencesInScope(references: readonly Reference[], ctx: ScopedContext): Promise<void> {
	for (const { kind, field, ids } of references) {
		for (const id of new Set(ids)) {
			const endpoints = await endpointsOf(kind, id, ctx);
			if (!endpoints || !ctx.scope.covers([...endpoints])) {
				throw new NotFoundError(`${field}: ${id} in your endpoint scope`);
			}
		}
	}
}

/**
 * The record `load` reads, when the caller may see it (`endpointsOf` null: anyone may). One the caller
 * may not see is answered exactly as one that does not exist.
 */
export async function visible<T>(
	load: Promise<T>,
	endpointsOf: (record: T) => readonly string[] | null,
	ctx: ScopedContext,
	what: string,
): Promise<T> {
	const record = await load.catch((err: unknown) => {
		if (err instanceof NotFoundError) return null;
		throw err;
	});
	const endpoints = record === null ? null : endpointsOf(record);
	if (record === null || (endpoints && !ctx.scope.covers([...endpoints]))) throw new NotFoundError(what);
	return record;
}
