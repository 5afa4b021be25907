import type { TaskCounts, TaskView } from "../../../domain/api/register.js";
import { can } from "../../../domain/permissions.js";
import { useApp } from "../AppContext.js";
import { formatDate } from "../format.js";
import { fill } from "../i18n/fill.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { RecordTable } from "./RecordTable.js";
import { TaskActions } from "./TaskActions.js";

/** Figures of a task list: open, due soon, overdue, done. */
export function taskCountsText(t: (k: MessageKey) => string, c: TaskCounts): string {
	return fill(t("taskCounts"), { open: c.open, dueSoon: c["due-soon"], overdue: c.overdue, done: c.done });
}

/**
 * Tasks with their computed state (never set by hand), latest progress and closing result; with
 * `onChanged`, those who may write tasks record progress or the result of each open one.
 */
export function TaskTable({ tasks, onChanged }: { tasks: readonly TaskView[]; onChanged?: () => void }) {
	const { t, language } = useI18n();
	const { identity } = useApp();
	const acts = onChanged !== undefined && can(identity, "write", { type: "tasks" });
	if (tasks.length === 0) return <p class="muted">{t("noneYet")}</p>;
	return (
		<RecordTable
			testId="tasks"
			columns={[
				"registerNumber",
				"taskAgency",
				"taskDescription",
				"taskDeadline",
				"taskState",
				...(acts ? (["taskProgress"] as const) : []),
			]}
		>
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
						<td>{formatDate(task.deadline, language)}</td>
						<td>
							<span class="tag">{t(`taskState_${task.state}` as MessageKey)}</span>
						</td>
						{acts && <td>{task.state !== "done" && <TaskActions task={task} onChanged={onChanged} />}</td>}
					</tr>
				);
			})}
		</RecordTable>
	);
}
