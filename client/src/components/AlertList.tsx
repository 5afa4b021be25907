import { useEffect, useState } from "preact/hooks";
import type { Alert, AlertKind } from "../../../domain/alerts.js";
import type { AlertList as AlertListBody } from "../../../domain/api/alerts.js";
import { can } from "../../../domain/permissions.js";
import { useApp } from "../AppContext.js";
import { errorText } from "../errorText.js";
import { formatDateTime } from "../format.js";
import { alertText } from "../health/healthText.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { StatusDot } from "./StatusDot.js";

/**
 * Alert groups in scope (of one session, of some kinds, if given), kept current by the presence channel;
 * with `toMe`, only those delivered to the user on duty (a push updates those, adds none).
 */
function useAlerts(
	sessionId?: string,
	kinds?: readonly AlertKind[],
	toMe = false,
): { alerts: Alert[]; error: unknown; put: (alert: Alert) => void } {
	const { api, presence } = useApp();
	const [alerts, setAlerts] = useState<Alert[]>([]);
	const [error, setError] = useState<unknown>(null);
	const wanted = (alert: Alert) =>
		(!sessionId || alert.sessionId === sessionId) && (!kinds || kinds.includes(alert.kind));
	const put = (alert: Alert) => {
		if (!wanted(alert)) return;
		setAlerts((list) =>
			toMe && !list.some((a) => a.id === alert.id) ? list : [alert, ...list.filter((a) => a.id !== alert.id)],
		);
	};
	useEffect(() => {
		let live = true;
		const query = `/api/alerts?state=all&limit=100${sessionId ? `&session=${encodeURIComponent(sessionId)}` : ""}${
			kinds ? `&kind=${kinds.join(",")}` : ""
		}${toMe ? "&to=me" : ""}`;
		api
			.get<AlertListBody>(query)
			.then((body) => live && setAlerts(body.items.filter(wanted)))
			.catch((err: unknown) => live && setError(err));
		const off = presence.on("alert", put);
		return () => {
			live = false;
			off();
		};
	}, [sessionId, toMe]);
	return { alerts, error, put };
}

/**
 * The alert groups IT staff handle: open ones first, grouped per endpoint and session, each with how
 * often it was raised, who took it in hand, and the ones that cleared recently.
 */
export function AlertList({
	sessionId,
	sessionTitles,
	kinds,
	toMe = false,
}: {
	sessionId?: string;
	sessionTitles?: Map<string, string>;
	/** Only these kinds (the task list shows its deadline reminders). */
	kinds?: readonly AlertKind[];
	/** Only the alerts delivered to the user on duty (the home page). */
	toMe?: boolean;
}) {
	const i18n = useI18n();
	const { t, language } = i18n;
	const { api, identity, endpoints } = useApp();
	const { alerts, error, put } = useAlerts(sessionId, kinds, toMe);
	const [failure, setFailure] = useState<string | null>(null);
	const mayAcknowledge = (a: Alert) =>
		can(identity, "acknowledge", { type: "alerts" }) && !a.acknowledged && !a.cleared;
	const nameOf = (endpointId: string) => endpoints.get(endpointId)?.name ?? endpointId;
	const acknowledge = async (alert: Alert) => {
		setFailure(null);
		try {
			put(await api.post<Alert>(`/api/alerts/${alert.id}/acknowledge`, {}));
		} catch (err) {
			setFailure(errorText(i18n, err));
		}
	};
	const open = alerts.filter((a) => !a.cleared);
	const cleared = alerts.filter((a) => a.cleared);
	const groups = new Map<string, Alert[]>();
	for (const a of open) {
		const key = `${a.endpointId}\u0000${a.sessionId ?? ""}`;
		groups.set(key, [...(groups.get(key) ?? []), a]);
	}
	const row = (a: Alert) => (
		<li key={a.id} class={`alert alert-${a.severity}${a.cleared ? " alert-cleared" : ""}`} data-alert={a.id}>
			<StatusDot
				state={a.cleared ? "healthy" : a.severity === "critical" ? "failing" : "degraded"}
				label={t(`alertSeverity_${a.severity}`)}
			/>{" "}
			<span class="alert-text">{alertText(i18n, a, nameOf(a.endpointId))}</span>{" "}
			<span class="muted" data-testid="alert-count">
				{a.count > 1
					? fill(t("alertCount"), { count: a.count, time: formatDateTime(a.lastAt, language) })
					: fill(t("alertFirstAt"), { time: formatDateTime(a.firstAt, language) })}
			</span>
			{a.acknowledged && (
				<div class="muted" data-testid="alert-acknowledged">
					{fill(t("alertAcknowledged"), {
						name: a.acknowledged.name,
						time: formatDateTime(a.acknowledged.at, language),
					})}
				</div>
			)}
			{a.cleared && (
				<div class="muted">
					{fill(t(`alertCleared_${a.cleared.reason}`), { time: formatDateTime(a.cleared.at, language) })}
				</div>
			)}
			{mayAcknowledge(a) && (
				<button type="button" class="secondary" onClick={() => void acknowledge(a)}>
					{t("alertAcknowledge")}
				</button>
			)}
		</li>
	);
	return (
		<section class="card" aria-labelledby="alerts-title" data-testid={toMe ? "alerts-to-me" : "alerts"}>
			<h3 id="alerts-title">{t(toMe ? "alertsToMe" : "alerts")}</h3>
			{error ? (
				<p role="alert" class="error">
					{errorText(i18n, error)}
				</p>
			) : null}
			{failure && (
				<p role="alert" class="error">
					{failure}
				</p>
			)}
			{open.length === 0 && !error && <p class="muted">{t(toMe ? "alertsToMeNone" : "alertsNone")}</p>}
			{[...groups.entries()].map(([key, items]) => {
				const [first] = items;
				if (!first) return null;
				const session = first.sessionId
					? (sessionTitles?.get(first.sessionId) ??
						(first.kind === "offline-before-session" ? first.facts.sessionTitle : ""))
					: t("alertSessionless");
				return (
					<div key={key} class="alert-group" data-endpoint={first.endpointId}>
						<h4>
							{nameOf(first.endpointId)}
							{session && <span class="muted"> · {session}</span>}
						</h4>
						<ul class="alerts">{items.map(row)}</ul>
					</div>
				);
			})}
			{cleared.length > 0 && (
				<details>
					<summary>
						{t("alertsRecentlyCleared")} ({cleared.length})
					</summary>
					<ul class="alerts">{cleared.map(row)}</ul>
				</details>
			)}
		</section>
	);
}
