import { useEffect } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import type { ConnectivityCheckRecord } from "../../../signaling/checkProtocol.js";
import type { EndpointPresenceInfo } from "../../../signaling/presenceProtocol.js";
import { useApp, useLoad } from "../AppContext.js";
import { StatusDot } from "../components/StatusDot.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/index.js";

interface Readiness {
	sessionId: string;
	plannedStart: string;
	items: {
		endpointId: string;
		presence: EndpointPresenceInfo;
		health: { status: "healthy" | "degraded" | "failing" } | null;
		lastCheck: (ConnectivityCheckRecord & { checkId: string }) | null;
	}[];
}

/** Before a session: is every participating endpoint online, and did its last connectivity check pass? */
export function ReadinessPage({ sessionId }: { sessionId: string }) {
	const { t, language } = useI18n();
	const { api, endpoints, presence, identity } = useApp();
	const board = useLoad(() => api.get<Readiness>(`/api/sessions/${sessionId}/readiness`), `r-${sessionId}`);
	useEffect(() => presence.on("presence", board.reload), [presence]);

	return (
		<section class="card stack" aria-labelledby="readiness-title" data-testid="readiness">
			<h2 id="readiness-title">{t("readinessBoard")}</h2>
			{board.error !== null && (
				<p role="alert" class="error">
					{t("loadFailed")}
				</p>
			)}
			<table>
				<thead>
					<tr>
						<th scope="col">{t("endpoint")}</th>
						<th scope="col">{t("presence")}</th>
						<th scope="col">{t("mediaHealth")}</th>
						<th scope="col">{t("lastCheck")}</th>
						{can(identity, "check", { type: "health" }) && <th scope="col">{t("actions")}</th>}
					</tr>
				</thead>
				<tbody>
					{(board.data?.items ?? []).map((row) => (
						<tr key={row.endpointId} data-endpoint={row.endpointId}>
							<td>{endpoints.get(row.endpointId)?.name ?? row.endpointId}</td>
							<td>
								<StatusDot state={row.presence.state} />
							</td>
							<td>{row.health ? <StatusDot state={row.health.status} /> : "—"}</td>
							<td>
								{row.lastCheck ? (
									<>
										<StatusDot state={row.lastCheck.passed ? "healthy" : "failing"} />{" "}
										{formatDateTime(row.lastCheck.at, language)}
									</>
								) : (
									t("neverChecked")
								)}
							</td>
							{can(identity, "check", { type: "health" }) && (
								<td>
									<button type="button" class="secondary" onClick={() => presence.requestCheck(row.endpointId)}>
										{t("requestCheck")}
									</button>
								</td>
							)}
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}
