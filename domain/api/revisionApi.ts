import type { z } from "zod";
import type { ResourceType } from "../permissions.js";
import { type ApiRoute, routesOf } from "./ApiRoute.js";
import { changeEnvelope, itemsOf, listOf, pageQuery, writes } from "./common.js";

/**
 * The five routes every revisioned record has at `/api/<resource>` (server/http/routes/revisionRoutes.ts):
 * list, one, its history, create, and change or correct. Never DELETE: a record is only ever revised.
 */
export function revisionApi(
	resource: ResourceType,
	/** "session", for the summaries. */
	one: string,
	/** The record as answered, what creates it, what a PATCH's `changes` may hold, what lists filter on. */
	view: z.ZodObject,
	create: z.ZodType,
	change: z.ZodType,
	filters: z.ZodObject,
	/** A list answered otherwise than a page at a time (tasks: all of them, with their figures). */
	list?: { summary: string; answer: z.ZodType },
): ApiRoute[] {
	const route = routesOf(resource, resource);
	const path = `/${resource}` as const;
	const created = { 200: view, ...writes(view) };
	return [
		list
			? route(`GET ${path}`, list.summary, list.answer, { query: filters })
			: route(`GET ${path}`, `List the ${resource} in the caller's scope, a page at a time`, listOf(view), {
					query: pageQuery.extend(filters.shape),
				}),
		route(`GET ${path}/{id}`, `One ${one}: its current revision`, view),
		route(`GET ${path}/{id}/history`, `Every revision of one ${one}, oldest first`, itemsOf(view)),
		route(`POST ${path}`, `Record a new ${one} (a retried Idempotency-Key: its first answer)`, created, {
			body: create,
		}),
		route(`PATCH ${path}/{id}`, `Change or correct one ${one}: a new revision`, writes(view), {
			body: changeEnvelope.extend({ changes: change }),
		}),
	];
}
