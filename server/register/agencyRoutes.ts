import type { Router } from "express";
import { type AgencyQuery, agencyChangeInput, agencyCreateInput, agencyQuery } from "../../domain/api/register.js";
import { ValidationError } from "../../domain/errors.js";
import type { ApiServices } from "../http/RequestContext.js";
import { defined } from "../http/routes/filters.js";
import { revisionRoutes } from "../http/routes/revisionRoutes.js";
import type { AgencyRecord } from "./models/Agency.js";

/** Agencies of each province (Sở, ban, ngành, UBND xã, police) with contacts: `/api/agencies`. */
export function agencyRoutes(services: ApiServices): Router {
	return revisionRoutes<AgencyRecord, AgencyQuery>(services, {
		resource: "agencies",
		store: (s) => s.records.agencies,
		createSchema: agencyCreateInput,
		changeSchema: agencyChangeInput,
		querySchema: agencyQuery,
		sort: { name: 1 },
		filter: async (q, ctx) => ({
			$and: [
				ctx.scope.filter("scopeEndpointIds"),
				defined({ provinceId: q.province, kind: q.kind, active: q.active }),
			].filter((c) => Object.keys(c).length > 0),
		}),
		readableBy: (a) => a.scopeEndpointIds,
		ownedBy: async (record) => [String(record.provinceId)],
		prepare: async (input, ctx) => {
			const province = await ctx.records.endpoints.current(String(input.provinceId));
			if (province.level !== "province") {
				throw new ValidationError(`invalid body: body.provinceId: is a ${province.level} endpoint`, [
					{ path: "body.provinceId", message: `is a ${province.level} endpoint` },
				]);
			}
			if (input.communeId) {
				const commune = await ctx.records.endpoints.current(String(input.communeId));
				if (!commune.ancestors.includes(province.entityId)) {
					throw new ValidationError("invalid body: body.communeId: not in this province", [
						{ path: "body.communeId", message: "not in this province" },
					]);
				}
			}
			return { ...input, scopeEndpointIds: [province.entityId] };
		},
	});
}
