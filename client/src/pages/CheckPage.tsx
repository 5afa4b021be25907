import { useState } from "preact/hooks";
import type { CheckStepResult } from "../../../signaling/checkProtocol.js";
import { CHECK_STEPS } from "../../../signaling/checkProtocol.js";
import { useApp } from "../AppContext.js";
import { ConnectivityCheck } from "../checks/ConnectivityCheck.js";
import { testPattern } from "../checks/testPattern.js";
import { StatusDot } from "../components/StatusDot.js";
import { metricsText, stepReasonText } from "../health/checkText.js";
import { useI18n } from "../i18n/index.js";

/** "Kiểm tra kết nối": signalling, ICE over UDP and TCP, TURN, and media sent and received back. */
export function CheckPage() {
	const i18n = useI18n();
	const { t } = i18n;
	const { api } = useApp();
	const [results, setResults] = useState<CheckStepResult[]>([]);
	const [running, setRunning] = useState(false);
	const [passed, setPassed] = useState<boolean | null>(null);

	const run = async () => {
		setRunning(true);
		setResults([]);
		setPassed(null);
		const check = new ConnectivityCheck({ token: api.accessToken, createTrack: testPattern });
		check.on("step", (r) => setResults((all) => [...all, r]));
		const report = await check.run();
		setPassed(report.passed);
		setRunning(false);
	};

	return (
		<section class="card stack" aria-labelledby="check-title" data-testid="check">
			<h2 id="check-title">{t("connectivityCheck")}</h2>
			<p>{t("checkHint")}</p>
			<ol class="stack">
				{CHECK_STEPS.map((step) => {
					const r = results.find((x) => x.step === step);
					return (
						<li key={step} data-step={step}>
							<strong>{t(`check_${step}`)}</strong>{" "}
							{r ? (
								<>
									<StatusDot
										state={r.status === "passed" ? "healthy" : r.status === "failed" ? "failing" : "unknown"}
										label={t(`checkStatus_${r.status}`)}
									/>
									{r.reasonCode && (
										<span class="muted" title={r.reason}>
											{" "}
											— {stepReasonText(i18n, r)}
										</span>
									)}
									{r.metrics && metricsText(i18n, r.metrics) && (
										<span class="muted"> ({metricsText(i18n, r.metrics)})</span>
									)}
								</>
							) : (
								running && <span class="muted">…</span>
							)}
						</li>
					);
				})}
			</ol>
			{passed !== null && (
				<p role="status" class={passed ? "" : "error"}>
					{passed ? t("checkPassed") : t("checkFailed")}
				</p>
			)}
			<button type="button" onClick={run} disabled={running}>
				{running ? t("checking") : t("runCheck")}
			</button>
		</section>
	);
}
