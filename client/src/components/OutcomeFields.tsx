import { HANDLING_DIRECTIONS } from "../../../domain/vocabulary.js";
import type { CaseView } from "../api/records.js";
import { useI18n } from "../i18n/index.js";
import { AgencySelect } from "./AgencySelect.js";
import { DayInput } from "./DayInput.js";

/**
 * The fields of one decision about a case: recorded during a session, or in a notice's correction.
 * An assignment (giao cơ quan) picks one of the register's agencies by id and becomes a followed task.
 * Bounded as the server bounds them (which also refuses a task deadline before the session's day);
 * cases already decided are marked.
 */
export function OutcomeFields({ cases, decided }: { cases: CaseView[]; decided?: ReadonlySet<string> }) {
	const { t } = useI18n();
	return (
		<>
			<label>
				{t("case")}
				<select name="caseId" required>
					{cases.map((c) => (
						<option key={c.id} value={c.id}>
							{c.summary}
							{decided?.has(c.id) ? ` (${t("decided")})` : ""}
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
				<textarea name="conclusion" rows={3} required maxLength={10_000} />
			</label>
			<fieldset>
				<legend>{t("assignment")}</legend>
				<AgencySelect />
				<label>
					{t("task")}
					<input name="task" maxLength={2000} />
				</label>
				<DayInput name="deadline" label="deadline" />
				<label>
					{t("reportTo")}
					<input name="reportTo" maxLength={300} />
				</label>
			</fieldset>
		</>
	);
}

/** The decision the fields hold, as the API takes it (an assignment only when an agency is chosen). */
export function outcomeFromForm(form: FormData): {
	caseId: string;
	direction: string;
	conclusion: string;
	assignments: { agencyId: string; task: string; deadline: string; reportTo: string }[];
} {
	const value = (name: string) => String(form.get(name) ?? "").trim();
	const agencyId = value("agencyId");
	return {
		caseId: value("caseId"),
		direction: value("direction"),
		conclusion: value("conclusion"),
		assignments: agencyId
			? [{ agencyId, task: value("task"), deadline: value("deadline"), reportTo: value("reportTo") }]
			: [],
	};
}
