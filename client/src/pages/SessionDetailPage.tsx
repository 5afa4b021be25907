import { useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { isRole } from "../../../domain/roles.js";
import { isDeciding, isJoinable } from "../../../domain/sessionLifecycle.js";
import type { SessionChange } from "../../../signaling/presenceProtocol.js";
import { useApp, useLiveLoad } from "../AppContext.js";
import type { AttendanceSummary, List, OutcomeView, SessionView } from "../api/records.js";
import { ParticipantLabel } from "../components/ChairPanel.js";
import { NoticePanel } from "../components/NoticePanel.js";
import { SecretariatPanel } from "../components/SecretariatPanel.js";
import { SessionLifecycle } from "../components/SessionLifecycle.js";
import { SessionPlanPanel } from "../components/SessionPlanPanel.js";
import { Unavailable } from "../components/Unavailable.js";
import { errorText } from "../errorText.js";
import { formatDateTime, formatTime } from "../format.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { openWithToken } from "../openWithToken.js";
import { navigate } from "../router.js";
import { namesInSession } from "../sessionNames.js";

/** One session: its facts, who attended from where and when, and what was decided; it follows live. */
export function SessionDetailPage({ sessionId }: { sessionId: string }) {
	const i18n = useI18n();
	const { t, language } = i18n;
	const { api, endpoints, identity } = useApp();
	const about =
		(...aspects: SessionChange["aspect"][]) =>
		(c: SessionChange) =>
			c.sessionId === sessionId && aspects.includes(c.aspect);
	const mayAttendance = can(identity, "read", { type: "attendance" });
	const mayOutcomes = can(identity, "read", { type: "outcomes" });
	const session = useLiveLoad(
		() => api.get<SessionView>(`/api/sessions/${sessionId}`),
		`s-${sessionId}`,
		about("session"),
	);
	const attendance = useLiveLoad(
		() =>
			mayAttendance
				? api.get<AttendanceSummary & { names: Record<string, string> }>(
						`/api/sessions/${sessionId}/attendance/summary`,
					)
				: Promise.resolve(null),
		`a-${sessionId}`,
		about("attendance", "session"),
	);
	const outcomes = useLiveLoad(
		() => (mayOutcomes ? api.get<List<OutcomeView>>(`/api/outcomes?sessionId=${sessionId}`) : Promise.resolve(null)),
		`o-${sessionId}`,
		about("outcomes"),
	);
	const [openError, setOpenError] = useState<string | null>(null);
	const s = session.data;
	if (session.error) return <Unavailable error={session.error} />;
	if (!s) return <p aria-busy="true">{t("loading")}</p>;
	const endpointName = namesInSession(s, endpoints);
	const summary = attendance.data;
	const open = (path: string, download?: string) => (event: Event) => {
		setOpenError(null);
		openWithToken(event, api.accessToken, path, download).catch((err: unknown) =>
			setOpenError(`${t("openFailed")}: ${errorText(i18n, err)}`),
		);
	};

	return (
		<div class="stack" data-testid="session-detail">
			<h2 data-record>{s.title}</h2>
			<dl class="facts">
				<dt>{t("status")}</dt>
				<dd data-testid="session-status">{t(`status_${s.status}`)}</dd>
				<dt>{t("plannedTime")}</dt>
				<dd>
					{formatDateTime(s.plannedStart, language)} – {formatTime(s.plannedEnd, language)}
				</dd>
				{s.liveAt && (
					<>
						<dt>{t("startedAt")}</dt>
						<dd>{formatDateTime(s.liveAt, language)}</dd>
					</>
				)}
				{s.endedAt && (
					<>
						<dt>{t("endedAt")}</dt>
						<dd>{formatDateTime(s.endedAt, language)}</dd>
					</>
				)}
				{s.concludedAt && (
					<>
						<dt>{t("concludedAt")}</dt>
						<dd>{formatDateTime(s.concludedAt, language)}</dd>
					</>
				)}
				{s.cancellationReason && (
					<>
						<dt>{t("cancelledBecause")}</dt>
						<dd>{s.cancellationReason}</dd>
					</>
				)}
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
				{can(identity, "write", { type: "cases" }) && (
					<button type="button" class="secondary" onClick={() => navigate(`/register/new?session=${s.id}`)}>
						{t("registerNewInSession")}
					</button>
				)}
				{can(identity, "read", { type: "health" }) && (
					<button type="button" class="secondary" onClick={() => navigate(`/sessions/${s.id}/readiness`)}>
						{t("readinessBoard")}
					</button>
				)}
				{mayOutcomes && (
					<>
						<a
							class="button secondary"
							href={`/api/sessions/${s.id}/notice.html`}
							target="_blank"
							rel="noopener"
							onClick={open(`/api/sessions/${s.id}/notice.html`)}
						>
							{t(s.status === "concluded" ? "noticePreview" : "noticeDraftPreview")}
						</a>
						<a
							class="button secondary"
							href={`/api/sessions/${s.id}/notice.pdf`}
							onClick={open(`/api/sessions/${s.id}/notice.pdf`, `thong-bao-ket-luan-${s.id}.pdf`)}
						>
							{t("noticeDownload")}
						</a>
					</>
				)}
			</p>
			{openError && (
				<p role="alert" class="error">
					{openError}
				</p>
			)}
			<SessionLifecycle session={s} onChanged={session.reload} />
			<SessionPlanPanel session={s} onChanged={session.reload} />
			{s.status === "concluded" && <NoticePanel session={s} onChanged={session.reload} />}
			{can(identity, "record", { type: "sessions" }) && isDeciding(s.status) && (
				<SecretariatPanel session={s} onSaved={outcomes.reload} />
			)}

			{summary && isJoinable(s.status) && (
				<section class="card" aria-labelledby="session-lobby-title">
					<h3 id="session-lobby-title">
						{t("lobby")} ({summary.waiting.length})
					</h3>
					{summary.waiting.length === 0 && <p class="muted">{t("lobbyEmpty")}</p>}
					<ul class="people" data-testid="session-lobby">
						{summary.waiting.map((w) => (
							<li key={w.participantId}>
								<ParticipantLabel
									participant={{
										endpointId: w.endpointId,
										displayName: summary.names[w.userId] ?? w.userId,
										...(w.position ? { position: w.position } : {}),
										...(isRole(w.role) ? { role: w.role } : {}),
									}}
								/>
								<span class="muted">
									{t("waitingSince")} {formatTime(w.since, language)}
								</span>
							</li>
						))}
					</ul>
				</section>
			)}

			<section class="card" aria-labelledby="attendance-title">
				<h3 id="attendance-title">{t("attendance")}</h3>
				{!mayAttendance && <Unavailable error={null} forbidden />}
				{attendance.error !== null && <Unavailable error={attendance.error} />}
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
				{!mayOutcomes && <Unavailable error={null} forbidden />}
				{outcomes.error !== null && <Unavailable error={outcomes.error} />}
				{outcomes.data && outcomes.data.items.length === 0 && <p class="muted">{t("noOutcomes")}</p>}
				{outcomes.data && outcomes.data.items.length > 0 && (
					<ul class="stack" data-testid="outcomes">
						{outcomes.data.items.map((o) => (
							<li key={o.id}>
								<strong>{t(`direction_${o.direction}` as MessageKey)}</strong>: {o.conclusion}
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	);
}
