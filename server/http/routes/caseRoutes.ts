import type { Router } from "express";
import { z } from "zod";
import { CASE_CONTENT_TYPES, CASE_STATUSES } from "../../../domain/vocabulary.js";
import type { CaseRecord } from "../../records/models/Case.js";
import type { ApiServices } from "../RequestContext.js";
import { queryFlag, rangeAndEndpointQuery, scopedRangeFilter } from "./filters.js";
import { revisionRoutes } from "./revisionRoutes.js";

const citizen = z.object({
	fullName: z.string().min(1),
	address: z.string().min(1),
	idNumber: z.string().min(6),
	idIssuedOn: z.coerce.date().optional(),
	idIssuedBy: z.string().optional(),
	isRepresentative: z.boolean().default(false),
	authorisation: z.string().optional(),
});

const editable = z.object({
	registerNumber: z.string().min(1),
	receivedAt: z.coerce.date(),
	citizens: z.array(citizen).min(1),
	peopleCount: z.number().int().min(1),
	summary: z.string().min(1),
	contentType: z.enum(CASE_CONTENT_TYPES),
	field: z.string().min(1),
	manyPeople: z.boolean().optional(),
	complex: z.boolean().default(false),
	hotSpotRisk: z.boolean().default(false),
	withinCompetence: z.boolean().default(true),
	originalsAttached: z.boolean().default(false),
	priorHandling: z
		.array(
			z.object({
				level: z.string().min(1),
				agency: z.string().min(1),
				result: z.string().min(1),
				documentRef: z.string().optional(),
				date: z.coerce.date().optional(),
			}),
		)
		.default([]),
	request: z.string().min(1),
	status: z.enum(CASE_STATUSES).default("received"),
});

const createSchema = editable.extend({ endpointId: z.string().min(1) });
const changeSchema = editable.partial().strict();

const querySchema = rangeAndEndpointQuery.extend({
	status: z.enum(CASE_STATUSES).optional(),
	contentType: z.enum(CASE_CONTENT_TYPES).optional(),
	field: z.string().optional(),
	manyPeople: queryFlag.optional(),
	complex: queryFlag.optional(),
	hotSpotRisk: queryFlag.optional(),
});

/** Five or more people on the same content is a "many people" (đông người) case. */
const MANY_PEOPLE = 5;

export function caseRoutes(services: ApiServices): Router {
	return revisionRoutes<CaseRecord, z.infer<typeof querySchema>>(services, {
		resource: "cases",
		store: (s) => s.records.cases,
		createSchema,
		changeSchema,
		querySchema,
		sort: { receivedAt: -1 },
		filter: (q, ctx) =>
			scopedRangeFilter(ctx, "receivedAt", q, {
				status: q.status,
				contentType: q.contentType,
				field: q.field,
				manyPeople: q.manyPeople,
				complex: q.complex,
				hotSpotRisk: q.hotSpotRisk,
			}),
		readableBy: (c) => c.scopeEndpointIds,
		ownedBy: async (record) => [String(record.endpointId)],
		prepare: async (input, ctx) => {
			await ctx.records.endpoints.current(String(input.endpointId));
			await ctx.records.cases.requireUnique(
				{ endpointId: input.endpointId, registerNumber: input.registerNumber },
				input.entityId,
				`register number ${String(input.registerNumber)} at this endpoint`,
			);
			return {
				...input,
				manyPeople: Boolean(input.manyPeople) || Number(input.peopleCount) >= MANY_PEOPLE,
				scopeEndpointIds: [input.endpointId],
			};
		},
	});
}
