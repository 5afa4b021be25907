import { useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { mayChair, mayCoChair } from "../../../domain/positions.js";
import { MAX_OCCURRENCES } from "../../../domain/sessions.js";
import { SESSION_KINDS } from "../../../domain/vocabulary.js";
import { useApp, useLoad } from "../AppContext.js";
import type { CaseView, EndpointView, List, SessionView, UserView } from "../api/records.js";
import { useWriteKey } from "../api/writeKey.js";
import { DayField, TimeField } from "../components/DateFields.js";
import { NamedOptions } from "../components/NamedOptions.js";
import { provinceOf } from "../endpointTree.js";
import { errorText } from "../errorText.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

/** A day and clock times typed in Vietnam's time, as an instant: "2026-12-15" + "08:00". */
const vietnamTime = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`).toISOString();

/** The day and time of an instant in Vietnam's time, for the form's inputs. */
function vietnamParts(iso: string): { day: string; time: string } {
	const local = new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString();
	return { day: local.slice(0, 10), time: local.slice(11, 16) };
}

const lines = (value: FormDataEntryValue | null) =>
	String(value ?? "")
		.split("\n")
		.map((l) => l.trim())
		.filter(Boolean);

/** Whether `id` is `ancestor` or lies under it. */
function within(endpoints: Map<string, EndpointView>, id: string, ancestor: string): boolean {
	for (let e = endpoints.get(id); e; e = e.parentId ? endpoints.get(e.parentId) : undefined) {
		if (e.id === ancestor) return true;
	}
	return false;
}

/**
 * The secretariat plans a session of any kind (and the central office a session on demand): chair
 * and co-chairs, invited endpoints and agencies (the inspectorate too), cases and agenda; a periodic
 * one may recur, always with an end. Editing keeps what it does not show.
 */
export function SessionSchedulePage({ sessionId }: { sessionId?: string }) {
	const i18n = useI18n();
	const { t } = i18n;
	const { api, identity, endpoints } = useApp();
	const existing = useLoad(
		() => (sessionId ? api.get<SessionView>(`/api/sessions/${sessionId}`) : Promise.resolve(null)),
		`edit-${sessionId ?? "new"}`,
	);
	const users = useLoad(() => api.get<List<UserView>>("/api/users?limit=200"), "schedule-users");
	const hosts = [...endpoints.values()].filter((e) => e.level !== "central");
	const session = existing.data;
	const [host, setHost] = useState<string>("");
	const hostId =
		host ||
		session?.hostEndpointId ||
		(endpoints.get(identity.endpointId)?.level !== "central" ? identity.endpointId : (hosts[0]?.id ?? ""));
	const [kind, setKind] = useState<string>("periodic");
	const [repeat, setRepeat] = useState<"none" | "monthly" | "weekly">("none");
	const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
	const key = useWriteKey();
	const cases = useLoad(
		() => (hostId ? api.get<List<CaseView>>(`/api/cases?endpoint=${hostId}&limit=100`) : Promise.resolve(null)),
		`schedule-cases-${hostId}`,
	);
	const provinceId = provinceOf(endpoints, hostId)?.id ?? "";
	const registered = useLoad(
		() =>
			provinceId && can(identity, "read", { type: "agencies" })
				? api.get<List<{ id: string; name: string }>>(`/api/agencies?province=${provinceId}&active=true&limit=200`)
				: Promise.resolve(null),
		`schedule-agencies-${provinceId}`,
	);
	if (sessionId && !session) return <p aria-busy="true">{t("loading")}</p>;
	if (!can(identity, "write", { type: "sessions" })) return <p class="error">{t("error_FORBIDDEN")}</p>;

	const allUsers = users.data?.items ?? [];
	const chairs = allUsers.filter((u) => !u.disabled && mayChair(u));
	const coChairs = allUsers.filter((u) => !u.disabled && mayCoChair(u));
	// Endpoints under the host that the planner speaks for; the central office may invite itself too.
	const central = identity.endpointLevel === "central";
	const invitable = [...endpoints.values()].filter(
		(e) =>
			e.id !== hostId &&
			((central && e.level === "central") ||
				(within(endpoints, e.id, hostId) && (central || within(endpoints, e.id, identity.endpointId)))),
	);
	const province = provinceOf(endpoints, hostId);
	const inspectorate = fill(t("inspectorateName"), { place: province?.name.replace(/^.*tỉnh\s+/, "") ?? "" });
	const when = session ? vietnamParts(session.plannedStart) : null;
	const until = session ? vietnamParts(session.plannedEnd) : null;
	const person = (u: UserView) => `${u.name}${u.positionTitle ? ` — ${u.positionTitle}` : ""}`;
	const isKind = (k: string) => (session?.kind ?? kind) === k;

	const submit = async (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const day = String(form.get("day"));
		const known = new Map((registered.data?.items ?? []).map((a) => [a.id, a.name]));
		const agencies: { name: string; agencyId?: string; inspectorate?: boolean }[] = [
			...form.getAll("agencyIds").map((id) => ({ name: known.get(String(id)) ?? String(id), agencyId: String(id) })),
			...lines(form.get("agencies")).map((name) => ({ name })),
		];
		if (form.get("inspectorate")) agencies.push({ name: inspectorate, inspectorate: true });
		const plan = {
			title: String(form.get("title") ?? "").trim(),
			plannedStart: vietnamTime(day, String(form.get("from"))),
			plannedEnd: vietnamTime(day, String(form.get("to"))),
			chairUserId: String(form.get("chair")),
			coChairUserIds: form.getAll("coChairs").map(String),
			participantEndpointIds: form.getAll("endpoints").map(String),
			invitedAgencies: agencies,
			caseIds: form.getAll("cases").map(String),
			agenda: lines(form.get("agenda")),
		};
		setMessage(null);
		try {
			if (session) {
				await api.patch(`/api/sessions/${session.id}`, { changes: plan, expectedRev: session.rev });
				navigate(`/sessions/${session.id}`);
				return;
			}
			const onDemand = form.get("onDemand") === "on";
			const full = {
				...plan,
				kind,
				hostEndpointId: hostId,
				origin: onDemand
					? { type: "on-demand", reason: String(form.get("reason") ?? "").trim() }
					: { type: "scheduled" },
			};
			if (kind === "periodic" && repeat !== "none") {
				const count = Number(form.get("count") || 0);
				const untilDay = String(form.get("until") ?? "");
				const created = await api.post<{ sessionIds: string[] }>(
					"/api/sessions/series",
					{
						session: full,
						recurrence: {
							frequency: repeat,
							...(count > 0 ? { count } : {}),
							...(untilDay ? { until: vietnamTime(untilDay, "23:59") } : {}),
						},
					},
					key.current,
				);
				key.settle();
				setMessage({ ok: true, text: fill(t("seriesSaved"), { count: created.sessionIds.length }) });
				const code = province?.code;
				if (code) navigate(`/calendar/${code}`);
				return;
			}
			const created = await api.post<SessionView>("/api/sessions", full, key.current);
			key.settle();
			navigate(`/sessions/${created.id}`);
		} catch (err) {
			key.settle(err);
			setMessage({ ok: false, text: errorText(i18n, err) });
		}
	};

	return (
		<form class="card stack" onSubmit={submit} data-testid="schedule-form" aria-labelledby="schedule-title">
			<h2 id="schedule-title">{session ? t("editSession") : t("scheduleSession")}</h2>
			{!session && (
				<label>
					{t("sessionKind")}
					<select name="kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
						{SESSION_KINDS.map((k) => (
							<option key={k} value={k}>
								{t(`kind_${k}`)}
							</option>
						))}
					</select>
				</label>
			)}
			{!session && can(identity, "request", { type: "sessions" }) && (
				<fieldset>
					<label class="inline">
						<input type="checkbox" name="onDemand" /> {t("scheduleOnDemand")}
					</label>
					<label>
						{t("onDemandReason")}
						<textarea name="reason" rows={2} />
					</label>
				</fieldset>
			)}
			<label>
				{t("scheduleTitle")}
				<input name="title" required maxLength={300} defaultValue={session?.title} />
			</label>
			<div class="row">
				<label>
					{t("sessionDate")}
					<DayField name="day" required defaultValue={when?.day} />
				</label>
				<label>
					{t("sessionFrom")}
					<TimeField name="from" required defaultValue={when?.time ?? "08:00"} />
				</label>
				<label>
					{t("sessionTo")}
					<TimeField name="to" required defaultValue={until?.time ?? "11:00"} />
				</label>
			</div>
			<label>
				{t("hostEndpointLabel")}
				<select
					name="host"
					value={hostId}
					disabled={!!session}
					onChange={(e) => setHost((e.currentTarget as HTMLSelectElement).value)}
				>
					<NamedOptions items={hosts} />
				</select>
			</label>
			<label>
				{t("chairLabel")}
				<select name="chair" required defaultValue={session?.chairUserId}>
					{chairs
						.filter((u) =>
							u.endpointIds.some(
								(id) =>
									id === hostId || endpoints.get(id)?.parentId === hostId || endpoints.get(hostId)?.parentId === id,
							),
						)
						.map((u) => (
							<option key={u.id} value={u.id}>
								{person(u)}
							</option>
						))}
				</select>
			</label>
			<fieldset>
				<legend>{t("coChairsLabel")}</legend>
				{coChairs.map((u) => (
					<label key={u.id} class="inline">
						<input
							type="checkbox"
							name="coChairs"
							value={u.id}
							defaultChecked={session?.coChairUserIds?.includes(u.id)}
						/>{" "}
						{person(u)}
					</label>
				))}
			</fieldset>
			<fieldset>
				<legend>{t("invitedEndpoints")}</legend>
				{invitable.map((e) => (
					<label key={e.id} class="inline">
						<input
							type="checkbox"
							name="endpoints"
							value={e.id}
							defaultChecked={session?.participantEndpointIds.includes(e.id)}
						/>{" "}
						{e.name}
					</label>
				))}
			</fieldset>
			{(registered.data?.items.length ?? 0) > 0 && (
				<fieldset>
					<legend>{t("registeredAgencies")}</legend>
					{registered.data?.items.map((a) => (
						<label key={a.id} class="inline">
							<input
								type="checkbox"
								name="agencyIds"
								value={a.id}
								defaultChecked={session?.invitedAgencies?.some((i) => i.agencyId === a.id)}
							/>{" "}
							{a.name}
						</label>
					))}
				</fieldset>
			)}
			<label>
				{t("invitedAgencies")}
				<textarea
					name="agencies"
					rows={3}
					defaultValue={(session?.invitedAgencies ?? [])
						.filter((a) => !a.inspectorate && !a.agencyId)
						.map((a) => a.name)
						.join("\n")}
				/>
			</label>
			<label class="inline">
				<input
					type="checkbox"
					name="inspectorate"
					defaultChecked={session?.invitedAgencies?.some((a) => a.inspectorate)}
				/>{" "}
				{t("inviteInspectorate")} ({inspectorate})
			</label>
			<fieldset>
				<legend>{t("casesToHear")}</legend>
				{(cases.data?.items ?? []).map((c) => (
					<label key={c.id} class="inline">
						<input type="checkbox" name="cases" value={c.id} defaultChecked={session?.caseIds.includes(c.id)} />{" "}
						{c.summary}
					</label>
				))}
			</fieldset>
			<label>
				{t("agendaLabel")}
				<textarea name="agenda" rows={3} defaultValue={session?.agenda.join("\n")} />
			</label>
			{!session && isKind("periodic") && (
				<fieldset>
					<legend>{t("recurrenceLabel")}</legend>
					<select
						name="repeat"
						aria-label={t("recurrenceLabel")}
						value={repeat}
						onChange={(e) => setRepeat((e.currentTarget as HTMLSelectElement).value as typeof repeat)}
					>
						<option value="none">{t("recurrenceNone")}</option>
						<option value="monthly">{t("recurrenceMonthly")}</option>
						<option value="weekly">{t("recurrenceWeekly")}</option>
					</select>
					{repeat !== "none" && (
						<>
							<label>
								{t("recurrenceCount")}
								<input name="count" type="number" min={1} max={MAX_OCCURRENCES} />
							</label>
							<label>
								{t("recurrenceUntil")}
								<DayField name="until" />
							</label>
							<p class="muted">{fill(t("recurrenceHint"), { max: MAX_OCCURRENCES })}</p>
						</>
					)}
				</fieldset>
			)}
			{message && (
				<p role={message.ok ? "status" : "alert"} class={message.ok ? "" : "error"}>
					{message.text}
				</p>
			)}
			<button type="submit">{t("saveSchedule")}</button>
		</form>
	);
}
