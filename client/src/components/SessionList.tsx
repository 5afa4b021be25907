import { can } from "../../../domain/permissions.js";
import { isJoinable } from "../../../domain/sessionLifecycle.js";
import { useApp } from "../AppContext.js";
import type { SessionView } from "../api/records.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";
import { namesInSession } from "../sessionNames.js";
import { AppLink } from "./AppLink.js";
import { type DotState, StatusDot } from "./StatusDot.js";

const stateDot = (state: DotState | null) => (state ? <StatusDot state={state} /> : null);

/** Sessions with their time, host, each participating endpoint's presence, and what the user may do. */
export function SessionList({
	sessions,
	canJoin,
	readiness,
}: {
	sessions: SessionView[];
	canJoin: boolean;
	/** Offer each session's readiness board (IT staff). */
	readiness?: boolean;
}) {
	const { t, language } = useI18n();
	const { endpoints, presence, identity } = useApp();
	/** The endpoint and its ancestors, as `can` takes them. */
	const ancestry = (id: string): string[] => {
		const chain: string[] = [];
		for (let at: string | null | undefined = id; at && !chain.includes(at); at = endpoints.get(at)?.parentId) {
			chain.push(at);
		}
		return chain;
	};
	// Honest presence: an endpoint's own page knows its own connection; watchers hear of the endpoints
	// in their scope; of any other endpoint nothing is claimed (not "offline").
	const stateOf = (id: string): DotState | null => {
		if (id === identity.endpointId) return presence.connected ? "online" : "offline";
		if (!can(identity, "watch", { type: "health", endpoints: [ancestry(id)] })) return null;
		return presence.endpoints.find((e) => e.endpointId === id)?.state ?? "offline";
	};
	if (sessions.length === 0) return <p class="muted">{t("noSessions")}</p>;
	return (
		<table>
			<thead>
				<tr>
					<th scope="col">{t("sessionTitle")}</th>
					<th scope="col">{t("plannedStart")}</th>
					<th scope="col">{t("status")}</th>
					<th scope="col">{t("endpoints")}</th>
					<th scope="col">
						<span class="visually-hidden">{t("actions")}</span>
					</th>
				</tr>
			</thead>
			<tbody>
				{sessions.map((s) => (
					<tr key={s.id} data-session={s.id}>
						<td>
							<AppLink href={`/sessions/${s.id}`}>{s.title}</AppLink>
							{s.origin.type === "on-demand" && <span class="tag">{t("onDemand")}</span>}
						</td>
						<td>{formatDateTime(s.plannedStart, language)}</td>
						<td>{t(`status_${s.status}`)}</td>
						<td>
							<ul class="inline-list">
								{[s.hostEndpointId, ...s.participantEndpointIds].map((id) => (
									<li key={id}>
										{namesInSession(s, endpoints)(id)} {stateDot(stateOf(id))}
									</li>
								))}
							</ul>
						</td>
						<td>
							{canJoin && isJoinable(s.status) && (
								<button type="button" onClick={() => navigate(`/sessions/${s.id}/join`)}>
									{t("join")}
								</button>
							)}
							{readiness && (
								<button type="button" class="secondary" onClick={() => navigate(`/sessions/${s.id}/readiness`)}>
									{t("readinessBoard")}
								</button>
							)}
						</td>
					</tr>
				))}
			</tbody>
		</table>
	);
}
