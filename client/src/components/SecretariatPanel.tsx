import { useState } from "preact/hooks";
import { HANDLING_DIRECTIONS } from "../../../domain/vocabulary.js";
import { useApp, useLoad } from "../AppContext.js";
import type { CaseView, List, OutcomeView, SessionView } from "../api/records.js";
import { useI18n } from "../i18n/index.js";

/** During and after a session: the handling direction and conclusion for each case, into the record. */
export function SecretariatPanel({ session, onSaved }: { session: SessionView; onSaved?: () => void }) {
	const { t } = useI18n();
	const { api } = useApp();
	const cases = useLoad(
		() => Promise.all(session.caseIds.map((id) => api.get<CaseView>(`/api/cases/${id}`))),
		`cases-${session.id}`,
	);
	const outcomes = useLoad(
		() => api.get<List<OutcomeView>>(`/api/outcomes?sessionId=${session.id}`),
		`o-${session.id}`,
	);
	const [message, setMessage] = useState<string | null>(null);

	const submit = async (event: Event) => {
		event.preventDefault();
		const formElement = event.currentTarget as HTMLFormElement;
		const form = new FormData(formElement);
		const agency = String(form.get("agency") ?? "").trim();
		try {
			await api.post(
				"/api/outcomes",
				{
					sessionId: session.id,
					caseId: form.get("caseId"),
					direction: form.get("direction"),
					conclusion: form.get("conclusion"),
					assignments: agency
						? [
								{
									agency,
									task: form.get("task"),
									deadline: form.get("deadline"),
									reportTo: form.get("reportTo"),
								},
							]
						: [],
				},
				crypto.randomUUID(),
			);
			setMessage(t("outcomeSaved"));
			formElement.reset();
			outcomes.reload();
			onSaved?.();
		} catch (err) {
			setMessage(`${t("saveFailed")}: ${(err as Error).message}`);
		}
	};

	return (
		<aside class="card panel" aria-labelledby="secretariat-title" data-testid="secretariat-panel">
			<h2 id="secretariat-title">{t("secretariatPanel")}</h2>
			<ul>
				{(outcomes.data?.items ?? []).map((o) => (
					<li key={o.id}>
						<strong>{t(`direction_${o.direction}` as never)}</strong>: {o.conclusion}
					</li>
				))}
			</ul>
			<form class="stack" onSubmit={submit}>
				<label>
					{t("case")}
					<select name="caseId" required>
						{(cases.data ?? []).map((c) => (
							<option key={c.id} value={c.id}>
								{c.summary}
							</option>
						))}
					</select>
				</label>
				<label>
					{t("direction")}
					<select name="direction" required>
						{HANDLING_DIRECTIONS.map((d) => (
							<option key={d} value={d}>
								{t(`direction_${d}`)}
							</option>
						))}
					</select>
				</label>
				<label>
					{t("conclusion")}
					<textarea name="conclusion" rows={3} required />
				</label>
				<fieldset>
					<legend>{t("assignment")}</legend>
					<label>
						{t("agency")}
						<input name="agency" />
					</label>
					<label>
						{t("task")}
						<input name="task" />
					</label>
					<label>
						{t("deadline")}
						<input name="deadline" type="date" />
					</label>
					<label>
						{t("reportTo")}
						<input name="reportTo" />
					</label>
				</fieldset>
				{message && <p role="status">{message}</p>}
				<button type="submit">{t("saveOutcome")}</button>
			</form>
		</aside>
	);
}
