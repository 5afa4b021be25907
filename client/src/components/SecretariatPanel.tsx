import { useState } from "preact/hooks";
import { useApp, useLiveLoad, useLoad } from "../AppContext.js";
import type { CaseView, List, OutcomeView, SessionView } from "../api/records.js";
import { useWriteKey } from "../api/writeKey.js";
import { errorText } from "../errorText.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { OutcomeFields, outcomeFromForm } from "./OutcomeFields.js";

/** During and after a session: the handling direction and conclusion for each case, into the record. */
export function SecretariatPanel({ session, onSaved }: { session: SessionView; onSaved?: () => void }) {
	const i18n = useI18n();
	const { t } = i18n;
	const { api } = useApp();
	const cases = useLoad(
		() => Promise.all(session.caseIds.map((id) => api.get<CaseView>(`/api/cases/${id}`))),
		`cases-${session.id}`,
	);
	const outcomes = useLiveLoad(
		() => api.get<List<OutcomeView>>(`/api/outcomes?sessionId=${session.id}`),
		`o-${session.id}`,
		(c) => c.sessionId === session.id && c.aspect === "outcomes",
	);
	const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
	const [saving, setSaving] = useState(false);
	const saveKey = useWriteKey();
	const decided = new Set((outcomes.data?.items ?? []).map((o) => o.caseId));

	const submit = async (event: Event) => {
		event.preventDefault();
		const formElement = event.currentTarget as HTMLFormElement;
		const form = new FormData(formElement);
		setSaving(true);
		setResult(null);
		try {
			await api.post("/api/outcomes", { sessionId: session.id, ...outcomeFromForm(form) }, saveKey.current);
			saveKey.settle();
			setResult({ ok: true, text: t("outcomeSaved") });
			formElement.reset();
			outcomes.reload();
			onSaved?.();
		} catch (err) {
			saveKey.settle(err);
			const code = (err as { code?: string }).code;
			const text = code === "ALREADY_RECORDED" ? t("outcomeExists") : errorText(i18n, err);
			setResult({ ok: false, text: `${t("saveFailed")}: ${text}` });
		} finally {
			setSaving(false);
		}
	};

	return (
		<aside class="card panel" aria-labelledby="secretariat-title" data-testid="secretariat-panel">
			<h2 id="secretariat-title">{t("secretariatPanel")}</h2>
			<ul data-testid="recorded-outcomes">
				{(outcomes.data?.items ?? []).map((o) => (
					<li key={o.id}>
						<strong>{t(`direction_${o.direction}` as MessageKey)}</strong>: {o.conclusion}
					</li>
				))}
			</ul>
			{session.caseIds.length === 0 ? (
				<p class="muted">{t("noAgendaCases")}</p>
			) : (
				<form class="stack" onSubmit={submit}>
					<OutcomeFields cases={cases.data ?? []} decided={decided} />
					{result && (
						<p role={result.ok ? "status" : "alert"} class={result.ok ? "success" : "error"}>
							{result.text}
						</p>
					)}
					<button type="submit" disabled={saving}>
						{t("saveOutcome")}
					</button>
				</form>
			)}
		</aside>
	);
}
