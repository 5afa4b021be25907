import { useRef, useState } from "preact/hooks";
import type { DutyRole } from "../../../domain/duty.js";
import { dayOf, PEAK_PERIOD_KINDS } from "../../../domain/duty.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { AlertList } from "../components/AlertList.js";
import { CommuneRequestForm, requestOf, useCommuneRequests } from "../components/CommuneReportRequest.js";
import { DayField } from "../components/DateFields.js";
import { DutyFeedLink, ShiftSettingsForm } from "../components/ShiftSettingsForm.js";
import { errorText } from "../errorText.js";
import { formatDate, formatTime } from "../format.js";
import { formText } from "../formText.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { dayText, mondayOf, RosterSection } from "./DutyRoster.js";

interface PeriodView {
	id: string;
	name: string;
	kind: string;
	from: string;
	to: string;
	endpointId: string;
	publishedEndpointIds: string[];
}

type OnDutyRoles = { role: DutyRole; endpointId: string; person: { name: string; phone: string } }[];

interface OnDutyView {
	endpointId: string;
	roles: OnDutyRoles;
	agencies: { agencyId: string; agencyName: string; roles: OnDutyRoles }[];
}

/** Peak periods, the roster grid of one, its gaps, who is on duty now, and the daily reports. */
export function DutyPage() {
	const i18n = useI18n();
	const { t } = i18n;
	const { api, identity, endpoints } = useApp();
	const [message, setMessage] = useState<string | null>(null);
	const [error, setError] = useState<string | null>(null);
	const [periodId, setPeriodId] = useState<string | null>(null);
	// Without a period chosen, the grid shows a week of ordinary after-hours duty.
	const [week, setWeek] = useState(() => mondayOf(dayOf(new Date())));
	const [generation, setGeneration] = useState(0);
	const [unit, setUnit] = useState<string | null>(null);
	const periods = useLoad(() => api.get<{ items: PeriodView[] }>("/api/duty/periods"), `periods${generation}`);
	const now = useLoad(
		() => api.get<{ at: string; items: OnDutyView[] }>(`/api/duty/now?under=${identity.endpointId}`),
		`now${generation}`,
	);
	const name = (id: string) => endpoints.get(id)?.name ?? id;
	const done = (text: string) => {
		setMessage(text);
		setError(null);
		setGeneration((g) => g + 1);
	};
	const fail = (err: unknown) => {
		setError(errorText(i18n, err));
		setMessage(null);
	};

	const declare = (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		api
			.post<{ id: string }>("/api/duty/periods", {
				name: String(form.get("name")),
				kind: String(form.get("kind")),
				from: String(form.get("from")),
				to: String(form.get("to")),
				endpointId: identity.endpointId,
			})
			.then((p) => {
				setPeriodId(p.id);
				done(t("dutyDeclared"));
			})
			.catch(fail);
	};

	const onDutyNow = (now.data?.items ?? []).filter(
		(o) => o.roles.length > 0 || o.agencies.length > 0 || o.endpointId === identity.endpointId,
	);
	const period = periods.data?.items.find((p) => p.id === periodId);
	return (
		<div class="stack" data-testid="duty">
			<h2>{t("duty")}</h2>
			{message && <p role="status">{message}</p>}
			{error && (
				<p role="alert" class="error">
					{error}
				</p>
			)}
			<section class="card" aria-labelledby="duty-now">
				<h3 id="duty-now">{t("dutyNow")}</h3>
				<DutyFeedLink />
				<table data-testid="duty-now">
					<thead>
						<tr>
							<th scope="col">{t("dutyUnit")}</th>
							<th scope="col">{t("dutyRole")}</th>
						</tr>
					</thead>
					<tbody>
						{onDutyNow.map((o) => (
							<tr key={o.endpointId} data-endpoint={o.endpointId}>
								<td>{name(o.endpointId)}</td>
								<td>
									{o.roles.length === 0
										? t("dutyNowNobody")
										: o.roles.map((r) => (
												<div key={`${r.role}${r.person.phone}`}>
													{t(`dutyRole_${r.role}`)}: {r.person.name} ({r.person.phone})
												</div>
											))}
									{o.agencies.flatMap((a) =>
										a.roles.map((r) => (
											<div key={`${a.agencyId}${r.role}${r.person.phone}`} data-agency={a.agencyId}>
												{a.agencyName} · {t(`dutyRole_${r.role}`)}: {r.person.name} ({r.person.phone})
											</div>
										)),
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{can(identity, "read", { type: "alerts" }) && (
				<section class="card" aria-labelledby="duty-alerts">
					<h3 id="duty-alerts">{t("dutyAlerts")}</h3>
					<AlertList />
				</section>
			)}
			<section class="card" aria-labelledby="duty-periods">
				<h3 id="duty-periods">{t("dutyPeriods")}</h3>
				{periods.data?.items.length === 0 && <p class="muted">{t("dutyNoPeriods")}</p>}
				{period && (
					<button type="button" class="secondary" onClick={() => setPeriodId(null)}>
						{t("dutyOrdinary")}
					</button>
				)}
				<ul>
					{periods.data?.items.map((p) => (
						<li key={p.id}>
							<button type="button" class="secondary" onClick={() => setPeriodId(p.id)}>
								{p.name}
							</button>{" "}
							· {t(`periodKind_${p.kind}` as never)} · {dayText(p.from)} – {dayText(p.to)} · {name(p.endpointId)}
						</li>
					))}
				</ul>
				{can(identity, "declare", { type: "duty" }) && (
					<form class="filters" onSubmit={declare} aria-label={t("dutyDeclare")}>
						<label>
							{t("dutyPeriodName")}
							<input name="name" required minLength={3} maxLength={200} />
						</label>
						<label>
							{t("dutyPeriodKind")}
							<select name="kind">
								{PEAK_PERIOD_KINDS.map((k) => (
									<option key={k} value={k}>
										{t(`periodKind_${k}`)}
									</option>
								))}
							</select>
						</label>
						<label>
							{t("dutyFrom")}
							<DayField name="from" required />
						</label>
						<label>
							{t("dutyTo")}
							<DayField name="to" required />
						</label>
						<button type="submit">{t("dutyDeclare")}</button>
					</form>
				)}
			</section>
			{(!periodId || period) && (
				<RosterSection
					key={period?.id ?? week}
					source={period ? { periodId: period.id, name: period.name, endpointId: period.endpointId } : { from: week }}
					generation={generation}
					chosen={unit}
					onChoose={setUnit}
					onWeek={setWeek}
					onDone={done}
					onFail={fail}
				/>
			)}
			{period && <DailyReports period={period} />}
			<ShiftSettingsForm onDone={done} onFail={fail} />
		</div>
	);
}

interface ReportView {
	id: string;
	endpointId: string;
	kind: "daily" | "ad-hoc";
	events: string;
	figures: { visits: number; people: number; cases: number; delegations: number; developments?: number };
}

function DailyReports({ period }: { period: PeriodView }) {
	const i18n = useI18n();
	const { t } = i18n;
	const { api, identity, endpoints } = useApp();
	const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
	const [day, setDay] = useState(today >= period.from && today <= period.to ? today : period.from);
	const [sent, setSent] = useState(0);
	const reports = useLoad(
		() =>
			api.get<{ due: string; items: ReportView[]; missing: string[]; missingCommunes: string[] }>(
				`/api/duty/periods/${period.id}/reports?day=${day}`,
			),
		`${day}${sent}`,
	);
	const requests = useCommuneRequests(period.id, String(sent));
	const own = endpoints.get(identity.endpointId);
	const isProvince = own?.level === "province";
	const isCommune = own !== undefined && own.level !== "province" && own.level !== "central";
	const askedOfMe = requestOf(requests.data?.items ?? [], identity.endpointId, day);
	const mayReport = can(identity, "report", { type: "duty" }) && (!isCommune || askedOfMe !== undefined);
	const figures = useLoad(
		() =>
			mayReport
				? api.get<ReportView["figures"]>(
						`/api/duty/periods/${period.id}/prefill?endpoint=${identity.endpointId}&day=${day}`,
					)
				: Promise.resolve(null),
		`prefill${day}${mayReport}`,
	);
	const [error, setError] = useState<string | null>(null);
	const [notice, setNotice] = useState<string | null>(null);
	const events = useRef<HTMLTextAreaElement>(null);
	const fail = (err: unknown) => setError(errorText(i18n, err));
	const submit = (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		api
			.post(`/api/duty/periods/${period.id}/reports`, {
				kind: "daily",
				endpointId: identity.endpointId,
				day,
				events: String(form.get("events") ?? ""),
			})
			.then(() => {
				setError(null);
				setNotice(t("dutyReportSubmitted"));
				setSent((n) => n + 1);
			})
			.catch(fail);
	};
	// An ad-hoc report on one event, at any time: the event, then what happened.
	const sendAdHoc = (event: Event) => {
		const target = event.currentTarget as HTMLFormElement;
		const text = formText(event);
		api
			.post(`/api/duty/periods/${period.id}/reports`, {
				kind: "ad-hoc",
				endpointId: identity.endpointId,
				day,
				events: `${text("event")}: ${text("details")}`,
			})
			.then(() => {
				target.reset();
				setError(null);
				setNotice(t("dutyAdHocSent"));
				setSent((n) => n + 1);
			})
			.catch(fail);
	};
	const name = (id: string) => endpoints.get(id)?.name ?? id;
	const figuresLine = (f: ReportView["figures"]) =>
		`${t("dutyVisits")} ${f.visits} · ${t("dutyPeople")} ${f.people} · ${t("dutyCases")} ${f.cases} · ${t("dutyDelegations")} ${f.delegations} · ${t("dutyDevelopments")} ${f.developments ?? 0}`;
	const communeReports = (reports.data?.items ?? []).filter(
		(r) => r.kind === "daily" && endpoints.get(r.endpointId)?.ancestors.includes(identity.endpointId),
	);
	// The province's report takes in its communes' figures and events, as the officer chooses to.
	const takeIn = () => {
		if (!events.current) return;
		const lines = communeReports.map((r) => `- ${name(r.endpointId)}: ${figuresLine(r.figures)}. ${r.events}`.trim());
		events.current.value = [events.current.value.trim(), ...lines].filter(Boolean).join("\n");
	};
	const myRequest = requests.data?.items.find((r) => r.provinceId === identity.endpointId);
	return (
		<section class="card" aria-labelledby="duty-reports">
			<h3 id="duty-reports">{t("dutyReports")}</h3>
			{notice && <p role="status">{notice}</p>}
			<label>
				{t("dutyReportDay")}
				<DayField value={day} onChange={(v) => setDay(v)} />
			</label>
			{reports.data && (
				<p class="muted">
					{formatDate(reports.data.due)} {formatTime(reports.data.due)}
				</p>
			)}
			<ul data-testid="reports">
				{reports.data?.items.map((r) => (
					<li key={r.id} data-endpoint={r.endpointId} data-kind={r.kind}>
						{r.kind === "ad-hoc"
							? `${name(r.endpointId)} · ${t("dutyAdHoc")}: ${r.events}`
							: `${name(r.endpointId)}: ${figuresLine(r.figures)}. ${r.events}`}
					</li>
				))}
			</ul>
			{!isCommune && (
				<MissingLine
					testId="missing"
					label={t("dutyMissing")}
					units={reports.data?.missing}
					none={t("dutyNoneMissing")}
				/>
			)}
			{(isProvince || (requests.data?.items.length ?? 0) > 0) && !isCommune && (
				<MissingLine
					testId="missing-communes"
					label={t("communeReportsMissing")}
					units={reports.data?.missingCommunes}
					none={t("communeReportsNoneMissing")}
				/>
			)}
			{isCommune &&
				(askedOfMe ? (
					<p data-testid="asked-of-me">
						{fill(t("communeReportsAskedOfYou"), {
							province: name(askedOfMe.provinceId),
							from: dayText(askedOfMe.from),
							to: dayText(askedOfMe.to),
						})}
					</p>
				) : (
					<p class="muted" data-testid="asked-of-me">
						{t("communeReportsNotAsked")}
					</p>
				))}
			{mayReport && figures.data && (
				<form class="stack" onSubmit={submit} aria-label={t("dutyReportSubmit")}>
					<p data-testid="prefill">
						{t("dutyFigures")}: {figuresLine(figures.data)}
					</p>
					<label>
						{t("dutyReportEvents")}
						<textarea name="events" rows={3} maxLength={20_000} ref={events} />
					</label>
					{isProvince && communeReports.length > 0 && (
						<button type="button" class="secondary" onClick={takeIn}>
							{t("communeReportsTakeIn")}
						</button>
					)}
					<button type="submit">{t("dutyReportSubmit")}</button>
				</form>
			)}
			{can(identity, "report", { type: "duty" }) && (
				<form class="stack" onSubmit={sendAdHoc} aria-label={t("dutyAdHoc")}>
					<h4>{t("dutyAdHoc")}</h4>
					<label>
						{t("dutyAdHocEvent")}
						<input name="event" required minLength={3} maxLength={300} />
					</label>
					<label>
						{t("dutyAdHocDetails")}
						<textarea name="details" rows={3} required maxLength={19_000} />
					</label>
					<button type="submit">{t("dutyAdHocSend")}</button>
				</form>
			)}
			{error && (
				<p role="alert" class="error">
					{error}
				</p>
			)}
			{isProvince && can(identity, "request", { type: "duty" }) && requests.data && (
				<section aria-labelledby="commune-reports">
					<h4 id="commune-reports">{t("communeReports")}</h4>
					<CommuneRequestForm
						key={`${myRequest?.id}${myRequest?.rev ?? 0}`}
						period={period}
						request={myRequest}
						onAsked={(text) => {
							setError(null);
							setNotice(text);
							setSent((n) => n + 1);
						}}
						onFail={fail}
					/>
				</section>
			)}
		</section>
	);
}

/** The units that owe the day's report, by name (or that none does). */
function MissingLine({
	testId,
	label,
	units,
	none,
}: {
	testId: string;
	label: string;
	units: readonly string[] | undefined;
	none: string;
}) {
	const { endpoints } = useApp();
	return (
		<p data-testid={testId}>
			{label}: {units && units.length > 0 ? units.map((id) => endpoints.get(id)?.name ?? id).join(", ") : none}
		</p>
	);
}
