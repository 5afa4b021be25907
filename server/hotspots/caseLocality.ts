import type { CaseRecord } from "../records/models/Case.js";
import type { Records } from "../records/Records.js";
import { provinceOf } from "../register/caseRules.js";

/** Where a case's citizens live, as endpoints: the home province and the home communes. */
export interface CaseLocality {
	provinceId: string | null;
	communeIds: string[];
}

/**
 * The register's home locality. Without a home commune, a commune of the home province that received
 * the case stands for it; a case entered before the register had homes falls back on the receiving
 * endpoint's province.
 */
export async function localityOf(caseRecord: CaseRecord, records: Records): Promise<CaseLocality> {
	const home = caseRecord.home;
	if (home?.provinceId && home.communeId) return { provinceId: home.provinceId, communeIds: [home.communeId] };
	const receiving = await records.endpoints.current(caseRecord.endpointId);
	const provinceId = home?.provinceId ?? (await provinceOf(records, receiving))?.entityId ?? null;
	const localCommune = receiving.level === "commune" && provinceId !== null && receiving.ancestors.includes(provinceId);
	return { provinceId, communeIds: localCommune ? [receiving.entityId] : [] };
}

/**
 * Endpoints that hold a case for the hot-spot watch: those whose users may read the case (the
 * register's scope: receiving endpoint, home province and commune), and the province that answers for
 * its watch. Every watch entry, development and working group of the case is visible exactly there.
 */
export function reachOf(caseRecord: Pick<CaseRecord, "scopeEndpointIds">, provinceId: string | null): string[] {
	return [...new Set([...caseRecord.scopeEndpointIds, ...(provinceId ? [provinceId] : [])])];
}
