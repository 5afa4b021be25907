import { useState } from "preact/hooks";
import { DESTINATION_CITIES } from "../../../domain/hotspots.js";
import { useApp } from "../AppContext.js";
import { formText } from "../formText.js";
import { useI18n } from "../i18n/index.js";
import { DayField } from "./DateFields.js";
import { ErrorIssues } from "./ErrorIssues.js";
import { type GroupMember, MembersEditor } from "./MembersEditor.js";
import { VocabularySelect } from "./VocabularySelect.js";
import { dayInput } from "./WatchForm.js";

/** A province sends a working group: its deciding document, members, where and until when, the police it works with. */
export function GroupForm({
	provinceId,
	caseId,
	onCreated,
}: {
	provinceId: string;
	caseId: string;
	onCreated: () => void;
}) {
	const { t } = useI18n();
	const { api } = useApp();
	const [error, setError] = useState<unknown>(null);
	const [city, setCity] = useState<string>("ha-noi");
	const [members, setMembers] = useState<GroupMember[]>([]);

	const submit = async (event: Event) => {
		const text = formText(event);
		setError(null);
		try {
			await api.post("/api/hotspots/groups", {
				provinceId,
				decision: { number: text("number"), date: dayInput(text("decisionDate")), issuer: text("issuer") },
				members,
				deployment: { place: text("place"), city, from: dayInput(text("from")) },
				caseIds: [caseId],
				...(text("police") ? { policeLiaison: { unit: text("police") } } : {}),
				// The day itself: a deadline runs to the end of its day in Vietnam (the server decides).
				returnDeadline: text("deadline"),
			});
			onCreated();
		} catch (err) {
			setError(err);
		}
	};

	return (
		<form class="stack" onSubmit={submit} data-testid="group-form">
			<label>
				{t("hotspotDecision")}
				<input name="number" required placeholder="1534/QĐ-UBND" />
			</label>
			<label>
				{t("hotspotDecisionDate")}
				<DayField name="decisionDate" required />
			</label>
			<label>
				{t("hotspotIssuer")}
				<input name="issuer" required />
			</label>
			<MembersEditor initial={[]} onChange={setMembers} />
			<label>
				{t("hotspotDeployedTo")}
				<input name="place" required />
			</label>
			<VocabularySelect label="hotspotCity" values={DESTINATION_CITIES} prefix="city" value={city} onChange={setCity} />
			<label>
				{t("hotspotDeployedFrom")}
				<DayField name="from" required />
			</label>
			<label>
				{t("hotspotPolice")}
				<input name="police" />
			</label>
			<label>
				{t("hotspotReturnDeadline")}
				<DayField name="deadline" required />
			</label>
			{error !== null && <ErrorIssues error={error} />}
			<p>
				<button type="submit">{t("hotspotSendGroup")}</button>
			</p>
		</form>
	);
}
