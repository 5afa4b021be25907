import { HANDLING_DIRECTIONS } from "../../../domain/vocabulary.js";
import type { CaseView } from "../api/records.js";
import { useI18n } from "../i18n/index.js";

/** The session's calendar day in Vietnam, `yyyy-mm-dd`, `addYears` later: a date input's bounds. */
export function vietnamDay(iso: string, addYears = 0): string {
	const day = new Date(new Date(iso).getTime() + 7 * 3_600_000);
	day.setUTCFullYear(day.getUTCFullYear() + addYears);
	return day.toISOString().slice(0, 10);
}

/**
 * The fields of one decision about a case: recorded during a session, or in a notice's correction.
 * Bounded as the server bounds them; a task's deadline falls between the session's day and three
 * years after it; cases already decided are marked.
 */
export function OutcomeFields({
	cases,
	decided,
	sessionStart,
}: {
	cases: CaseView[];
	decided?: ReadonlySet<string>;
	sessionStart?: string;
}) {
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
				<label>
					{t("agency")}
					<input name="agency" maxLength={300} />
				</label>
				<label>
					{t("task")}
					<input name="task" maxLength={2000} />
				</label>
				<label>
					{t("deadline")}
					<input
						name="deadline"
						type="date"
						min={sessionStart ? vietnamDay(sessionStart) : undefined}
						max={sessionStart ? vietnamDay(sessionStart, 3) : undefined}
					/>
				</label>
				<label>
					{t("reportTo")}
					<input name="reportTo" maxLength={300} />
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
