import { z } from "zod";
import { PERMISSIONS } from "../permissions.js";
import type { ApiRoute, FileAnswer } from "./ApiRoute.js";
import { errorAnswer } from "./common.js";

type Json = Record<string, unknown>;

export interface OpenApiDocument {
	openapi: "3.1.0";
	info: { title: string; version: string; description: string };
	servers: { url: string }[];
	tags: { name: string }[];
	paths: Record<string, Record<string, Json>>;
	components: Json;
	security: Json[];
}

/** A zod schema as the JSON Schema (2020-12, OpenAPI 3.1's dialect) of what is sent or what is answered. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): Json {
	const json = z.toJSONSchema(schema, {
		io,
		unrepresentable: "any",
		override: ({ zodSchema, jsonSchema }) => {
			// Dates travel as ISO 8601 text.
			if ((zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def.type === "date") {
				jsonSchema.type = "string";
				jsonSchema.format = "date-time";
			}
			// The format says it; zod's long pattern for it would only obscure the document.
			if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
		},
	}) as Json;
	delete json.$schema;
	return json;
}

function isFile(answer: z.ZodType | FileAnswer): answer is FileAnswer {
	return "mediaTypes" in answer;
}

/** `get /sessions/{id}/token` → `getSessionsByIdToken`. */
export function operationId(route: Pick<ApiRoute, "method" | "path">): string {
	const words = route.path
		.split(/[/.]/)
		.filter(Boolean)
		.map((part) => {
			const param = /^\{(.+)\}$/.exec(part)?.[1];
			const word = (param ? `by-${param}` : part).replace(/[-_]+(.)/g, (_, c: string) => c.toUpperCase());
			return word.charAt(0).toUpperCase() + word.slice(1);
		});
	return route.method + words.join("");
}

function parameters(schema: z.ZodObject | undefined, where: "path" | "query"): Json[] {
	if (!schema) return [];
	const json = jsonSchemaOf(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
	return Object.entries(json.properties ?? {}).map(([name, property]) => ({
		name,
		in: where,
		required: where === "path" || (json.required ?? []).includes(name),
		schema: property,
	}));
}

function description(route: ApiRoute): string {
	if (!route.permission) return route.auth === false ? "No access token needed." : "Any signed-in user.";
	const [resource, action] = route.permission;
	const roles = PERMISSIONS[resource][action] ?? [];
	return `\`can(${action}, ${resource})\`: ${roles.join(", ")}; each record's endpoint scope on top.`;
}

function operation(route: ApiRoute): Json {
	const responses: Json = {};
	for (const [status, answer] of Object.entries(route.responses)) {
		responses[status] = isFile(answer)
			? {
					description: answer.description,
					content: Object.fromEntries(answer.mediaTypes.map((type) => [type, { schema: {} }])),
				}
			: { description: "Success", content: { "application/json": { schema: jsonSchemaOf(answer, "output") } } };
	}
	responses.default = {
		description: "A refusal: the catalogue's code (domain/errors.ts) with its HTTP status",
		content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorAnswer" } } },
	};
	return {
		operationId: operationId(route),
		tags: [route.tag],
		summary: route.summary,
		description: description(route),
		...(route.permission ? { "x-permission": { resource: route.permission[0], action: route.permission[1] } } : {}),
		...(route.auth === false ? { security: [] } : {}),
		parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
		...(route.body
			? {
					requestBody: {
						required: !route.body.safeParse(undefined).success,
						content: { "application/json": { schema: jsonSchemaOf(route.body, "input") } },
					},
				}
			: {}),
		responses,
	};
}

/** The OpenAPI 3.1 document of these routes (served at /api/openapi.json; docs/api.md renders it). */
export function openApiDocument(routes: readonly ApiRoute[], version: string): OpenApiDocument {
	const paths: OpenApiDocument["paths"] = {};
	for (const route of routes) {
		const item = paths[route.path] ?? {};
		paths[route.path] = item;
		if (item[route.method]) throw new Error(`${route.method} ${route.path} is registered twice`);
		item[route.method] = operation(route);
	}
	return {
		openapi: "3.1.0",
		info: {
			title: "Reception Bridge API",
			version,
			description:
				"Records, sessions and health of online citizen reception. Sign in with POST /auth/login, then send " +
				"`Authorization: Bearer <accessToken>`. The live session itself is Socket.IO (docs/protocol.md).",
		},
		servers: [{ url: "/api" }],
		tags: [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name })),
		paths,
		components: {
			schemas: { ErrorAnswer: jsonSchemaOf(errorAnswer, "output") },
			securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
		},
		security: [{ bearer: [] }],
	};
}
