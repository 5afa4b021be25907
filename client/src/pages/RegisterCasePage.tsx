import { useState } from "preact/hooks";
import type { CaseView, TaskView } from "../../../domain/api/register.js";
import { can } from "../../../domain/permissions.js";
import { fieldLabel, type RegisterField } from "../../../domain/register.js";
import { useApp, useLoad } from "../AppContext.js";
import type { List, OutcomeView, SessionView } from "../api/records.js";
import { CaseForm } from "../components/CaseForm.js";
import { TaskGiveForm } from "../components/TaskGiveForm.js";
import { TaskTable } from "../components/TaskTable.js";
import { formatDateTime } from "../format.js";
import { fill } from "../i18n/fill.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

interface Timeline {
	sessions: SessionView[];
	outcomes: OutcomeView[];
}

/** One case with its whole history: register revisions (corrections with their reasons), sessions, outcomes. */
export function RegisterCasePage({ caseId }: { caseId: string }) {
	const { t, language } = useI18n();
	const { api, identity } = useApp();
	const [correcting, setCorrecting] = useState(false);
	const current = useLoad(() => api.get<CaseView>(`/api/cases/${caseId}`), caseId);
	const history = useLoad(() => api.get<List<CaseView>>(`/api/cases/${caseId}/history`), `${caseId}/h`);
	const timeline = useLoad(() => api.get<Timeline>(`/api/cases/${caseId}/timeline`), `${caseId}/t`);
	const tasks = useLoad(
		() => api.get<{ items: TaskView[] }>(`/api/tasks?caseId=${caseId}`).catch(() => ({ items: [] })),
		`${caseId}/tasks`,
	);
	const fields = useLoad(() => api.get<{ items: RegisterField[] }>("/api/cases/fields"), "fields");
	const c = current.data;
	if (current.error) {
		return (
			<p role="alert" class="error">
				{t("loadFailed")}
			</p>
		);
	}
	if (!c) return <p class="muted">…</p>;
	const reload = () => {
		current.reload();
		history.reload();
		setCorrecting(false);
	};
	const flags = (["manyPeople", "complex", "hotSpotRisk", "ethnicReligious", "legacyId", "voided"] as const).filter(
		(f) => c[f],
	);

	return (
		<div class="stack" data-testid="case-page">
			<p>
				<button type="button" class="secondary" onClick={() => navigate("/register")}>
					{t("backToRegister")}
				</button>
			</p>
			<h2>{fill(t("caseTitle"), { number: c.registerNumber })}</h2>
			<dl class="facts" data-testid="case-facts">
				<dt>{t("receivedAt")}</dt>
				<dd>
					{formatDateTime(c.receivedAt, language)} · {c.endpointName}
				</dd>
				<dt>{t("receivingOfficer")}</dt>
				<dd>{c.receivingOfficer.name}</dd>
				<dt>{t("citizens")}</dt>
				<dd>
					{c.citizens.map((p) => (
						<div key={p.idNumber}>
							{p.fullName}
							{p.isRepresentative ? ` (${t("isRepresentative").toLowerCase()})` : ""} · {p.idNumber}
							{p.idKind === "cmnd" ? ` (${t("idLegacy")})` : ""} · {p.address}
						</div>
					))}
				</dd>
				<dt>{t("peopleCount")}</dt>
				<dd>{c.peopleCount}</dd>
				<dt>{t("homeProvince")}</dt>
				<dd>{[c.home.communeName, c.home.provinceName].filter(Boolean).join(", ")}</dd>
				<dt>{t("visit")}</dt>
				<dd data-testid="case-visit">{c.repeat ? fill(t("repeatVisit"), { count: c.visitCount }) : t("firstTime")}</dd>
				<dt>{t("contentType")}</dt>
				<dd>
					{t(`contentType_${c.contentType}` as MessageKey)} · {fieldLabel(c.field, language, fields.data?.items)}
				</dd>
				<dt>{t("summary")}</dt>
				<dd data-testid="case-summary">{c.summary}</dd>
				<dt>{t("citizenRequest")}</dt>
				<dd>{c.request}</dd>
				<dt>{t("resolutionStage")}</dt>
				<dd>
					{t(`stage_${c.resolution.stage}` as MessageKey)}
					{c.resolution.documentNumber ? ` · ${c.resolution.documentNumber} · ${c.resolution.issuer ?? ""}` : ""}
				</dd>
				<dt>{t("caseStatus")}</dt>
				<dd>{t(`caseStatus_${c.status}` as MessageKey)}</dd>
				{flags.length > 0 && (
					<>
						<dt>{t("flags")}</dt>
						<dd>
							{flags.map((f) => (
								<span class="tag" key={f}>
									{t(`flag_${f}` as MessageKey)}
								</span>
							))}
						</dd>
					</>
				)}
				{c.notes && (
					<>
						<dt>{t("notes")}</dt>
						<dd>{c.notes}</dd>
					</>
				)}
			</dl>
			{!correcting && can(identity, "write", { type: "cases" }) && (
				<p>
					<button type="button" class="secondary" onClick={() => setCorrecting(true)}>
						{t("correct")}
					</button>
				</p>
			)}
			{correcting && (
				<CaseForm
					initial={c}
					onSubmit={async (changes, reason, voided) => {
						await api.patch(`/api/cases/${c.id}`, {
							changes: voided ? { ...changes, voided: true } : changes,
							expectedRev: c.rev,
							correction: { reason },
						});
						reload();
					}}
				/>
			)}
			<section class="card" aria-labelledby="history-title">
				<h3 id="history-title">{t("caseHistory")}</h3>
				<ol class="stack" data-testid="case-history">
					{(history.data?.items ?? []).map((r) => (
						<li key={r.revisionId}>
							{fill(t("revisionBy"), {
								kind: t(`change_${r.change.kind}` as MessageKey),
								time: formatDateTime(r.recordedAt, language),
							})}
							{r.change.reason ? `: ${r.change.reason}` : ""}
						</li>
					))}
				</ol>
			</section>
			<section class="card" aria-labelledby="sessions-title">
				<h3 id="sessions-title">{t("caseSessions")}</h3>
				{(timeline.data?.sessions ?? []).length === 0 && <p class="muted">{t("noneYet")}</p>}
				<ul>
					{(timeline.data?.sessions ?? []).map((s) => (
						<li key={s.id}>
							<a
								href={`/sessions/${s.id}`}
								onClick={(e) => {
									e.preventDefault();
									navigate(`/sessions/${s.id}`);
								}}
							>
								{s.title}
							</a>{" "}
							· {formatDateTime(s.plannedStart, language)} · {t(`status_${s.status}` as MessageKey)}
						</li>
					))}
				</ul>
			</section>
			<section class="card" aria-labelledby="outcomes-title">
				<h3 id="outcomes-title">{t("caseOutcomes")}</h3>
				{(timeline.data?.outcomes ?? []).length === 0 && <p class="muted">{t("noneYet")}</p>}
				<ul>
					{(timeline.data?.outcomes ?? []).map((o) => (
						<li key={o.id}>
							{t(`direction_${o.direction}` as MessageKey)}: {o.conclusion}
						</li>
					))}
				</ul>
			</section>
			<section class="card" aria-labelledby="tasks-title">
				<h3 id="tasks-title">{t("caseTasks")}</h3>
				<TaskTable tasks={tasks.data?.items ?? []} onChanged={tasks.reload} />
				{!c.voided && can(identity, "write", { type: "tasks" }) && (
					<details>
						<summary>{t("taskGive")}</summary>
						<TaskGiveForm caseId={c.id} outcomes={timeline.data?.outcomes ?? []} onGiven={tasks.reload} />
					</details>
				)}
			</section>
		</div>
	);
}
