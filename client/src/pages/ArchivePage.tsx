import { useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { mayCoChair } from "../../../domain/positions.js";
import { SESSION_KINDS } from "../../../domain/vocabulary.js";
import { useApp, useLoad } from "../AppContext.js";
import type { CaseView, List, SessionView, UserView } from "../api/records.js";
import { AppLink } from "../components/AppLink.js";
import { DayField } from "../components/DateFields.js";
import { NamedOptions } from "../components/NamedOptions.js";
import { PeakPeriodBadges, PeakPeriodSelect, usePeakPeriods } from "../components/PeakPeriods.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/index.js";
import { namesInSession } from "../sessionNames.js";

/** Past sessions, searched by date, endpoint, chair, case and kind; each opens with its record and notice. */
export function ArchivePage() {
	const { t } = useI18n();
	const { api, identity, endpoints } = useApp();
	const [query, setQuery] = useState(() => new URLSearchParams({ to: new Date().toISOString(), limit: "100" }));
	const sessions = useLoad(() => api.get<List<SessionView>>(`/api/sessions?${query}`), `archive-${query}`);
	const users = useLoad(
		() =>
			can(identity, "read", { type: "users" })
				? api.get<List<UserView>>("/api/users?limit=200")
				: Promise.resolve({ items: [], total: 0, offset: 0, limit: 0 }),
		"archive-users",
	);
	const cases = useLoad(
		() =>
			can(identity, "read", { type: "cases" })
				? api.get<List<CaseView>>("/api/cases?limit=200")
				: Promise.resolve({ items: [], total: 0, offset: 0, limit: 0 }),
		"archive-cases",
	);
	const periods = usePeakPeriods();
	const names = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
	// Anyone who may preside: a chair or co-chair as the sessions rules name them.
	const presiders = (users.data?.items ?? []).filter(mayCoChair);

	const search = (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const next = new URLSearchParams({ limit: "100" });
		const from = String(form.get("from") ?? "");
		const to = String(form.get("to") ?? "");
		next.set("to", to ? new Date(`${to}T23:59:59+07:00`).toISOString() : new Date().toISOString());
		if (from) next.set("from", new Date(`${from}T00:00:00+07:00`).toISOString());
		for (const name of ["endpoint", "chair", "case", "kind", "peakPeriod"]) {
			const value = String(form.get(name) ?? "");
			if (value) next.set(name, value);
		}
		setQuery(next);
	};

	return (
		<div class="stack" data-testid="archive">
			<h2>{t("archive")}</h2>
			<form class="card row" onSubmit={search}>
				<label>
					{t("archiveFrom")}
					<DayField name="from" />
				</label>
				<label>
					{t("archiveTo")}
					<DayField name="to" />
				</label>
				<label>
					{t("archiveEndpoint")}
					<select name="endpoint">
						<option value="">{t("archiveAny")}</option>
						<NamedOptions items={[...endpoints.values()]} />
					</select>
				</label>
				{presiders.length > 0 && (
					<label>
						{t("archiveChair")}
						<select name="chair">
							<option value="">{t("archiveAny")}</option>
							<NamedOptions items={presiders} />
						</select>
					</label>
				)}
				{(cases.data?.items ?? []).length > 0 && (
					<label>
						{t("archiveCase")}
						<select name="case">
							<option value="">{t("archiveAny")}</option>
							{(cases.data?.items ?? []).map((c) => (
								<option key={c.id} value={c.id}>
									{c.summary.slice(0, 80)}
								</option>
							))}
						</select>
					</label>
				)}
				<label>
					{t("archiveKind")}
					<select name="kind">
						<option value="">{t("archiveAny")}</option>
						{SESSION_KINDS.map((k) => (
							<option key={k} value={k}>
								{t(`kind_${k}`)}
							</option>
						))}
					</select>
				</label>
				<PeakPeriodSelect periods={periods} />
				<button type="submit">{t("archiveSearch")}</button>
			</form>
			{sessions.data && sessions.data.items.length === 0 && <p class="muted">{t("archiveNone")}</p>}
			{(sessions.data?.items.length ?? 0) > 0 && (
				<table data-testid="archive-results">
					<thead>
						<tr>
							<th scope="col">{t("plannedStart")}</th>
							<th scope="col">{t("sessionTitle")}</th>
							<th scope="col">{t("archiveKind")}</th>
							<th scope="col">{t("hostEndpoint")}</th>
							<th scope="col">{t("archiveChair")}</th>
							<th scope="col">{t("status")}</th>
							<th scope="col">{t("archiveNotice")}</th>
						</tr>
					</thead>
					<tbody>
						{sessions.data?.items.map((s) => (
							<tr key={s.id}>
								<td>{formatDateTime(s.plannedStart)}</td>
								<td>
									<AppLink href={`/sessions/${s.id}`}>{s.title}</AppLink>{" "}
									<PeakPeriodBadges ids={s.peakPeriodIds} periods={periods} />
								</td>
								<td>{t(`kind_${s.kind}`)}</td>
								<td>{namesInSession(s, endpoints)(s.hostEndpointId)}</td>
								<td>{names.get(s.chairUserId) ?? ""}</td>
								<td>{t(`status_${s.status}`)}</td>
								<td>{s.notice?.number ? `${s.notice.number} (v${s.notice.version ?? 1})` : ""}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</div>
	);
}
