import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { API_ROUTES, API_VERSION } from "../../domain/api/index.js";
import { openApiDocument } from "../../domain/api/openapi.js";
import { renderApiMarkdown } from "../../scripts/apiDoc.js";

/** The formatter pads tables and may re-flow whitespace: compare words, not spacing. */
const words = (text: string) => text.replace(/\s+/g, " ").trim();

it("docs/api.md renders the OpenAPI document the server serves (npm run docs:api when this fails)", () => {
	const page = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
	expect(words(page)).toBe(words(renderApiMarkdown(openApiDocument(API_ROUTES, API_VERSION))));
});

it("names every operation once, and refuses a route registered twice", () => {
	const doc = openApiDocument(API_ROUTES, API_VERSION);
	const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids.length).toBe(API_ROUTES.length);
	const [first] = API_ROUTES;
	if (!first) throw new Error("no routes");
	expect(() => openApiDocument([first, first], API_VERSION)).toThrow(/registered twice/);
});

it("publishes request schemas as sent and answers as received: dates as ISO text, defaults optional", () => {
	const doc = openApiDocument(API_ROUTES, API_VERSION);
	const create = doc.paths["/sessions"]?.post as {
		requestBody: {
			content: { "application/json": { schema: { properties: Record<string, object>; required: string[] } } };
		};
	};
	const body = create.requestBody.content["application/json"].schema;
	expect(body.properties.plannedStart).toEqual({ type: "string", format: "date-time" });
	expect(body.required).not.toContain("agenda");
	expect(body.required).toContain("title");
});
