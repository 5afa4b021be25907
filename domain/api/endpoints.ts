/** REST shapes of `/api/endpoints`: the reception endpoints (điểm cầu) and their hierarchy. */
import { z } from "zod";
import { ENDPOINT_LEVELS } from "../roles.js";
import { ENDPOINT_SUCCESSIONS } from "../vocabulary.js";
import type { ApiRoute } from "./ApiRoute.js";
import { type AnswerOf, queryFlag, recordView } from "./common.js";
import { revisionApi } from "./revisionApi.js";

const contact = z.object({
	name: z.string().min(1).max(200),
	title: z.string().max(200).optional(),
	phone: z.string().max(50).optional(),
	email: z.email().optional(),
});

const editable = z.object({
	code: z
		.string()
		.max(64)
		.regex(/^[A-Z0-9][A-Z0-9-]*$/, "upper-case letters, digits and dashes"),
	name: z.string().min(1).max(200),
	address: z.string().max(500).default(""),
	contacts: z.array(contact).max(20).default([]),
	active: z.boolean().default(true),
	/** The unit that took this one over (2025 reform: merged into, or renamed as); lists count it under that one. */
	successorId: z.string().min(1).max(64).nullable().optional(),
	successorKind: z.enum(ENDPOINT_SUCCESSIONS).nullable().optional(),
});

export const endpointCreateInput = editable.extend({
	level: z.enum(ENDPOINT_LEVELS),
	parentId: z.string().min(1).max(64).nullable().default(null),
});

/** An endpoint may move under another parent (a commune under its province once districts went); its level stays. */
export const endpointChangeInput = editable
	.extend({ parentId: z.string().min(1).max(64) })
	.partial()
	.strict();

export const endpointQuery = z.object({
	under: z.string().min(1).max(64).optional(),
	level: z.enum(ENDPOINT_LEVELS).optional(),
	active: queryFlag.optional(),
	code: z.string().max(64).optional(),
});
export type EndpointQuery = z.infer<typeof endpointQuery>;

/** An endpoint as the API shows it: what was entered, and every endpoint above it (nearest last). */
export const endpointView = recordView(endpointCreateInput, { ancestors: z.array(z.string()) });
export type EndpointView = AnswerOf<typeof endpointView>;

export const endpointsApi: ApiRoute[] = [
	...revisionApi("endpoints", "endpoint", endpointView, endpointCreateInput, endpointChangeInput, endpointQuery),
];
