import { useState } from "preact/hooks";
import { useApp, useLoad } from "../AppContext.js";
import type { CaseView, List, OutcomeView, SessionView } from "../api/records.js";
import { useI18n } from "../i18n/index.js";
import { OutcomeFields, outcomeFromForm } from "./OutcomeFields.js";

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
		try {
			await api.post("/api/outcomes", { sessionId: session.id, ...outcomeFromForm(form) }, crypto.randomUUID());
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
				<OutcomeFields cases={cases.data ?? []} />
				{message && <p role="status">{message}</p>}
				<button type="submit">{t("saveOutcome")}</button>
			</form>
		</aside>
	);
}
