import { useEffect } from "preact/hooks";
import type { HealthReason } from "../../../domain/healthReason.js";
import type { EndpointLevel } from "../../../domain/roles.js";
import { isJoinable } from "../../../domain/sessionLifecycle.js";
import type { EndpointPresenceInfo } from "../../../signaling/presenceProtocol.js";
import { useApp, useLiveLoad, useLoad } from "../AppContext.js";
import type { List, SessionView } from "../api/records.js";
import { AlertList } from "../components/AlertList.js";
import { SessionList } from "../components/SessionList.js";
import { StatusDot } from "../components/StatusDot.js";
import { formatNumber } from "../format.js";
import { reasonText } from "../health/healthText.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

interface EndpointStatus {
	id: string;
	code: string;
	name: string;
	level: EndpointLevel;
	parentId: string | null;
	presence: EndpointPresenceInfo;
	health: { status: "healthy" | "degraded" | "failing"; reasons: HealthReason[] } | null;
	lastCheck: { passed: boolean; at: string } | null;
}

interface WorkerInfo {
	slot: number;
	pid: number | null;
	alive: boolean;
	routers: number;
	cpuSeconds: number | null;
	maxRssBytes: number | null;
}

/** IT staff's view: the endpoint tree (central → province → local) by state, alerts, the server's workers. */
export function ItDashboardPage() {
	const i18n = useI18n();
	const { t } = i18n;
	const { api, presence } = useApp();
	// Today's sessions, following their state: which boards to watch now.
	const today = new Date(Date.now() - 12 * 3_600_000).toISOString();
	const sessions = useLiveLoad(
		() => api.get<List<SessionView>>(`/api/sessions?from=${today}&limit=50`),
		"it-sessions",
		(change) => change.aspect === "session",
	);
	const current = (sessions.data?.items ?? [])
		.filter((s) => s.status === "scheduled" || isJoinable(s.status))
		.sort((a, b) => a.plannedStart.localeCompare(b.plannedStart));
	const endpoints = useLoad(() => api.get<{ items: EndpointStatus[] }>("/api/health/endpoints"), "it-endpoints");
	const workers = useLoad(() => api.get<{ items: WorkerInfo[] }>("/api/health/workers"), "it-workers");
	useEffect(() => {
		const offs = [presence.on("presence", endpoints.reload), presence.on("health", endpoints.reload)];
		return () => {
			for (const off of offs) off();
		};
	}, [presence]);

	const all = endpoints.data?.items ?? [];
	const ids = new Set(all.map((e) => e.id));
	const children = (parentId: string | null) =>
		all.filter((e) => (parentId === null ? e.parentId === null || !ids.has(e.parentId) : e.parentId === parentId));
	const renderTree = (parentId: string | null) => {
		const level = children(parentId);
		if (level.length === 0) return null;
		return (
			<ul class="tree">
				{level.map((e) => (
					<li key={e.id} data-endpoint={e.id} class={`state-${e.presence.state}`}>
						<a
							href={`/it/endpoints/${e.id}`}
							onClick={(ev) => {
								ev.preventDefault();
								navigate(`/it/endpoints/${e.id}`);
							}}
						>
							{e.name}
						</a>{" "}
						<span class="muted">({t(`level_${e.level}`)})</span> <StatusDot state={e.presence.state} />
						{e.health && e.health.status !== "healthy" && (
							<>
								{" "}
								<StatusDot state={e.health.status} />{" "}
								<span class="muted">{e.health.reasons.map((r) => reasonText(i18n, r)).join("; ")}</span>
							</>
						)}
						{renderTree(e.id)}
					</li>
				))}
			</ul>
		);
	};

	return (
		<div class="stack" data-testid="it-dashboard">
			<h2>{t("itDashboard")}</h2>
			<AlertList />
			<section class="card" aria-labelledby="it-sessions-title" data-testid="it-sessions">
				<h3 id="it-sessions-title">{t("sessionsToWatch")}</h3>
				<SessionList sessions={current} canJoin={false} readiness />
			</section>
			<section class="card" aria-labelledby="tree-title">
				<h3 id="tree-title">{t("endpointTree")}</h3>
				{renderTree(null)}
			</section>
			<section class="card" aria-labelledby="workers-title">
				<h3 id="workers-title">{t("mediaWorkers")}</h3>
				<table>
					<thead>
						<tr>
							<th scope="col">#</th>
							<th scope="col">PID</th>
							<th scope="col">{t("state")}</th>
							<th scope="col">{t("routers")}</th>
							<th scope="col">CPU (s)</th>
							<th scope="col">{t("memory")} (MB)</th>
						</tr>
					</thead>
					<tbody>
						{(workers.data?.items ?? []).map((w) => (
							<tr key={w.slot}>
								<td>{w.slot}</td>
								<td>{w.pid ?? "—"}</td>
								<td>
									<StatusDot state={w.alive ? "healthy" : "failing"} />
								</td>
								<td>{w.routers}</td>
								<td>{w.cpuSeconds === null ? "—" : formatNumber(w.cpuSeconds, i18n.language, 1)}</td>
								<td>{w.maxRssBytes ? formatNumber(Math.round(w.maxRssBytes / 1_048_576), i18n.language, 0) : "—"}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
		</div>
	);
}
