import type { CommuneReportRequestInput } from "../../domain/api/duty.js";
import { ValidationError } from "../../domain/errors.js";
import type { RequestContext } from "../http/RequestContext.js";
import { ref, requireReferencesInScope } from "../http/references.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import type { Records } from "../records/Records.js";
import type { WriteOutcome } from "../records/RecordWriter.js";
import { RevisionStore } from "../records/RevisionStore.js";
import type { CommuneReportRequestRecord } from "./CommuneReportRequest.js";
import type { PeakPeriodRecord } from "./models.js";

const invalid = (path: string, message: string) => new ValidationError(`${path}: ${message}`, [{ path, message }]);

/** Whether an endpoint reports as a province does (the central office, a province) or as a commune. */
export const isCommune = (endpoint: Pick<EndpointRecord, "level">) =>
	endpoint.level !== "central" && endpoint.level !== "province";

/**
 * Communes' daily situation reports, when their province asks (docs/duty.md): the request, the check
 * a commune's daily report passes, and the communes that owe one.
 */
export class CommuneReports {
	readonly requests: RevisionStore<CommuneReportRequestRecord>;

	constructor(records: Records) {
		this.requests = new RevisionStore(records.models, "CommuneReportRequest", records.writer);
	}

	/** A province asks its communes; asking again in the same period revises its request. */
	async ask(ctx: RequestContext, period: PeakPeriodRecord, input: CommuneReportRequestInput): Promise<WriteOutcome> {
		await requireReferencesInScope(
			[ref("endpoints", "body.provinceId", input.provinceId), ref("endpoints", "body.communeIds", input.communeIds)],
			ctx,
		);
		const province = await ctx.records.endpoints.current(input.provinceId);
		if (province.level !== "province") throw invalid("body.provinceId", "not a province");
		if (!(await ctx.tree.subtree(period.endpointId)).includes(province.entityId)) {
			throw invalid("body.provinceId", "outside the peak period's units");
		}
		const subtree = await ctx.tree.subtree(province.entityId);
		const communes = (await ctx.records.endpoints.find({ entityId: { $in: subtree }, active: { $ne: false } })).filter(
			isCommune,
		);
		const own = new Set(communes.map((c) => c.entityId));
		for (const [i, id] of (input.communeIds ?? []).entries()) {
			if (!own.has(id)) throw invalid(`body.communeIds.${i}`, `not a commune of ${province.name}`);
		}
		const communeIds = input.communeIds ? [...new Set(input.communeIds)] : [...own];
		if (communeIds.length === 0) throw invalid("body.communeIds", `${province.name} has no commune`);
		const from = input.from ?? period.from;
		const to = input.to ?? period.to;
		if (from < period.from || from > period.to) throw invalid("body.from", "outside the peak period");
		if (to < period.from || to > period.to) throw invalid("body.to", "outside the peak period");
		const request = {
			periodId: period.entityId,
			provinceId: province.entityId,
			all: !input.communeIds,
			communeIds,
			from,
			to,
			scopeEndpointIds: [province.entityId, ...province.ancestors, ...communeIds],
		};
		const [asked] = await this.requests.find({ periodId: period.entityId, provinceId: province.entityId });
		return asked
			? this.requests.revise(asked.entityId, request, { kind: "update" }, ctx.actor)
			: this.requests.create(request, ctx.actor);
	}

	/** The requests of a period the caller can see. */
	async of(ctx: RequestContext, periodId: string): Promise<CommuneReportRequestRecord[]> {
		const requests = await this.requests.find({ periodId }, { recordedAt: 1 });
		return requests.filter((r) => ctx.scope.covers(r.scopeEndpointIds));
	}

	/** A commune's daily report needs its province's request, and a day it asked for. */
	async requireAsked(periodId: string, commune: EndpointRecord, day: string): Promise<void> {
		const requests = await this.requests.find({ periodId, communeIds: commune.entityId });
		if (requests.length === 0) {
			throw invalid("body.endpointId", `the province has not asked ${commune.name} for daily reports in this period`);
		}
		if (!requests.some((r) => r.from <= day && day <= r.to)) {
			throw invalid("body.day", "outside the days the province asked for");
		}
	}

	/** The communes asked to report on a day, in the caller's scope, that have not. */
	async missing(ctx: RequestContext, periodId: string, day: string, submitted: ReadonlySet<string>): Promise<string[]> {
		const asked = (await this.of(ctx, periodId))
			.filter((r) => r.from <= day && day <= r.to)
			.flatMap((r) => r.communeIds);
		return [...new Set(asked)].filter((id) => ctx.scope.covers([id]) && !submitted.has(id));
	}
}
