import { useState } from "preact/hooks";
import { useApp, useLoad } from "../AppContext.js";
import { MonthField } from "../components/DateFields.js";
import { errorText } from "../errorText.js";
import { formatDate } from "../format.js";
import { useI18n } from "../i18n/index.js";

interface ComplianceRowView {
	endpointId: string;
	endpointName: string;
	leader: { id: string; name: string; positionTitle?: string };
	period: { label: string; from: string; to: string };
	required: number;
	held: number;
	status: "held" | "missed" | "open";
	basis: string;
	verified: boolean;
}

/** The first instant of a month ("2026-11") in Vietnam's time. */
const monthStart = (month: string) => new Date(`${month}-01T00:00:00+07:00`);
const thisMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
function addMonths(month: string, n: number): string {
	const [y, m] = month.split("-").map(Number) as [number, number];
	const d = new Date(Date.UTC(y, m - 1 + n, 1));
	return d.toISOString().slice(0, 7);
}

/** For the inspectorate: heads whose required periodic reception did not take place, per unit and period. */
export function CompliancePage() {
	const i18n = useI18n();
	const { t } = i18n;
	const { api } = useApp();
	const [range, setRange] = useState({
		from: addMonths(thisMonth(), -3),
		to: addMonths(thisMonth(), -1),
		missed: true,
	});
	const report = useLoad(
		() =>
			api.get<{ items: ComplianceRowView[] }>(
				`/api/compliance?from=${monthStart(range.from).toISOString()}&to=${monthStart(addMonths(range.to, 1)).toISOString()}${range.missed ? "&status=missed" : ""}`,
			),
		`compliance-${range.from}-${range.to}-${range.missed}`,
	);
	const submit = (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		setRange({ from: String(form.get("from")), to: String(form.get("to")), missed: form.get("missed") === "on" });
	};
	const rows = report.data?.items ?? [];
	return (
		<div class="stack" data-testid="compliance">
			<h2>{t("compliance")}</h2>
			<form class="card row" onSubmit={submit}>
				<label>
					{t("complianceFrom")}
					<MonthField name="from" defaultValue={range.from} required />
				</label>
				<label>
					{t("complianceTo")}
					<MonthField name="to" defaultValue={range.to} required />
				</label>
				<label class="inline">
					<input type="checkbox" name="missed" checked={range.missed} /> {t("complianceOnlyMissed")}
				</label>
				<button type="submit">{t("archiveSearch")}</button>
			</form>
			{report.error !== null && (
				<p role="alert" class="error">
					{errorText(i18n, report.error)}
				</p>
			)}
			{report.data && rows.length === 0 && <p class="muted">{t("complianceNone")}</p>}
			{rows.length > 0 && (
				<table data-testid="compliance-rows">
					<thead>
						<tr>
							<th scope="col">{t("complianceUnit")}</th>
							<th scope="col">{t("complianceLeader")}</th>
							<th scope="col">{t("compliancePeriod")}</th>
							<th scope="col">{t("complianceHeld")}</th>
							<th scope="col">{t("complianceStatus")}</th>
							<th scope="col">{t("complianceBasis")}</th>
						</tr>
					</thead>
					<tbody>
						{rows.map((r) => (
							<tr key={`${r.leader.id}-${r.period.from}`} class={r.status === "missed" ? "warning" : ""}>
								<td>{r.endpointName}</td>
								<td>
									{r.leader.name}
									{r.leader.positionTitle ? `, ${r.leader.positionTitle}` : ""}
								</td>
								<td>
									{r.period.label} ({formatDate(r.period.from)} –{" "}
									{formatDate(new Date(new Date(r.period.to).getTime() - 1))})
								</td>
								<td>
									{r.held} / {r.required}
								</td>
								<td>{t(`complianceStatus_${r.status}`)}</td>
								<td>
									{r.basis} {!r.verified && <em>{t("complianceUnverified")}</em>}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</div>
	);
}
