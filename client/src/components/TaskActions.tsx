import { useState } from "preact/hooks";
import type { TaskView } from "../../../domain/api/register.js";
import { REGISTER_TEXT_LIMITS as L } from "../../../domain/register.js";
import { useApp } from "../AppContext.js";
import { useI18n } from "../i18n/index.js";
import { DayInput } from "./DayInput.js";
import { ErrorIssues } from "./ErrorIssues.js";

/**
 * What the agency reports on an open task: a progress note, or its closing result (document number,
 * date, summary), after which the task is done and its deadline alert clears.
 */
export function TaskActions({ task, onChanged }: { task: TaskView; onChanged(): void }) {
	const { t } = useI18n();
	const { api } = useApp();
	const [open, setOpen] = useState<"progress" | "result" | null>(null);
	const [error, setError] = useState<unknown>(null);

	const submit = (path: "progress" | "result") => async (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const value = (name: string) => String(form.get(name) ?? "").trim();
		setError(null);
		try {
			await api.post(
				`/api/tasks/${task.id}/${path}`,
				path === "progress"
					? { note: value("note") }
					: { documentNumber: value("documentNumber"), date: value("date"), summary: value("summary") },
			);
			setOpen(null);
			onChanged();
		} catch (err) {
			setError(err);
		}
	};

	return (
		<div class="stack" data-testid="task-actions">
			<p class="actions">
				<button type="button" class="secondary" onClick={() => setOpen("progress")}>
					{t("taskProgress")}
				</button>
				<button type="button" class="secondary" onClick={() => setOpen("result")}>
					{t("taskClose")}
				</button>
			</p>
			{open === "progress" && (
				<form class="stack" onSubmit={submit("progress")} aria-label={t("taskProgress")}>
					<label>
						{t("taskProgressNote")}
						<textarea name="note" rows={2} required maxLength={L.request} />
					</label>
					<button type="submit">{t("taskProgress")}</button>
				</form>
			)}
			{open === "result" && (
				<form class="stack" onSubmit={submit("result")} aria-label={t("taskClose")}>
					<label>
						{t("taskResultNumber")}
						<input name="documentNumber" required maxLength={L.short} />
					</label>
					<DayInput name="date" label="taskResultDate" required />
					<label>
						{t("taskResultSummary")}
						<textarea name="summary" rows={2} required maxLength={L.request} />
					</label>
					<button type="submit">{t("taskClose")}</button>
				</form>
			)}
			{error !== null && <ErrorIssues error={error} />}
		</div>
	);
}
