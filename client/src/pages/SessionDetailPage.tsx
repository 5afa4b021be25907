import { can } from "../../../domain/permissions.js";
import { isDeciding, isJoinable } from "../../../domain/sessionLifecycle.js";
import { useApp, useLoad } from "../AppContext.js";
import type { AttendanceSummary, List, OutcomeView, SessionView } from "../api/records.js";
import { NoticePanel } from "../components/NoticePanel.js";
import { SecretariatPanel } from "../components/SecretariatPanel.js";
import { SessionLifecycle } from "../components/SessionLifecycle.js";
import { formatDateTime, formatTime } from "../format.js";
import { useI18n } from "../i18n/index.js";
import { openWithToken } from "../openWithToken.js";
import { navigate } from "../router.js";

/** One session: its facts, who attended from where and when, and what was decided. */
export function SessionDetailPage({ sessionId }: { sessionId: string }) {
	const { t, language } = useI18n();
	const { api, endpoints, identity } = useApp();
	const session = useLoad(() => api.get<SessionView>(`/api/sessions/${sessionId}`), `s-${sessionId}`);
	const attendance = useLoad(
		() =>
			api.get<AttendanceSummary & { names: Record<string, string> }>(`/api/sessions/${sessionId}/attendance/summary`),
		`a-${sessionId}`,
	);
	const outcomes = useLoad(() => api.get<List<OutcomeView>>(`/api/outcomes?sessionId=${sessionId}`), `o-${sessionId}`);
	const s = session.data;
	if (session.error) {
		return (
			<p role="alert" class="error">
				{t("loadFailed")}
			</p>
		);
	}
	if (!s) return <p aria-busy="true">{t("loading")}</p>;
	const endpointName = (id: string) => endpoints.get(id)?.name ?? id;
	const summary = attendance.data;

	return (
		<div class="stack" data-testid="session-detail">
			<h2>{s.title}</h2>
			<dl class="facts">
				<dt>{t("status")}</dt>
				<dd>{t(`status_${s.status}`)}</dd>
				<dt>{t("plannedStart")}</dt>
				<dd>
					{formatDateTime(s.plannedStart, language)} – {formatTime(s.plannedEnd, language)}
				</dd>
				<dt>{t("hostEndpoint")}</dt>
				<dd>{endpointName(s.hostEndpointId)}</dd>
				<dt>{t("endpoints")}</dt>
				<dd>{s.participantEndpointIds.map(endpointName).join(", ")}</dd>
				{s.origin.reason && (
					<>
						<dt>{t("reason")}</dt>
						<dd>{s.origin.reason}</dd>
					</>
				)}
			</dl>
			<p class="actions">
				{isJoinable(s.status) && can(identity, "attend", { type: "sessions" }) && (
					<button type="button" onClick={() => navigate(`/sessions/${s.id}/join`)}>
						{t("join")}
					</button>
				)}
				<button type="button" class="secondary" onClick={() => navigate(`/sessions/${s.id}/readiness`)}>
					{t("readinessBoard")}
				</button>
				<a
					class="button secondary"
					href={`/api/sessions/${s.id}/notice.html`}
					target="_blank"
					rel="noopener"
					onClick={(e) => openWithToken(e, api.accessToken, `/api/sessions/${s.id}/notice.html`)}
				>
					{t("noticePreview")}
				</a>
				<a
					class="button secondary"
					href={`/api/sessions/${s.id}/notice.pdf`}
					onClick={(e) =>
						openWithToken(e, api.accessToken, `/api/sessions/${s.id}/notice.pdf`, `thong-bao-ket-luan-${s.id}.pdf`)
					}
				>
					{t("noticeDownload")}
				</a>
			</p>
			<SessionLifecycle session={s} onChanged={session.reload} />
			{s.status === "concluded" && <NoticePanel session={s} onChanged={session.reload} />}
			{can(identity, "record", { type: "sessions" }) && isDeciding(s.status) && (
				<SecretariatPanel session={s} onSaved={outcomes.reload} />
			)}

			<section class="card" aria-labelledby="attendance-title">
				<h3 id="attendance-title">{t("attendance")}</h3>
				{summary && summary.intervals.length === 0 && <p class="muted">{t("noAttendance")}</p>}
				{summary && summary.intervals.length > 0 && (
					<table data-testid="attendance">
						<thead>
							<tr>
								<th scope="col">{t("person")}</th>
								<th scope="col">{t("endpoint")}</th>
								<th scope="col">{t("fromTo")}</th>
								<th scope="col">{t("minutes")}</th>
							</tr>
						</thead>
						<tbody>
							{summary.intervals.map((i) => (
								<tr key={`${i.participantId}-${i.from}`}>
									<td>{summary.names?.[i.userId] ?? i.userId}</td>
									<td>{endpointName(i.endpointId)}</td>
									<td>
										{formatTime(i.from, language)} – {i.open ? t("stillPresent") : formatTime(i.to, language)}
									</td>
									<td>{Math.round((new Date(i.to).getTime() - new Date(i.from).getTime()) / 60_000)}</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
				{/* Only once it is over: before that, not having come yet is not absence. */}
				{summary && ["ended", "concluded"].includes(s.status) && summary.invitedNeverCame.endpointIds.length > 0 && (
					<p>
						{t("neverCame")}: {summary.invitedNeverCame.endpointIds.map(endpointName).join(", ")}
					</p>
				)}
			</section>

			<section class="card" aria-labelledby="outcomes-title">
				<h3 id="outcomes-title">{t("outcomes")}</h3>
				{(outcomes.data?.items ?? []).length === 0 && <p class="muted">{t("noOutcomes")}</p>}
				<ul class="stack" data-testid="outcomes">
					{(outcomes.data?.items ?? []).map((o) => (
						<li key={o.id}>
							<strong>{t(`direction_${o.direction}` as never)}</strong>: {o.conclusion}
						</li>
					))}
				</ul>
			</section>
		</div>
	);
}
