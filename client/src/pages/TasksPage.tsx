import { useState } from "preact/hooks";
import type { TaskCounts, TaskView } from "../../../domain/api/register.js";
import { can } from "../../../domain/permissions.js";
import { TASK_STATES } from "../../../domain/register.js";
import { useApp, useLoad } from "../AppContext.js";
import { AlertList } from "../components/AlertList.js";
import { EndpointSelect } from "../components/EndpointSelect.js";
import { TaskTable, taskCountsText } from "../components/TaskTable.js";
import { VocabularySelect } from "../components/VocabularySelect.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

const TASK_ALERTS = ["task-deadline"] as const;

interface TaskList {
	items: TaskView[];
	total: number;
	counts: TaskCounts;
}

/** Tasks given to agencies, per province and per agency, with due-soon and overdue figures. */
export function TasksPage() {
	const { t } = useI18n();
	const { api, endpoints, identity } = useApp();
	const [province, setProvince] = useState("");
	const [state, setState] = useState("");
	const query = new URLSearchParams({ ...(province ? { province } : {}), ...(state ? { state } : {}) }).toString();
	const list = useLoad(() => api.get<TaskList>(`/api/tasks?${query}`), query);
	const byAgency = useLoad(
		() =>
			api.get<{ items: { agencyId: string; agencyName: string; counts: TaskCounts }[] }>(
				`/api/tasks/by-agency${province ? `?province=${province}` : ""}`,
			),
		`a/${province}`,
	);
	const provinces = [...endpoints.values()].filter((e) => e.level === "province");
	return (
		<div class="stack" data-testid="tasks-page">
			<h2>{t("tasks")}</h2>
			{can(identity, "read", { type: "agencies" }) && (
				<p>
					<button type="button" class="secondary" onClick={() => navigate("/register/agencies")}>
						{t("agencies")}
					</button>
				</p>
			)}
			<div class="card filters">
				<EndpointSelect
					label="taskProvince"
					endpoints={provinces}
					value={province}
					onChange={setProvince}
					empty="anyValue"
				/>
				<VocabularySelect
					label="taskState"
					values={TASK_STATES}
					prefix="taskState"
					value={state}
					onChange={setState}
					any
				/>
			</div>
			{list.error !== null && (
				<p role="alert" class="error">
					{t("loadFailed")}
				</p>
			)}
			{list.data && <p data-testid="task-counts">{taskCountsText(t, list.data.counts)}</p>}
			{list.data && (
				<TaskTable
					tasks={list.data.items}
					onChanged={() => {
						list.reload();
						byAgency.reload();
					}}
				/>
			)}
			{/* Deadline reminders, three days before and on the day: the in-app delivery. */}
			{can(identity, "read", { type: "alerts" }) && <AlertList kinds={TASK_ALERTS} />}
			<section class="card" aria-labelledby="by-agency-title">
				<h3 id="by-agency-title">{t("byAgency")}</h3>
				<ul>
					{(byAgency.data?.items ?? []).map((a) => (
						<li key={a.agencyId}>
							<strong>{a.agencyName}</strong>: {taskCountsText(t, a.counts)}
						</li>
					))}
				</ul>
			</section>
		</div>
	);
}
