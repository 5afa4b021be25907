import { useEffect, useMemo, useState } from "preact/hooks";
import type { IdentityClaims } from "../../domain/identity.js";
import { AppContext, type AppServices } from "./AppContext.js";
import { ApiClient } from "./api/ApiClient.js";
import type { EndpointView, List } from "./api/records.js";
import { PresenceClient } from "./health/PresenceClient.js";
import { I18nContext, type Language, storedLanguage, translator } from "./i18n/index.js";
import { lazy } from "./lazy.js";
import { HomePage } from "./pages/HomePage.js";
import { ReadinessPage } from "./pages/ReadinessPage.js";
import { SessionDetailPage } from "./pages/SessionDetailPage.js";
import { SignInPage } from "./pages/SignInPage.js";
import { match, navigate, usePath } from "./router.js";

const api = new ApiClient();

export function App() {
	const [language, setLanguage] = useState<Language>(storedLanguage);
	const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);
	const [identity, setIdentity] = useState<IdentityClaims | null>(api.identity);
	const [services, setServices] = useState<AppServices | null>(null);
	const [loadFailed, setLoadFailed] = useState(false);
	const path = usePath();

	useEffect(() => api.onSignedOut(() => setIdentity(null)), []);
	useEffect(() => {
		document.documentElement.lang = language;
	}, [language]);

	// Signed in: the presence connection and the endpoint names every page uses.
	useEffect(() => {
		if (!identity) {
			setServices(null);
			return;
		}
		setLoadFailed(false);
		const presence = new PresenceClient({ token: api.accessToken });
		// IT staff may ask this endpoint to check its connection: run it in the background and store it.
		presence.on("checkRequested", async () => {
			const [{ ConnectivityCheck }, { testPattern }] = await Promise.all([
				import("./checks/ConnectivityCheck.js"),
				import("./checks/testPattern.js"),
			]);
			await new ConnectivityCheck({ token: api.accessToken, createTrack: testPattern }).run();
		});
		let live = true;
		api
			.get<List<EndpointView>>("/api/endpoints?limit=200")
			.then((list) => {
				if (live) setServices({ api, identity, presence, endpoints: new Map(list.items.map((e) => [e.id, e])) });
			})
			// A 401 has signed the user out already; anything else (a network drop, a page being left)
			// must not: the sign-in would be lost for nothing.
			.catch(() => {
				if (live) setLoadFailed(true);
			});
		return () => {
			live = false;
			presence.close();
		};
	}, [identity]);

	const toggleLanguage = () => {
		const next = language === "vi" ? "en" : "vi";
		localStorage.setItem("language", next);
		setLanguage(next);
	};

	return (
		<I18nContext.Provider value={i18n}>
			<header class="topbar">
				<div>
					<h1>
						<a
							href="/"
							onClick={(e) => {
								e.preventDefault();
								navigate("/");
							}}
						>
							{i18n.t("appTitle")}
						</a>
					</h1>
					<p class="subtitle">{i18n.t("appSubtitle")}</p>
				</div>
				<div class="topbar-actions">
					{identity && (
						<span class="who">
							{identity.name} · {i18n.t(`role_${identity.role}`)}
						</span>
					)}
					<button type="button" class="link" onClick={toggleLanguage} lang={language === "vi" ? "en" : "vi"}>
						{i18n.t("language")}
					</button>
					{identity && (
						<button type="button" class="link" onClick={() => api.signOut()}>
							{i18n.t("signOut")}
						</button>
					)}
				</div>
			</header>
			<main>
				{!identity && (
					<SignInPage onSignIn={(username, password) => api.signIn(username, password).then(setIdentity)} />
				)}
				{identity && loadFailed && (
					<p role="alert" class="error">
						{i18n.t("networkError")}{" "}
						<button type="button" onClick={() => location.reload()}>
							{i18n.t("retry")}
						</button>
					</p>
				)}
				{services && (
					<AppContext.Provider value={services}>
						<Route path={path} />
					</AppContext.Provider>
				)}
			</main>
		</I18nContext.Provider>
	);
}

const JoinPage = lazy(() => import("./pages/JoinPage.js").then((m) => m.JoinPage));
const CheckPage = lazy(() => import("./pages/CheckPage.js").then((m) => m.CheckPage));
const ItDashboardPage = lazy(() => import("./pages/ItDashboardPage.js").then((m) => m.ItDashboardPage));
const EndpointHealthPage = lazy(() => import("./pages/EndpointHealthPage.js").then((m) => m.EndpointHealthPage));

const ReportsPage = lazy(() => import("./pages/ReportsPage.js").then((m) => m.ReportsPage));
const NationalDbBoardPage = lazy(() => import("./pages/NationalDbBoardPage.js").then((m) => m.NationalDbBoardPage));
const DutyPage = lazy(() => import("./pages/DutyPage.js").then((m) => m.DutyPage));
const SessionSchedulePage = lazy(() => import("./pages/SessionSchedulePage.js").then((m) => m.SessionSchedulePage));
const CalendarPage = lazy(() => import("./pages/CalendarPage.js").then((m) => m.CalendarPage));
const ArchivePage = lazy(() => import("./pages/ArchivePage.js").then((m) => m.ArchivePage));
const CompliancePage = lazy(() => import("./pages/CompliancePage.js").then((m) => m.CompliancePage));
const RegisterPage = lazy(() => import("./pages/RegisterPage.js").then((m) => m.RegisterPage));
const RegisterEntryPage = lazy(() => import("./pages/RegisterEntryPage.js").then((m) => m.RegisterEntryPage));
const TasksPage = lazy(() => import("./pages/TasksPage.js").then((m) => m.TasksPage));
const AgenciesPage = lazy(() => import("./pages/AgenciesPage.js").then((m) => m.AgenciesPage));
const TopologyPage = lazy(() => import("./pages/TopologyPage.js").then((m) => m.TopologyPage));
const RegisterCasePage = lazy(() => import("./pages/RegisterCasePage.js").then((m) => m.RegisterCasePage));

const HotspotBoardPage = lazy(() => import("./pages/HotspotBoardPage.js").then((m) => m.HotspotBoardPage));
const HotspotWatchPage = lazy(() => import("./pages/HotspotWatchPage.js").then((m) => m.HotspotWatchPage));
const HotspotGroupPage = lazy(() => import("./pages/HotspotGroupPage.js").then((m) => m.HotspotGroupPage));
const HotspotFeedPage = lazy(() => import("./pages/HotspotFeedPage.js").then((m) => m.HotspotFeedPage));

const ROUTES: [pattern: string, page: (params: Record<string, string>) => preact.JSX.Element][] = [
	["/hotspots/watches/:id", (p) => <HotspotWatchPage key={p.id} watchId={p.id ?? ""} />],
	["/hotspots/groups/:id", (p) => <HotspotGroupPage key={p.id} groupId={p.id ?? ""} />],
	["/hotspots/feed", () => <HotspotFeedPage />],
	["/hotspots", () => <HotspotBoardPage />],
	["/register/new", () => <RegisterEntryPage />],
	["/register/tasks", () => <TasksPage />],
	["/register/agencies", () => <AgenciesPage />],
	["/endpoints", () => <TopologyPage />],
	["/register/:id", (p) => <RegisterCasePage key={p.id} caseId={p.id ?? ""} />],
	["/register", () => <RegisterPage />],
	["/reports", () => <ReportsPage />],
	["/nationaldb", () => <NationalDbBoardPage />],
	["/duty", () => <DutyPage />],
	["/sessions/new", () => <SessionSchedulePage key="new" />],
	["/sessions/:id/edit", (p) => <SessionSchedulePage key={p.id} sessionId={p.id ?? ""} />],
	["/calendar/:code", (p) => <CalendarPage key={p.code} code={p.code ?? ""} />],
	["/calendar", () => <CalendarPage />],
	["/archive", () => <ArchivePage />],
	["/compliance", () => <CompliancePage />],
	["/sessions/:id/join", (p) => <JoinPage key={p.id} sessionId={p.id ?? ""} />],
	["/sessions/:id/readiness", (p) => <ReadinessPage sessionId={p.id ?? ""} />],
	["/sessions/:id", (p) => <SessionDetailPage sessionId={p.id ?? ""} />],
	["/it/endpoints/:id", (p) => <EndpointHealthPage endpointId={p.id ?? ""} />],
	["/it", () => <ItDashboardPage />],
	["/check", () => <CheckPage />],
];

function Route({ path }: { path: string }) {
	for (const [pattern, page] of ROUTES) {
		const params = match(pattern, path);
		if (params) return page(params);
	}
	return <HomePage />;
}
