import { useState } from "preact/hooks";
import type { CaseView } from "../../../domain/api/register.js";
import {
	DESTINATION_CITIES,
	DESTINATION_CITIES_OF,
	DESTINATION_KINDS,
	type DestinationKind,
	RISK_LEVELS,
} from "../../../domain/hotspots.js";
import { useApp, useLoad } from "../AppContext.js";
import type { List, UserView } from "../api/records.js";
import { formText } from "../formText.js";
import { useI18n } from "../i18n/index.js";
import { DayField } from "./DateFields.js";
import { ErrorIssues } from "./ErrorIssues.js";
import { NamedOptions } from "./NamedOptions.js";
import { VocabularySelect } from "./VocabularySelect.js";

/** A date input's day as the instant its local day starts. */
/** A typed day (yyyy-mm-dd) as the instant it starts in Vietnam, whatever the browser's zone. */
export const dayInput = (value: string): string => new Date(`${value}T00:00:00+07:00`).toISOString();
/** The pick-lists' last option: someone not in the register or the users, named by hand. */
const OTHER = "other";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Puts a case of the register on the hot-spot watch: risk and why, where and when, how many, who answers. */
export function WatchForm({ onCreated }: { onCreated: (id: string) => void }) {
	const { t } = useI18n();
	const { api } = useApp();
	const cases = useLoad(() => api.get<List<CaseView>>("/api/cases?limit=200"), "watch-cases");
	// The responsible agency and officer are picked from the register and the users, not typed.
	const agencies = useLoad(
		() => api.get<List<{ id: string; name: string; provinceId: string }>>("/api/agencies?active=true&limit=200"),
		"watch-agencies",
	);
	const users = useLoad(() => api.get<List<UserView>>("/api/users?limit=200"), "watch-users");
	const [caseId, setCaseId] = useState<string>("");
	const [agencyId, setAgencyId] = useState<string>("");
	const [officerId, setOfficerId] = useState<string>("");
	const [kind, setKind] = useState<DestinationKind>("central-office");
	const [city, setCity] = useState<string>("ha-noi");
	const [level, setLevel] = useState<string>("high");
	const [error, setError] = useState<unknown>(null);
	const cities = DESTINATION_CITIES.filter((c) => DESTINATION_CITIES_OF[kind].includes(c));
	const picked = (cases.data?.items ?? []).find((c) => c.id === caseId) ?? cases.data?.items[0];
	// Those of the case's own endpoints: its home province's agencies, the users who hold the case.
	const held = new Set(picked?.scopeEndpointIds ?? []);
	const agencyChoices = (agencies.data?.items ?? []).filter((a) => held.has(a.provinceId));
	const officerChoices = (users.data?.items ?? []).filter((u) => !u.disabled && u.endpointIds.some((e) => held.has(e)));
	const agency = agencyChoices.find((a) => a.id === agencyId) ?? (agencyId === OTHER ? undefined : agencyChoices[0]);
	const officer =
		officerChoices.find((u) => u.id === officerId) ?? (officerId === OTHER ? undefined : officerChoices[0]);

	const submit = async (event: Event) => {
		const text = formText(event);
		setError(null);
		try {
			const created = await api.post<{ id: string }>("/api/hotspots/watches", {
				caseId: picked?.id ?? text("caseId"),
				risk: {
					level,
					reasons: text("reasons")
						.split("\n")
						.map((r) => r.trim())
						.filter(Boolean),
				},
				destination: {
					kind,
					city: cities.find((c) => c === city) ?? cities[0],
					...(text("place") ? { place: text("place") } : {}),
				},
				expectedFrom: dayInput(text("expectedFrom")),
				expectedTo: dayInput(text("expectedTo") || text("expectedFrom")),
				expectedPeople: Number(text("expectedPeople")),
				responsible: {
					...(agency ? { agency: agency.name, agencyId: agency.id } : { agency: text("agency") }),
					...(officer ? { officerName: officer.name, officerUserId: officer.id } : { officerName: text("officer") }),
				},
				nextReviewAt: dayInput(text("nextReviewAt")),
				...(text("note") ? { note: text("note") } : {}),
			});
			onCreated(created.id);
		} catch (err) {
			setError(err);
		}
	};

	return (
		<form class="card stack" onSubmit={submit} aria-labelledby="watch-form-title" data-testid="watch-form">
			<h3 id="watch-form-title">{t("hotspotOpenWatch")}</h3>
			<label>
				{t("hotspotPickCase")}
				<select name="caseId" required value={picked?.id} onChange={(e) => setCaseId(e.currentTarget.value)}>
					{(cases.data?.items ?? []).map((c) => (
						<option key={c.id} value={c.id}>
							{c.registerNumber} — {c.summary.slice(0, 80)}
						</option>
					))}
				</select>
			</label>
			<VocabularySelect label="hotspotRisk" values={RISK_LEVELS} prefix="risk" value={level} onChange={setLevel} />
			<label>
				{t("hotspotReasons")}
				<textarea name="reasons" required rows={2} />
			</label>
			<VocabularySelect
				label="hotspotKind"
				values={DESTINATION_KINDS}
				prefix="destinationKind"
				value={kind}
				onChange={(k) => setKind(k as DestinationKind)}
			/>
			<VocabularySelect label="hotspotCity" values={cities} prefix="city" value={city} onChange={setCity} />
			<label>
				{t("hotspotPlace")}
				<input name="place" />
			</label>
			<label>
				{t("hotspotFrom")}
				<DayField name="expectedFrom" required defaultValue={inDays(3)} />
			</label>
			<label>
				{t("hotspotTo")}
				<DayField name="expectedTo" />
			</label>
			<label>
				{t("hotspotPeople")}
				<input name="expectedPeople" type="number" min={1} required defaultValue="10" />
			</label>
			<label>
				{t("hotspotAgency")}
				<select name="agencyId" value={agency?.id ?? OTHER} onChange={(e) => setAgencyId(e.currentTarget.value)}>
					<NamedOptions items={agencyChoices} />
					<option value={OTHER}>{t("hotspotAgencyOther")}</option>
				</select>
			</label>
			{!agency && (
				<label>
					{t("hotspotAgencyName")}
					<input name="agency" required />
				</label>
			)}
			<label>
				{t("hotspotOfficer")}
				<select name="officerId" value={officer?.id ?? OTHER} onChange={(e) => setOfficerId(e.currentTarget.value)}>
					<NamedOptions items={officerChoices} />
					<option value={OTHER}>{t("hotspotOfficerOther")}</option>
				</select>
			</label>
			{!officer && (
				<label>
					{t("hotspotOfficerName")}
					<input name="officer" required />
				</label>
			)}
			<label>
				{t("hotspotNextReview")}
				<DayField name="nextReviewAt" required defaultValue={inDays(2)} />
			</label>
			<label>
				{t("hotspotNote")}
				<input name="note" />
			</label>
			{error !== null && <ErrorIssues error={error} />}
			<p>
				<button type="submit">{t("hotspotSave")}</button>
			</p>
		</form>
	);
}
