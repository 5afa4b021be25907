import { useState } from "preact/hooks";
import { REGISTER_TEXT_LIMITS as L } from "../../../domain/register.js";
import { useApp } from "../AppContext.js";
import type { OutcomeView } from "../api/records.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { AgencySelect } from "./AgencySelect.js";
import { DayInput } from "./DayInput.js";
import { ErrorIssues } from "./ErrorIssues.js";

/**
 * Giao nhiệm vụ: a task about a case, to one of the register's agencies (by id), following one of the
 * case's session outcomes or the case alone; its state is then computed from the deadline.
 */
export function TaskGiveForm({
	caseId,
	outcomes,
	onGiven,
}: {
	caseId: string;
	outcomes: readonly OutcomeView[];
	onGiven(): void;
}) {
	const { t } = useI18n();
	const { api } = useApp();
	const [error, setError] = useState<unknown>(null);
	const [given, setGiven] = useState(false);

	const submit = async (event: Event) => {
		event.preventDefault();
		const element = event.currentTarget as HTMLFormElement;
		const form = new FormData(element);
		const value = (name: string) => String(form.get(name) ?? "").trim();
		setError(null);
		setGiven(false);
		try {
			await api.post("/api/tasks", {
				caseId,
				...(value("outcomeId") ? { outcomeId: value("outcomeId") } : {}),
				agencyId: value("agencyId"),
				description: value("description"),
				deadline: value("deadline"),
				reportTo: value("reportTo"),
			});
			element.reset();
			setGiven(true);
			onGiven();
		} catch (err) {
			setError(err);
		}
	};

	return (
		<form class="stack" onSubmit={submit} aria-label={t("taskGive")} data-testid="task-give-form">
			<label>
				{t("taskFromOutcome")}
				<select name="outcomeId">
					<option value="">{t("taskFromCase")}</option>
					{outcomes.map((o) => (
						<option key={o.id} value={o.id}>
							{t(`direction_${o.direction}` as MessageKey)}: {o.conclusion.slice(0, 80)}
						</option>
					))}
				</select>
			</label>
			<AgencySelect required />
			<label>
				{t("task")}
				<textarea name="description" rows={2} required maxLength={L.request} />
			</label>
			<DayInput name="deadline" label="deadline" required />
			<label>
				{t("reportTo")}
				<input name="reportTo" required maxLength={L.short} />
			</label>
			{error !== null && <ErrorIssues error={error} />}
			{given && <p role="status">{t("taskGiven")}</p>}
			<p>
				<button type="submit">{t("taskGive")}</button>
			</p>
		</form>
	);
}
