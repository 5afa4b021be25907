import type { TaskCounts, TaskView } from "../../../domain/api/register.js";
import { formatDateTime } from "../format.js";
import { fill } from "../i18n/fill.js";
import { type MessageKey, useI18n } from "../i18n/index.js";

/** Figures of a task list: open, due soon, overdue, done. */
export function taskCountsText(t: (k: MessageKey) => string, c: TaskCounts): string {
	return fill(t("taskCounts"), { open: c.open, dueSoon: c["due-soon"], overdue: c.overdue, done: c.done });
}

/** Tasks with their computed state (never set by hand), latest progress and closing result. */
export function TaskTable({ tasks }: { tasks: readonly TaskView[] }) {
	const { t, language } = useI18n();
	if (tasks.length === 0) return <p class="muted">{t("noneYet")}</p>;
	return (
		<table data-testid="tasks">
			<thead>
				<tr>
					<th>{t("registerNumber")}</th>
					<th>{t("taskAgency")}</th>
					<th>{t("taskDescription")}</th>
					<th>{t("taskDeadline")}</th>
					<th>{t("taskState")}</th>
				</tr>
			</thead>
			<tbody>
				{tasks.map((task) => {
					const last = task.progress[task.progress.length - 1];
					return (
						<tr key={task.id} class={`task-${task.state}`}>
							<td>{task.registerNumber}</td>
							<td>{task.agencyName}</td>
							<td>
								{task.description}
								{last && <div class="muted">{fill(t("taskLastProgress"), { note: last.note })}</div>}
								{task.result && (
									<div class="muted">
										{fill(t("taskResult"), { number: task.result.documentNumber, summary: task.result.summary })}
									</div>
								)}
							</td>
							<td>{formatDateTime(task.deadline, language)}</td>
							<td>
								<span class="tag">{t(`taskState_${task.state}` as MessageKey)}</span>
							</td>
						</tr>
					);
				})}
			</tbody>
		</table>
	);
}
