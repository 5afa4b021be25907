import { useState } from "preact/hooks";
import type { AgencyView } from "../../../domain/api/register.js";
import { can } from "../../../domain/permissions.js";
import { AGENCY_KINDS, REGISTER_TEXT_LIMITS as L } from "../../../domain/register.js";
import { useApp, useLoad } from "../AppContext.js";
import type { List } from "../api/records.js";
import { EditForm, fieldOf } from "../components/EditForm.js";
import { EndpointSelect } from "../components/EndpointSelect.js";
import { RecordTable } from "../components/RecordTable.js";
import { ancestryOf, provinceOf } from "../endpointTree.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { type FormEnds, useEditing } from "../useEditing.js";

type Contact = AgencyView["contacts"][number];

/** "Trần Văn Sáu; Chánh Văn phòng; 0258 3822 000; vp@khanhhoa.gov.vn", one contact a line. */
const contactLine = (c: Contact) =>
	[c.name, c.title ?? "", c.phone ?? "", c.email ?? ""].join("; ").replace(/(; )+$/, "");
function contactsFrom(text: string): Contact[] {
	return text
		.split("\n")
		.map((line) => line.split(";").map((part) => part.trim()))
		.filter(([name]) => name)
		.map(([name = "", title, phone, email]) => ({
			name,
			...(title ? { title } : {}),
			...(phone ? { phone } : {}),
			...(email ? { email } : {}),
		}));
}

/**
 * Cơ quan được giao: the agencies of a province (Sở, ban, ngành, UBND xã, police) with their contacts,
 * which tasks and outcome assignments name by id. The province's secretariat and the central office
 * add and edit them; others with the right read them.
 */
export function AgenciesPage() {
	const { t } = useI18n();
	const { api, endpoints, identity } = useApp();
	const provinces = [...endpoints.values()].filter(
		(e) => e.level === "province" && can(identity, "read", { type: "agencies", endpoints: [ancestryOf(e)] }),
	);
	const [province, setProvince] = useState(provinceOf(endpoints, identity.endpointId)?.id ?? provinces[0]?.id ?? "");
	const list = useLoad(
		() => api.get<List<AgencyView>>(`/api/agencies?province=${province}&limit=200`),
		`agencies/${province}`,
	);
	const { editing, setEditing, saved, ends } = useEditing<AgencyView | "new">(() => list.reload());
	const provinceEndpoint = endpoints.get(province);
	const writes =
		provinceEndpoint !== undefined &&
		can(identity, "write", { type: "agencies", endpoints: [ancestryOf(provinceEndpoint)] });
	const communes = [...endpoints.values()].filter((e) => e.level === "commune" && e.ancestors.includes(province));
	const name = (id?: string) => (id ? (endpoints.get(id)?.name ?? id) : "");

	return (
		<div class="stack" data-testid="agencies-page">
			<h2>{t("agencies")}</h2>
			<div class="card filters">
				<EndpointSelect label="taskProvince" endpoints={provinces} value={province} onChange={setProvince} />
			</div>
			<RecordTable
				testId="agencies"
				columns={["agencyName", "agencyKind", "agencyCommune", "agencyContacts", "agencyActive"]}
				actions={writes}
				error={list.error}
				savedNote={saved ? "agencySaved" : null}
			>
				{(list.data?.items ?? []).map((a) => (
					<tr key={a.id}>
						<td>{a.name}</td>
						<td>{t(`agencyKind_${a.kind}` as MessageKey)}</td>
						<td>{name(a.communeId)}</td>
						<td>
							{a.contacts.map((c) => (
								<div key={contactLine(c)}>{contactLine(c)}</div>
							))}
						</td>
						<td>{a.active ? t("agencyActive") : t("agencyInactive")}</td>
						{writes && (
							<td>
								<button type="button" class="secondary" onClick={() => setEditing(a)}>
									{t("agencyEdit")}
								</button>
							</td>
						)}
					</tr>
				))}
			</RecordTable>
			{writes && editing === null && (
				<p>
					<button type="button" onClick={() => setEditing("new")}>
						{t("agencyNew")}
					</button>
				</p>
			)}
			{writes && editing !== null && (
				<AgencyForm
					key={editing === "new" ? "new" : editing.id}
					provinceId={province}
					initial={editing === "new" ? null : editing}
					communes={communes}
					{...ends}
				/>
			)}
		</div>
	);
}

function AgencyForm({
	provinceId,
	initial,
	communes,
	onSaved,
	onCancel,
}: {
	provinceId: string;
	initial: AgencyView | null;
	communes: readonly { id: string; name: string }[];
} & FormEnds) {
	const { t } = useI18n();
	const { api } = useApp();
	const save = async (form: FormData) => {
		const value = fieldOf(form);
		const fields = {
			name: value("name"),
			kind: value("kind"),
			...(value("communeId") ? { communeId: value("communeId") } : {}),
			contacts: contactsFrom(value("contacts")),
			active: form.get("active") === "on",
		};
		if (initial) await api.patch(`/api/agencies/${initial.id}`, { changes: fields, expectedRev: initial.rev });
		else await api.post("/api/agencies", { ...fields, provinceId });
		onSaved();
	};

	return (
		<EditForm label={initial ? t("agencyEdit") : t("agencyNew")} onSubmit={save} onCancel={onCancel}>
			<label>
				{t("agencyName")}
				<input name="name" required maxLength={L.short} defaultValue={initial?.name} />
			</label>
			<label>
				{t("agencyKind")}
				<select name="kind" defaultValue={initial?.kind ?? "department"}>
					{AGENCY_KINDS.map((k) => (
						<option key={k} value={k}>
							{t(`agencyKind_${k}` as MessageKey)}
						</option>
					))}
				</select>
			</label>
			<label>
				{t("agencyCommune")}
				<select name="communeId" defaultValue={initial?.communeId ?? ""}>
					<option value="">—</option>
					{communes.map((c) => (
						<option key={c.id} value={c.id}>
							{c.name}
						</option>
					))}
				</select>
			</label>
			<label>
				{t("agencyContacts")}
				<textarea name="contacts" rows={3} defaultValue={(initial?.contacts ?? []).map(contactLine).join("\n")} />
			</label>
			<label class="check">
				<input type="checkbox" name="active" defaultChecked={initial?.active ?? true} />
				{t("agencyActive")}
			</label>
		</EditForm>
	);
}
