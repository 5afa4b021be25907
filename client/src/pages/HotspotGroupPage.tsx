import { useState } from "preact/hooks";
import type { WorkingGroupView } from "../../../domain/api/hotspots.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { DayField } from "../components/DateFields.js";
import { ErrorIssues } from "../components/ErrorIssues.js";
import { type GroupMember, MembersEditor } from "../components/MembersEditor.js";
import { dayInput } from "../components/WatchForm.js";
import { formatDate } from "../format.js";
import { useHotspotChanges } from "../hotspots/useHotspotChanges.js";
import { useI18n } from "../i18n/index.js";

/** One working group: who, where, for which cases, and the people received, persuaded and brought home. */
export function HotspotGroupPage({ groupId }: { groupId: string }) {
	const { t, language } = useI18n();
	const { api, identity, endpoints } = useApp();
	const group = useLoad(() => api.get<WorkingGroupView>(`/api/hotspots/groups/${groupId}`), `g-${groupId}`);
	useHotspotChanges((change) => change.groupId === groupId && group.reload());
	const [error, setError] = useState<unknown>(null);
	const [members, setMembers] = useState<GroupMember[] | null>(null);
	if (group.error) return <ErrorIssues error={group.error} />;
	const g = group.data;
	if (!g) return <p aria-busy="true">{t("loading")}</p>;
	const mayWrite = can(identity, "write", { type: "workgroups" }) && g.status === "deployed";

	const change = async (changes: Record<string, unknown>) => {
		setError(null);
		try {
			await api.patch(`/api/hotspots/groups/${groupId}`, { changes, expectedRev: g.rev });
			group.reload();
		} catch (err) {
			setError(err);
		}
	};
	const record = (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const count = Number(form.get("count") || 0);
		return change({
			received: Number(form.get("received")),
			persuaded: Number(form.get("persuaded")),
			...(count > 0 ? { returns: [...g.returns, { count, at: dayInput(String(form.get("at"))) }] } : {}),
		});
	};

	return (
		<div class="stack" data-testid="group-detail">
			<h2>
				{t("hotspotGroups")} — {g.decision.number}
			</h2>
			<dl class="facts">
				<dt>{t("hotspotStatus")}</dt>
				<dd>
					{t(`groupStatus_${g.status}`)}
					{g.pastDeadline && <span class="tag overdue">{t("hotspotPastDeadline")}</span>}
				</dd>
				<dt>{t("province")}</dt>
				<dd>{endpoints.get(g.provinceId)?.name ?? g.provinceId}</dd>
				<dt>{t("hotspotDecision")}</dt>
				<dd>
					{g.decision.number}, {formatDate(g.decision.date, language)} — {g.decision.issuer}
				</dd>
				<dt>{t("hotspotDeployedTo")}</dt>
				<dd>
					{g.deployment.place} ({t(`city_${g.deployment.city}`)}), {formatDate(g.deployment.from, language)}
				</dd>
				{g.policeLiaison && (
					<>
						<dt>{t("hotspotPolice")}</dt>
						<dd>
							{g.policeLiaison.unit}
							{g.policeLiaison.officerName ? ` — ${g.policeLiaison.officerName}` : ""}
							{g.policeLiaison.phone ? ` — ${g.policeLiaison.phone}` : ""}
						</dd>
					</>
				)}
				<dt>{t("hotspotReturnDeadline")}</dt>
				<dd>{formatDate(g.returnDeadline, language)}</dd>
				<dt>{t("hotspotReceived")}</dt>
				<dd>{g.received}</dd>
				<dt>{t("hotspotPersuaded")}</dt>
				<dd>{g.persuaded}</dd>
				<dt>{t("hotspotReturned")}</dt>
				<dd>
					{g.returned} ({g.returns.map((r) => `${r.count}: ${formatDate(r.at, language)}`).join("; ")})
				</dd>
				<dt>{t("hotspotNotReturned")}</dt>
				<dd>{g.notReturned}</dd>
			</dl>
			{mayWrite ? (
				<form
					class="card stack"
					aria-label={t("hotspotMembersSave")}
					onSubmit={(event) => {
						event.preventDefault();
						return change({ members: members ?? g.members });
					}}
				>
					<MembersEditor key={`members-${g.rev}`} initial={g.members} onChange={setMembers} />
					<p>
						<button type="submit">{t("hotspotMembersSave")}</button>
					</p>
				</form>
			) : (
				<table data-testid="group-members">
					<thead>
						<tr>
							<th scope="col">{t("hotspotMemberName")}</th>
							<th scope="col">{t("hotspotMemberPosition")}</th>
							<th scope="col">{t("hotspotMemberAuthority")}</th>
						</tr>
					</thead>
					<tbody>
						{g.members.map((m) => (
							<tr key={m.fullName}>
								<td>{m.fullName}</td>
								<td>{m.position}</td>
								<td>{m.authority}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
			{mayWrite && (
				<form class="card stack" onSubmit={record} aria-label={t("hotspotRecordReturn")}>
					<label>
						{t("hotspotReceived")}
						<input name="received" type="number" min={0} defaultValue={String(g.received)} />
					</label>
					<label>
						{t("hotspotPersuaded")}
						<input name="persuaded" type="number" min={0} defaultValue={String(g.persuaded)} />
					</label>
					<label>
						{t("hotspotReturnCount")}
						<input name="count" type="number" min={0} />
					</label>
					<label>
						{t("hotspotReturnAt")}
						<DayField name="at" defaultValue={new Date().toISOString().slice(0, 10)} />
					</label>
					<p class="actions">
						<button type="submit">{t("hotspotRecordReturn")}</button>
						<button type="button" class="secondary" onClick={() => change({ status: "completed" })}>
							{t("hotspotComplete")}
						</button>
					</p>
				</form>
			)}
			{error !== null && <ErrorIssues error={error} />}
		</div>
	);
}
