import type { CheckStepName, CheckStepResult } from "../../../signaling/checkProtocol.js";
import type { CheckContext } from "./CheckContext.js";

export type StepOutcome = Pick<CheckStepResult, "status" | "reason" | "reasonCode" | "metrics">;

/** One part of the connectivity check; throws StepFailure (or any error) to fail with a reason. */
export interface CheckStep {
	readonly name: CheckStepName;
	/** A step that cannot run without this one passing is skipped when it fails. */
	readonly requires?: CheckStepName;
	run(context: CheckContext): Promise<StepOutcome>;
}
