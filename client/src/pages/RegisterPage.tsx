import { useState } from "preact/hooks";
import type { CaseView } from "../../../domain/api/register.js";
import { can } from "../../../domain/permissions.js";
import { fieldLabel, REGISTER_FLAGS, type RegisterField } from "../../../domain/register.js";
import { CASE_CONTENT_TYPES, CASE_STATUSES } from "../../../domain/vocabulary.js";
import { useApp, useLoad } from "../AppContext.js";
import type { List } from "../api/records.js";
import { FieldSelect } from "../components/CaseForm.js";
import { DayField } from "../components/DateFields.js";
import { EndpointSelect } from "../components/EndpointSelect.js";
import { PeakPeriodBadges, PeakPeriodSelect, usePeakPeriods } from "../components/PeakPeriods.js";
import { VocabularySelect } from "../components/VocabularySelect.js";
import { formatDateTime } from "../format.js";
import { fill } from "../i18n/fill.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

const TEXT_FILTERS = ["registerNumber", "name", "idNumber"] as const;
const SEARCH_FLAGS = REGISTER_FLAGS.filter((f) => f !== "voided");

/** The instant the day `iso` (yyyy-mm-dd) starts in Vietnam, or the next day for an inclusive end. */
function dayStart(iso: string, next = false): string {
	const d = new Date(`${iso}T00:00:00+07:00`);
	return new Date(d.getTime() + (next ? 86_400_000 : 0)).toISOString();
}

/** The register: search and filter, each case's number, citizens, classification and visit; print a range. */
export function RegisterPage() {
	const { t, language } = useI18n();
	const { api, identity, endpoints } = useApp();
	const [filters, setFilters] = useState<Record<string, string>>({});
	const [query, setQuery] = useState("");
	const fields = useLoad(() => api.get<{ items: RegisterField[] }>("/api/cases/fields"), "fields");
	const periods = usePeakPeriods();
	const { data, error } = useLoad(() => api.get<List<CaseView>>(`/api/cases?limit=200${query}`), query);
	const today = new Date().toISOString().slice(0, 10);
	const [printFrom, setPrintFrom] = useState(today);
	const [printTo, setPrintTo] = useState(today);

	const set = (key: string, value: string) => setFilters({ ...filters, [key]: value });
	const search = (e: Event) => {
		e.preventDefault();
		const params = new URLSearchParams();
		for (const [k, v] of Object.entries(filters)) {
			if (!v) continue;
			if (k === "from") params.set(k, dayStart(v));
			else if (k === "to") params.set(k, dayStart(v, true));
			else params.set(k, v);
		}
		setQuery(params.size > 0 ? `&${params.toString()}` : "");
	};
	const print = async () => {
		const params = new URLSearchParams({ from: dayStart(printFrom), to: dayStart(printTo, true) });
		if (filters.endpoint) params.set("endpoint", filters.endpoint);
		const blob = await api.blob(`/api/cases/register.pdf?${params.toString()}`);
		open(URL.createObjectURL(blob), "_blank");
	};

	return (
		<div class="stack" data-testid="register">
			<h2>{t("register")}</h2>
			<p class="actions">
				{can(identity, "write", { type: "cases" }) && (
					<button type="button" onClick={() => navigate("/register/new")}>
						{t("registerNew")}
					</button>
				)}{" "}
				{can(identity, "read", { type: "tasks" }) && (
					<button type="button" class="secondary" onClick={() => navigate("/register/tasks")}>
						{t("tasks")}
					</button>
				)}{" "}
				{can(identity, "read", { type: "agencies" }) && (
					<button type="button" class="secondary" onClick={() => navigate("/register/agencies")}>
						{t("agencies")}
					</button>
				)}
			</p>
			<form class="card filters" onSubmit={search} aria-label={t("registerSearch")}>
				{TEXT_FILTERS.map((k) => (
					<label key={k}>
						{t(k)}
						<input value={filters[k] ?? ""} onInput={(e) => set(k, e.currentTarget.value.trim())} />
					</label>
				))}
				<label>
					{t("from")}
					<DayField value={filters.from ?? ""} onChange={(v) => set("from", v)} />
				</label>
				<label>
					{t("to")}
					<DayField value={filters.to ?? ""} onChange={(v) => set("to", v)} />
				</label>
				<VocabularySelect
					label="contentType"
					values={CASE_CONTENT_TYPES}
					prefix="contentType"
					value={filters.contentType ?? ""}
					onChange={(v) => set("contentType", v)}
					any
				/>
				<FieldSelect
					any
					fields={fields.data?.items ?? []}
					value={filters.field ?? ""}
					onChange={(v) => set("field", v)}
				/>
				<VocabularySelect
					label="caseStatus"
					values={CASE_STATUSES}
					prefix="caseStatus"
					value={filters.status ?? ""}
					onChange={(v) => set("status", v)}
					any
				/>
				<EndpointSelect
					label="endpointSubtree"
					endpoints={[...endpoints.values()]}
					value={filters.endpoint ?? ""}
					onChange={(v) => set("endpoint", v)}
					empty="anyValue"
				/>
				<PeakPeriodSelect periods={periods} value={filters.peakPeriod ?? ""} onChange={(v) => set("peakPeriod", v)} />
				<fieldset>
					<legend>{t("flags")}</legend>
					{SEARCH_FLAGS.map((f) => (
						<label class="check" key={f}>
							<input
								type="checkbox"
								checked={filters[f] === "true"}
								onChange={(e) => set(f, e.currentTarget.checked ? "true" : "")}
							/>
							{t(`flag_${f}` as MessageKey)}
						</label>
					))}
					<label class="check">
						<input
							type="checkbox"
							checked={filters.voided === "true"}
							onChange={(e) => set("voided", e.currentTarget.checked ? "true" : "")}
						/>
						{t("includeVoided")}
					</label>
				</fieldset>
				<p>
					<button type="submit">{t("search")}</button>
				</p>
			</form>
			{error !== null && (
				<p role="alert" class="error">
					{t("loadFailed")}
				</p>
			)}
			{data && <p class="muted">{fill(t("resultsCount"), { count: data.total })}</p>}
			{data && data.items.length === 0 && <p class="muted">{t("noCases")}</p>}
			{data && data.items.length > 0 && (
				<table data-testid="register-results">
					<thead>
						<tr>
							<th>{t("registerNumber")}</th>
							<th>{t("receivedAt")}</th>
							<th>{t("citizens")}</th>
							<th>{t("idNumber")}</th>
							<th>{t("contentType")}</th>
							<th>{t("field")}</th>
							<th>{t("visit")}</th>
							<th>{t("caseStatus")}</th>
						</tr>
					</thead>
					<tbody>
						{data.items.map((c) => (
							<tr key={c.id}>
								<td>
									<a
										href={`/register/${c.id}`}
										onClick={(e) => {
											e.preventDefault();
											navigate(`/register/${c.id}`);
										}}
									>
										{c.registerNumber}
									</a>
									<br />
									<span class="muted">{c.endpointName}</span>
									<PeakPeriodBadges ids={c.peakPeriodIds} periods={periods} />
								</td>
								<td>{formatDateTime(c.receivedAt, language)}</td>
								<td>{c.citizens.map((p) => p.fullName).join(", ")}</td>
								<td>{c.citizens.map((p) => p.idNumber).join(", ")}</td>
								<td>{t(`contentType_${c.contentType}` as MessageKey)}</td>
								<td>{fieldLabel(c.field, language, fields.data?.items)}</td>
								<td>{c.repeat ? fill(t("repeatVisit"), { count: c.visitCount }) : t("firstTime")}</td>
								<td>
									{t(`caseStatus_${c.status}` as MessageKey)}
									{c.voided && <span class="tag">{t("flag_voided")}</span>}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
			<section class="card filters" aria-label={t("printRange")}>
				<label>
					{t("from")}
					<DayField value={printFrom} onChange={(v) => setPrintFrom(v)} />
				</label>
				<label>
					{t("to")}
					<DayField value={printTo} onChange={(v) => setPrintTo(v)} />
				</label>
				<p>
					<button type="button" class="secondary" onClick={print}>
						{t("printRegister")}
					</button>
				</p>
				<p class="muted">{endpoints.get(filters.endpoint || identity.endpointId)?.name}</p>
			</section>
		</div>
	);
}
