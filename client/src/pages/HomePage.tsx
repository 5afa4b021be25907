import { useEffect, useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { useApp, useLiveLoad } from "../AppContext.js";
import type { List, SessionView } from "../api/records.js";
import { AlertList } from "../components/AlertList.js";
import { RequestSessionForm } from "../components/RequestSessionForm.js";
import { SessionList } from "../components/SessionList.js";
import { errorText } from "../errorText.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

/** What each role starts from: its sessions today and ahead, and the role's own actions. */
export function HomePage() {
	const i18n = useI18n();
	const { t } = i18n;
	const { api, identity, presence } = useApp();
	const [, setTick] = useState(0);
	// Presence changes (and this client's own connection) repaint the endpoint states in the list.
	useEffect(() => {
		const offs = [
			presence.on("presence", () => setTick((n) => n + 1)),
			presence.on("connection", () => setTick((n) => n + 1)),
		];
		return () => {
			for (const off of offs) off();
		};
	}, [presence]);

	const today = new Date();
	today.setHours(0, 0, 0, 0);
	// A session stepped (or created) anywhere in the user's scope: the lists follow without a reload.
	const { data, error, reload } = useLiveLoad(
		() => api.get<List<SessionView>>(`/api/sessions?from=${today.toISOString()}&limit=100`),
		"home",
		(change) => change.aspect === "session",
	);
	const sessions = (data?.items ?? [])
		.filter((s) => s.status !== "cancelled")
		.sort((a, b) => a.plannedStart.localeCompare(b.plannedStart));
	const live = sessions.filter((s) => s.status === "live" || s.status === "open");
	const upcoming = sessions.filter((s) => s.status === "scheduled");
	const over = sessions.filter((s) => s.status === "ended" || s.status === "concluded");
	const canJoin = can(identity, "attend", { type: "sessions" });

	return (
		<div class="stack">
			<h2>{t(`home_${identity.role}`)}</h2>
			{error !== null && (
				<p role="alert" class="error">
					{errorText(i18n, error)}
				</p>
			)}
			{/* Whoever is named on duty sees here what was sent to them, and takes it in hand. */}
			{can(identity, "read", { type: "alerts" }) && <AlertList toMe />}
			<p class="actions">
				{can(identity, "write", { type: "sessions" }) && (
					<button type="button" onClick={() => navigate("/sessions/new")}>
						{t("scheduleSession")}
					</button>
				)}
				<button type="button" class="secondary" onClick={() => navigate("/calendar")}>
					{t("calendar")}
				</button>
				<button type="button" class="secondary" onClick={() => navigate("/archive")}>
					{t("archive")}
				</button>
				{can(identity, "read", { type: "compliance" }) && (
					<button type="button" class="secondary" onClick={() => navigate("/compliance")}>
						{t("compliance")}
					</button>
				)}
			</p>
			{can(identity, "read", { type: "cases" }) && (
				<p>
					<button type="button" onClick={() => navigate("/register")}>
						{t("register")}
					</button>
				</p>
			)}
			{can(identity, "read", { type: "reports" }) && (
				<p>
					<button type="button" onClick={() => navigate("/reports")}>
						{t("reports")}
					</button>
				</p>
			)}
			{can(identity, "read", { type: "nationaldb" }) && (
				<p>
					<button type="button" onClick={() => navigate("/nationaldb")}>
						{t("nationalDb")}
					</button>
				</p>
			)}
			{can(identity, "read", { type: "duty" }) && (
				<p>
					<button type="button" onClick={() => navigate("/duty")}>
						{t("duty")}
					</button>
				</p>
			)}
			{(can(identity, "read", { type: "watches" }) || can(identity, "read", { type: "feed" })) && (
				<p class="actions">
					{can(identity, "read", { type: "watches" }) && (
						<button type="button" onClick={() => navigate("/hotspots")}>
							{t("hotspots")}
						</button>
					)}
					{can(identity, "read", { type: "feed" }) && (
						<button type="button" class="secondary" onClick={() => navigate("/hotspots/feed")}>
							{t("hotspotFeed")}
						</button>
					)}
				</p>
			)}
			{can(identity, "write", { type: "endpoints" }) && (
				<p>
					<button type="button" class="secondary" onClick={() => navigate("/endpoints")}>
						{t("topology")}
					</button>
				</p>
			)}
			{can(identity, "check", { type: "health" }) && (
				<p>
					<button type="button" onClick={() => navigate("/it")}>
						{t("itDashboard")}
					</button>
				</p>
			)}
			<section class="card" aria-labelledby="live-title">
				<h3 id="live-title">{t("liveSessions")}</h3>
				<SessionList sessions={live} canJoin={canJoin} />
			</section>
			<section class="card" aria-labelledby="upcoming-title">
				<h3 id="upcoming-title">{t("upcomingSessions")}</h3>
				<SessionList sessions={upcoming} canJoin={false} />
			</section>
			{over.length > 0 && (
				<section class="card" aria-labelledby="over-title">
					<h3 id="over-title">{t("endedSessions")}</h3>
					<SessionList sessions={over} canJoin={false} />
				</section>
			)}
			{can(identity, "request", { type: "sessions" }) && <RequestSessionForm onCreated={reload} />}
			<p>
				<button type="button" class="secondary" onClick={() => navigate("/check")}>
					{t("connectivityCheck")}
				</button>
			</p>
		</div>
	);
}
