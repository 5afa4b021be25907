import type { Connection } from "mongoose";
import type { ReportQuery } from "../../domain/api/reports.js";
import { ValidationError } from "../../domain/errors.js";
import type { IdentityClaims } from "../../domain/identity.js";
import type { RegisterField } from "../../domain/register.js";
import { type Period, PeriodError, resolvePeriod } from "../../domain/reportPeriods.js";
import type { Scope } from "../../domain/Scope.js";
import type { Exclusive } from "../cluster/ClusterLocks.js";
import { requireEndpointInScope } from "../http/subtreeInScope.js";
import type { Records } from "../records/Records.js";
import { cellCases, type FormResult, formStatistics } from "./FormStatistics.js";
import { ReportFacts } from "./ReportFacts.js";
import { UnitMap } from "./UnitMap.js";

/** Who asks for a report: their identity, their endpoint scope and the records (a request's context). */
export interface ReportReader {
	identity: IdentityClaims;
	scope: Scope;
	records: Records;
}

export interface ReportsOptions {
	connection: Connection;
	records: Records;
	fields: readonly RegisterField[];
	/** REPORT_CUTOFF_DAY: 15 (Nghị định 09/2019/NĐ-CP) or 1 (calendar). */
	cutoffDay: number;
	/** The embedded database: this process is its only writer (see `ReportFacts`). */
	soleWriter?: boolean;
	/** In a cluster: one catch-up at a time across nodes (`ClusterLocks.exclusive`). */
	exclusive?: Exclusive;
}

/** Statistics over the record for any endpoint subtree and period (docs/reports.md). */
export class Reports {
	readonly facts: ReportFacts;
	readonly #options: ReportsOptions;

	constructor(options: ReportsOptions) {
		this.#options = options;
		this.facts = new ReportFacts(
			options.connection,
			options.records,
			options.fields,
			options.cutoffDay,
			options.soleWriter,
			options.exclusive,
		);
	}

	init(): Promise<void> {
		return this.facts.init();
	}

	period(query: Pick<ReportQuery, "kind" | "year" | "index" | "from" | "to">): Period {
		try {
			return resolvePeriod(query, this.#options.cutoffDay);
		} catch (err) {
			if (!(err instanceof PeriodError)) throw err;
			throw new ValidationError(`invalid period: ${err.message}`, [
				{ path: `query.${err.path}`, message: err.message },
			]);
		}
	}

	/**
	 * The rows of a report for the caller: the subtree under `under` (which must exist within the caller's
	 * scope: 404 otherwise), by default the caller's own endpoint, or the whole country for the central office.
	 */
	async units(ctx: ReportReader, under: string | undefined): Promise<UnitMap> {
		if (under) {
			await requireEndpointInScope(ctx, under);
			return UnitMap.build(this.#options.records, under);
		}
		return UnitMap.build(this.#options.records, ctx.scope.endpointIds === null ? null : ctx.identity.endpointId);
	}

	async form(ctx: ReportReader, query: ReportQuery): Promise<FormResult> {
		const period = this.period(query);
		const units = await this.units(ctx, query.under);
		await this.facts.catchUp();
		return formStatistics(this.facts, units, period);
	}

	async cell(ctx: ReportReader, query: ReportQuery & { cell: string; unit?: string }) {
		const period = this.period(query);
		const units = await this.units(ctx, query.under);
		await this.facts.catchUp();
		return cellCases(this.facts, units, period, query.cell, query.unit);
	}
}
