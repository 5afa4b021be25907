import type { CheckStepResult } from "../../../signaling/checkProtocol.js";
import { fill } from "../i18n/fill.js";
import type { I18n, MessageKey } from "../i18n/index.js";

/** Why a check step failed or was skipped, in the reader's language (never the English `reason`). */
export function stepReasonText({ t }: I18n, step: Pick<CheckStepResult, "reasonCode" | "reasonParams">): string {
	if (!step.reasonCode) return "";
	const params = { ...step.reasonParams };
	// A skipped step names the step it waited for, in words.
	if (typeof params.step === "string") params.step = t(`check_${params.step}` as MessageKey);
	return fill(t(`checkReason_${step.reasonCode}`), params);
}

/** A step's measurements in words and the reader's number format: "độ trễ khứ hồi 12 ms, …". */
export function metricsText({ t, language }: I18n, metrics: CheckStepResult["metrics"]): string {
	return Object.entries(metrics ?? {})
		.map(([key, value]) => {
			const label = t(`metric_${key}` as MessageKey);
			const shown = typeof value === "number" ? value.toLocaleString(language === "vi" ? "vi-VN" : "en-GB") : value;
			return label === `metric_${key}` ? "" : fill(label, { value: shown });
		})
		.filter(Boolean)
		.join(", ");
}

/** The steps of a stored check that did not pass, each with its reason. */
export function failedStepsText(i18n: I18n, steps: CheckStepResult[]): string {
	return steps
		.filter((s) => s.status === "failed")
		.map((s) => `${i18n.t(`check_${s.step}` as MessageKey)}: ${stepReasonText(i18n, s)}`)
		.join("; ");
}
