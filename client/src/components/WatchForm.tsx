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
import type { List } from "../api/records.js";
import { useI18n } from "../i18n/index.js";
import { ErrorIssues } from "./ErrorIssues.js";
import { VocabularySelect } from "./VocabularySelect.js";

/** A date input's day as the instant its local day starts. */
export const dayInput = (value: string): string => new Date(`${value}T00:00:00`).toISOString();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Puts a case of the register on the hot-spot watch: risk and why, where and when, how many, who answers. */
export function WatchForm({ onCreated }: { onCreated: (id: string) => void }) {
	const { t } = useI18n();
	const { api } = useApp();
	const cases = useLoad(() => api.get<List<CaseView>>("/api/cases?limit=200"), "watch-cases");
	const [kind, setKind] = useState<DestinationKind>("central-office");
	const [city, setCity] = useState<string>("ha-noi");
	const [level, setLevel] = useState<string>("high");
	const [error, setError] = useState<unknown>(null);
	const cities = DESTINATION_CITIES.filter((c) => DESTINATION_CITIES_OF[kind].includes(c));

	const submit = async (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const text = (key: string) => String(form.get(key) ?? "").trim();
		setError(null);
		try {
			const created = await api.post<{ id: string }>("/api/hotspots/watches", {
				caseId: text("caseId"),
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
				responsible: { agency: text("agency"), officerName: text("officer") },
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
				<select name="caseId" required>
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
				<input name="expectedFrom" type="date" required defaultValue={inDays(3)} />
			</label>
			<label>
				{t("hotspotTo")}
				<input name="expectedTo" type="date" />
			</label>
			<label>
				{t("hotspotPeople")}
				<input name="expectedPeople" type="number" min={1} required defaultValue="10" />
			</label>
			<label>
				{t("hotspotAgency")}
				<input name="agency" required />
			</label>
			<label>
				{t("hotspotOfficer")}
				<input name="officer" required />
			</label>
			<label>
				{t("hotspotNextReview")}
				<input name="nextReviewAt" type="date" required defaultValue={inDays(2)} />
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
