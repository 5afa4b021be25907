import { useEffect, useState } from "preact/hooks";
import type { HealthReason } from "../../../domain/healthReason.js";
import { can } from "../../../domain/permissions.js";
import type { ConnectivityCheckRecord } from "../../../signaling/checkProtocol.js";
import type { EndpointPresenceInfo } from "../../../signaling/presenceProtocol.js";
import { useApp, useLiveLoad, useLoad } from "../AppContext.js";
import type { SessionView } from "../api/records.js";
import { AlertList } from "../components/AlertList.js";
import { StatusDot } from "../components/StatusDot.js";
import { Unavailable } from "../components/Unavailable.js";
import { errorText } from "../errorText.js";
import { formatDateTime } from "../format.js";
import { failedStepsText } from "../health/checkText.js";
import { reasonText } from "../health/healthText.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";

interface Readiness {
	sessionId: string;
	plannedStart: string;
	items: {
		endpointId: string;
		presence: EndpointPresenceInfo;
		health: { status: "healthy" | "degraded" | "failing"; reasons: HealthReason[] } | null;
		lastCheck: (ConnectivityCheckRecord & { checkId: string }) | null;
	}[];
}

/**
 * Before and during a session: is every participating endpoint online, how is its media, did its last
 * connectivity check pass (and if not, why)? Follows presence, health, checks and the session live.
 */
export function ReadinessPage({ sessionId }: { sessionId: string }) {
	const i18n = useI18n();
	const { t, language } = i18n;
	const { api, endpoints, presence, identity } = useApp();
	const session = useLiveLoad(
		() => api.get<SessionView>(`/api/sessions/${sessionId}`),
		`s-${sessionId}`,
		(c) => c.sessionId === sessionId && c.aspect === "session",
	);
	const board = useLoad(() => api.get<Readiness>(`/api/sessions/${sessionId}/readiness`), `r-${sessionId}`);
	const [requested, setRequested] = useState<Record<string, string>>({});
	useEffect(() => {
		const offs = [presence.on("presence", board.reload), presence.on("health", board.reload)];
		// A requested check lands a little later: look again for a while.
		const poll = setInterval(board.reload, 5000);
		return () => {
			clearInterval(poll);
			for (const off of offs) off();
		};
	}, [presence]);
	const mayCheck = can(identity, "check", { type: "health" });

	const requestCheck = async (endpointId: string) => {
		try {
			const clients = await presence.requestCheck(endpointId);
			setRequested((r) => ({
				...r,
				[endpointId]: clients > 0 ? fill(t("checkRequested"), { count: clients }) : t("checkRequestedNone"),
			}));
		} catch (err) {
			setRequested((r) => ({ ...r, [endpointId]: errorText(i18n, err) }));
		}
	};

	return (
		<div class="stack">
			<section class="card stack" aria-labelledby="readiness-title" data-testid="readiness">
				<h2 id="readiness-title">
					{t("readinessBoard")}
					{session.data && <span class="muted"> · {session.data.title}</span>}
				</h2>
				{session.data && (
					<p>
						{t("status")}: <strong data-testid="session-status">{t(`status_${session.data.status}`)}</strong> ·{" "}
						{t("plannedTime")}: {formatDateTime(session.data.plannedStart, language)}
					</p>
				)}
				{board.error !== null && <Unavailable error={board.error} />}
				<table>
					<thead>
						<tr>
							<th scope="col">{t("endpoint")}</th>
							<th scope="col">{t("presence")}</th>
							<th scope="col">{t("mediaHealth")}</th>
							<th scope="col">{t("lastCheck")}</th>
							{mayCheck && <th scope="col">{t("actions")}</th>}
						</tr>
					</thead>
					<tbody>
						{(board.data?.items ?? []).map((row) => (
							<tr key={row.endpointId} data-endpoint={row.endpointId}>
								<td>{endpoints.get(row.endpointId)?.name ?? row.endpointId}</td>
								<td>
									<StatusDot state={row.presence.state} />
								</td>
								<td>
									{row.health ? (
										<>
											<StatusDot state={row.health.status} />
											{row.health.reasons.length > 0 && (
												<div class="muted">{row.health.reasons.map((r) => reasonText(i18n, r)).join("; ")}</div>
											)}
										</>
									) : (
										"—"
									)}
								</td>
								<td data-testid="last-check">
									{row.lastCheck ? (
										<>
											<StatusDot
												state={row.lastCheck.passed ? "healthy" : "failing"}
												label={t(row.lastCheck.passed ? "checkStatus_passed" : "checkStatus_failed")}
											/>{" "}
											{formatDateTime(row.lastCheck.at, language)}
											{!row.lastCheck.passed && (
												<div class="muted">
													{fill(t("checkFailedSteps"), { steps: failedStepsText(i18n, row.lastCheck.steps) })}
												</div>
											)}
										</>
									) : (
										t("neverChecked")
									)}
								</td>
								{mayCheck && (
									<td>
										{row.presence.state === "offline" ? (
											<span class="muted">{t("checkOffline")}</span>
										) : (
											<button type="button" class="secondary" onClick={() => void requestCheck(row.endpointId)}>
												{t("requestCheck")}
											</button>
										)}
										{requested[row.endpointId] && (
											<div role="status" class="muted">
												{requested[row.endpointId]}
											</div>
										)}
									</td>
								)}
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{can(identity, "read", { type: "alerts" }) && <AlertList sessionId={sessionId} />}
		</div>
	);
}
