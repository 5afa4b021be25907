import { DEFAULT_DELEGATION_RULE, STANDARD_FIELDS } from "../../domain/register.js";
import type { AuditActor } from "../records/AuditLog.js";
import type { Records } from "../records/Records.js";
import type { WriteOutcome } from "../records/RecordWriter.js";
import { prepareCase } from "./caseRules.js";
import type { RegisterServices } from "./RegisterSettings.js";

/** Enters a case outside HTTP (the demo seed, scripts): the same rules and numbering as the API. */
export async function enterCase(
	records: Records,
	input: Record<string, unknown>,
	actor: AuditActor,
	officer: { userId?: string; name: string },
	register: Pick<RegisterServices, "fields" | "delegationRule"> = {
		fields: STANDARD_FIELDS,
		delegationRule: DEFAULT_DELEGATION_RULE,
	},
): Promise<WriteOutcome> {
	const prepared = await prepareCase(input, { records, officer }, register);
	return records.cases.create(prepared, actor);
}
