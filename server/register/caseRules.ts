import { ValidationError } from "../../domain/errors.js";
import { caseEndpoints, checkIdNumber, representativeBounds } from "../../domain/register.js";
import type { CaseHome, CaseRecord, Citizen } from "../records/models/Case.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import type { Records } from "../records/Records.js";
import type { RegisterServices } from "./RegisterSettings.js";

/** A refusal naming the field, in the form `validate` gives schema refusals. */
function invalid(path: string, message: string): ValidationError {
	return new ValidationError(`invalid body: ${path}: ${message}`, [{ path, message }]);
}

type Input = Record<string, unknown> & Partial<CaseRecord>;

/**
 * Checks the register's rules that depend on settings or on other records, and derives the stored
 * fields: ID kinds, representatives, home locality with its names on the day, visit count, scope and,
 * for a new case, its register number (issued last, so a refused case consumes none).
 */
export async function prepareCase(
	input: Input,
	ctx: { records: Records; officer: { userId?: string; name: string } },
	register: Pick<RegisterServices, "fields" | "delegationRule">,
): Promise<Input> {
	if (!register.fields.some((f) => f.code === input.field)) {
		throw invalid("body.field", `unknown field code ${String(input.field)}`);
	}
	const citizens = (input.citizens ?? []).map(withIdKind);
	const peopleCount = Number(input.peopleCount);
	const representativeCount = citizens.filter((c) => c.isRepresentative).length;
	const bounds = representativeBounds(peopleCount, register.delegationRule);
	if (bounds && (representativeCount < bounds.min || representativeCount > bounds.max)) {
		throw invalid(
			"body.citizens",
			`a delegation of ${peopleCount} people names ${bounds.min} to ${bounds.max} representatives (isRepresentative), not ${representativeCount}`,
		);
	}
	if (citizens.length > peopleCount) {
		throw invalid("body.peopleCount", `${citizens.length} citizens are listed but peopleCount is ${peopleCount}`);
	}
	const endpoint = await ctx.records.endpoints.current(String(input.endpointId));
	const home = await resolveHome(ctx.records, input.home ?? {}, endpoint);
	if (input.sessionId) await ctx.records.sessions.current(input.sessionId);
	const idNumbers = [...new Set(citizens.map((c) => c.idNumber))];
	const receivedAt = new Date(input.receivedAt as Date | string);
	const visits = await earlierVisits(ctx.records, idNumbers, receivedAt, input.entityId);
	const prepared: Input = {
		...input,
		citizens,
		representativeCount,
		idNumbers,
		legacyId: citizens.some((c) => c.idKind === "cmnd"),
		manyPeople: bounds !== null,
		endpointName: input.endpointName ?? endpoint.name,
		receivingOfficer:
			typeof input.receivingOfficer === "string"
				? { name: input.receivingOfficer }
				: (input.receivingOfficer ?? ctx.officer),
		home,
		repeat: visits.length > 0,
		visitCount: visits.length + 1,
		previousCaseIds: visits,
		voided: Boolean(input.voided),
		scopeEndpointIds: caseEndpoints({ endpointId: endpoint.entityId, home }),
	};
	if (!input.registerNumber)
		Object.assign(prepared, await ctx.records.registerNumbers.issue(endpoint.entityId, receivedAt));
	return prepared;
}

function withIdKind(c: Citizen): Citizen {
	const check = checkIdNumber(c.idNumber);
	// The request schema already refused invalid numbers; a stored one is re-derived the same way.
	if (!check.ok) throw invalid("body.citizens", check.message);
	return { ...c, idKind: check.kind, ...(check.provinceCode ? { idProvinceCode: check.provinceCode } : {}) };
}

/**
 * The citizens' home: a province endpoint and optionally a commune under it; by default the province
 * of the receiving endpoint. Names are kept as they were on the day (a later rename leaves them).
 */
async function resolveHome(records: Records, home: CaseHome, receiving: EndpointRecord): Promise<CaseHome> {
	const commune = home.communeId ? await records.endpoints.current(home.communeId) : null;
	let provinceId = home.provinceId;
	if (commune) {
		const province = await provinceOf(records, commune);
		if (!province) throw invalid("body.home.communeId", "not under a province");
		if (provinceId && provinceId !== province.entityId) {
			throw invalid("body.home.communeId", "not under the province given in home.provinceId");
		}
		provinceId = province.entityId;
	}
	if (!provinceId) {
		const province = await provinceOf(records, receiving);
		if (!province) throw invalid("body.home.provinceId", "required for a case received at the central office");
		provinceId = province.entityId;
	}
	const province = await records.endpoints.current(provinceId);
	if (province.level !== "province") throw invalid("body.home.provinceId", `is a ${province.level} endpoint`);
	return {
		provinceId,
		provinceName: home.provinceId === provinceId && home.provinceName ? home.provinceName : province.name,
		...(commune
			? {
					communeId: commune.entityId,
					communeName: home.communeId === commune.entityId && home.communeName ? home.communeName : commune.name,
				}
			: {}),
	};
}

/** The province an endpoint belongs to: itself, or its province ancestor; null for the central office. */
export async function provinceOf(records: Records, endpoint: EndpointRecord): Promise<EndpointRecord | null> {
	if (endpoint.level === "province") return endpoint;
	for (const id of [...endpoint.ancestors].reverse()) {
		const above = await records.endpoints.current(id);
		if (above.level === "province") return above;
	}
	return null;
}

/** Earlier, not voided cases of any of these ID numbers (a case is never its own earlier visit). */
async function earlierVisits(
	records: Records,
	idNumbers: string[],
	receivedAt: Date,
	self: string | undefined,
): Promise<string[]> {
	if (idNumbers.length === 0) return [];
	const earlier = await records.cases.find(
		{ idNumbers: { $in: idNumbers }, receivedAt: { $lte: receivedAt } },
		{ receivedAt: 1 },
	);
	return earlier.filter((c) => !c.voided && c.entityId !== self).map((c) => c.entityId);
}
