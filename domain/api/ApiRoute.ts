import { z } from "zod";
import type { Action, ResourceType } from "../permissions.js";

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

/** An answer that is not a JSON record (a printable page, a PDF, an export file): its media types. */
export interface FileAnswer {
	mediaTypes: readonly string[];
	description: string;
}

export type Answer = z.ZodType | FileAnswer;

/**
 * One HTTP route as the OpenAPI document (GET /api/openapi.json) publishes it: the zod schemas the
 * server validates its inputs with, and the shape of each success answer. Every error answer is the
 * catalogue's `{ error: { code, message, issues? } }` (domain/errors.ts).
 */
export interface ApiRoute {
	method: HttpMethod;
	/** Under /api, in OpenAPI form: `/sessions/{id}/token`. */
	path: string;
	/** The module it belongs to; the document groups routes by it. */
	tag: string;
	summary: string;
	/** false: answered without an access token (signing in, this document). */
	auth?: boolean;
	/** What `can()` is asked first (domain/permissions.ts); endpoint scope is checked on top. */
	permission?: readonly [ResourceType, Action];
	params?: z.ZodObject;
	query?: z.ZodObject;
	body?: z.ZodType;
	/** Each success status and its JSON schema, or a file's media types. */
	responses: Readonly<Record<number, Answer>>;
}

/** What a route adds to its method, path, summary and answer. */
export interface RouteOptions {
	/** The action `can()` is asked, on the module's resource (default: read for GET, write otherwise), or another resource's. */
	can?: Action | readonly [ResourceType, Action];
	/** Path parameters, when not plain ids (each `{name}` of the path is a short string otherwise). */
	params?: z.ZodObject;
	query?: z.ZodObject;
	body?: z.ZodType;
	/** No access token needed. */
	open?: true;
}

const PATH_PARAM = z.string().min(1).max(200);

/** `{ 201: view, 202: view }` and the like: an answer given as a schema is the 200 one. */
function answers(answer: Answer | Readonly<Record<number, Answer>>): Readonly<Record<number, Answer>> {
	return answer instanceof z.ZodType || "mediaTypes" in answer ? { 200: answer as Answer } : answer;
}

/**
 * Declares a module's routes, one line each: `route("GET /sessions/{id}/token", "…", answer, options)`.
 * The tag and the resource `can()` is asked about are the module's.
 */
export function routesOf(tag: string, resource?: ResourceType) {
	return (
		endpoint: `${"GET" | "POST" | "PATCH" | "PUT" | "DELETE"} /${string}`,
		summary: string,
		answer: Answer | Readonly<Record<number, Answer>>,
		options: RouteOptions = {},
	): ApiRoute => {
		const [verb = "", path = ""] = endpoint.split(" ");
		const method = verb.toLowerCase() as HttpMethod;
		const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
		const can = options.can ?? (method === "get" ? "read" : "write");
		const permission = typeof can === "string" ? (resource ? ([resource, can] as const) : undefined) : can;
		return {
			method,
			path,
			tag,
			summary,
			...(options.open ? { auth: false } : {}),
			...(permission && !options.open ? { permission } : {}),
			...(names.length > 0
				? { params: options.params ?? z.strictObject(Object.fromEntries(names.map((n) => [n, PATH_PARAM]))) }
				: {}),
			...(options.query ? { query: options.query } : {}),
			...(options.body ? { body: options.body } : {}),
			responses: answers(answer),
		};
	};
}
