import { HANDLING_DIRECTIONS } from "../../../domain/vocabulary.js";
import type { CaseView } from "../api/records.js";
import { useI18n } from "../i18n/index.js";

/** The fields of one decision about a case: recorded during a session, or in a notice's correction. */
export function OutcomeFields({ cases }: { cases: CaseView[] }) {
	const { t } = useI18n();
	return (
		<>
			<label>
				{t("case")}
				<select name="caseId" required>
					{cases.map((c) => (
						<option key={c.id} value={c.id}>
							{c.summary}
						</option>
					))}
				</select>
			</label>
			<label>
				{t("direction")}
				<select name="direction" required>
					{HANDLING_DIRECTIONS.map((d) => (
						<option key={d} value={d}>
							{t(`direction_${d}`)}
						</option>
					))}
				</select>
			</label>
			<label>
				{t("conclusion")}
				<textarea name="conclusion" rows={3} required />
			</label>
			<fieldset>
				<legend>{t("assignment")}</legend>
				<label>
					{t("agency")}
					<input name="agency" />
				</label>
				<label>
					{t("task")}
					<input name="task" />
				</label>
				<label>
					{t("deadline")}
					<input name="deadline" type="date" />
				</label>
				<label>
					{t("reportTo")}
					<input name="reportTo" />
				</label>
			</fieldset>
		</>
	);
}

/** The decision the fields hold, as the API takes it (an assignment only when an agency is named). */
export function outcomeFromForm(form: FormData): {
	caseId: string;
	direction: string;
	conclusion: string;
	assignments: { agency: string; task: string; deadline: string; reportTo: string }[];
} {
	const value = (name: string) => String(form.get(name) ?? "").trim();
	const agency = value("agency");
	return {
		caseId: value("caseId"),
		direction: value("direction"),
		conclusion: value("conclusion"),
		assignments: agency
			? [{ agency, task: value("task"), deadline: value("deadline"), reportTo: value("reportTo") }]
			: [],
	};
}
