import { can } from "../../../domain/permissions.js";
import { ENDPOINT_LEVELS } from "../../../domain/roles.js";
import { ENDPOINT_SUCCESSIONS } from "../../../domain/vocabulary.js";
import { useApp, useLoad } from "../AppContext.js";
import type { EndpointView, List } from "../api/records.js";
import { EditForm, fieldOf } from "../components/EditForm.js";
import { NamedOptions } from "../components/NamedOptions.js";
import { RecordTable } from "../components/RecordTable.js";
import { ancestryOf } from "../endpointTree.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { type FormEnds, useEditing } from "../useEditing.js";

const rank = (e: EndpointView) => ENDPOINT_LEVELS.indexOf(e.level);

/**
 * Điểm cầu và địa giới, across the 2025 reform: IT staff or the provincial office (whoever `can()`
 * lets write an endpoint) move a unit under a new parent, rename or deactivate it, and name its
 * successor (merged into, renamed as). Old records keep the names of their day.
 */
export function TopologyPage() {
	const { t } = useI18n();
	const { api, identity } = useApp();
	const list = useLoad(() => api.get<List<EndpointView>>("/api/endpoints?limit=200"), "topology");
	const { editing, setEditing, saved, ends } = useEditing<EndpointView>(() => list.reload());
	const all = list.data?.items ?? [];
	const byId = new Map(all.map((e) => [e.id, e]));
	const writable = (e: EndpointView) => can(identity, "write", { type: "endpoints", endpoints: [ancestryOf(e)] });
	// Tree order: each unit after its parent.
	const ordered = [...all].sort((a, b) =>
		ancestryOf(a)
			.reverse()
			.map((id) => byId.get(id)?.name ?? id)
			.join("/")
			.localeCompare(
				ancestryOf(b)
					.reverse()
					.map((id) => byId.get(id)?.name ?? id)
					.join("/"),
				"vi",
			),
	);
	const shown = ordered.filter((e) => writable(e) || (e.parentId !== null && writable(byId.get(e.parentId) ?? e)));

	return (
		<div class="stack" data-testid="topology-page">
			<h2>{t("topology")}</h2>
			<RecordTable
				testId="endpoints"
				columns={["endpoints", "topologyParent", "topologyActive", "topologySuccessor"]}
				actions
				error={list.error}
				savedNote={saved ? "topologySaved" : null}
			>
				{shown.map((e) => (
					<tr key={e.id} data-endpoint={e.code}>
						<td>
							{e.name} <span class="muted">({t(`level_${e.level}` as MessageKey)})</span>
						</td>
						<td>{e.parentId ? (byId.get(e.parentId)?.name ?? e.parentId) : "—"}</td>
						<td>{e.active ? t("topologyActive") : t("topologyInactive")}</td>
						<td>
							{e.successorId &&
								`${t(`successionKind_${e.successorKind ?? "merged"}` as MessageKey)} ${byId.get(e.successorId)?.name ?? e.successorId}`}
						</td>
						<td>
							{writable(e) && (
								<button type="button" class="secondary" onClick={() => setEditing(e)}>
									{t("topologyEdit")}
								</button>
							)}
						</td>
					</tr>
				))}
			</RecordTable>
			{editing && (
				<TopologyForm
					key={editing.id}
					endpoint={editing}
					parents={all.filter(
						(p) => rank(p) < rank(editing) && !p.ancestors.includes(editing.id) && p.active && writable(p),
					)}
					successors={all.filter((s) => s.id !== editing.id && s.active && !s.ancestors.includes(editing.id))}
					{...ends}
				/>
			)}
		</div>
	);
}

function TopologyForm({
	endpoint,
	parents,
	successors,
	onSaved,
	onCancel,
}: {
	endpoint: EndpointView;
	parents: readonly EndpointView[];
	successors: readonly EndpointView[];
} & FormEnds) {
	const { t } = useI18n();
	const { api } = useApp();
	const save = async (form: FormData) => {
		const value = fieldOf(form);
		const successorId = value("successorId") || null;
		const wanted: Record<string, unknown> = {
			name: value("name"),
			parentId: value("parentId") || endpoint.parentId,
			active: form.get("active") === "on",
			successorId,
			successorKind: successorId ? value("successorKind") : null,
		};
		// Only what changed: a move, a rename, a deactivation and a successor are each a revision's content.
		const changes = Object.fromEntries(
			Object.entries(wanted).filter(([k, v]) => v !== ((endpoint as Record<string, unknown>)[k] ?? null)),
		);
		if (Object.keys(changes).length > 0) {
			await api.patch(`/api/endpoints/${endpoint.id}`, { changes, expectedRev: endpoint.rev });
		}
		onSaved();
	};

	return (
		<EditForm label={t("topologyEdit")} testId="topology-form" onSubmit={save} onCancel={onCancel}>
			<h3>{endpoint.name}</h3>
			<label>
				{t("topologyName")}
				<input name="name" required maxLength={200} defaultValue={endpoint.name} />
			</label>
			{endpoint.parentId && (
				<label>
					{t("topologyParent")}
					<select name="parentId" defaultValue={endpoint.parentId}>
						<NamedOptions items={parents} />
					</select>
				</label>
			)}
			<label class="check">
				<input type="checkbox" name="active" defaultChecked={endpoint.active} />
				{t("topologyActive")}
			</label>
			<label>
				{t("topologySuccessor")}
				<select name="successorId" defaultValue={endpoint.successorId ?? ""}>
					<option value="">—</option>
					<NamedOptions items={successors} />
				</select>
			</label>
			<label>
				{t("topologySuccessorKind")}
				<select name="successorKind" defaultValue={endpoint.successorKind ?? "merged"}>
					{ENDPOINT_SUCCESSIONS.map((k) => (
						<option key={k} value={k}>
							{t(`successionKind_${k}` as MessageKey)}
						</option>
					))}
				</select>
			</label>
		</EditForm>
	);
}
