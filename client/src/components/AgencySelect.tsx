import type { AgencyView } from "../../../domain/api/register.js";
import { useApp, useLoad } from "../AppContext.js";
import type { List } from "../api/records.js";
import { type MessageKey, useI18n } from "../i18n/index.js";

/** The active agencies in the caller's scope (of one province when given), for a pick-list by id. */
export function useAgencies(provinceId?: string) {
	const { api } = useApp();
	const query = `active=true&limit=200${provinceId ? `&province=${provinceId}` : ""}`;
	return useLoad(() => api.get<List<AgencyView>>(`/api/agencies?${query}`), query);
}

/**
 * An agency chosen by its register id, grouped by province: a task or an assignment names one of the
 * province's agencies, never free text. Empty when none is chosen (no assignment; `empty` words it).
 * `only` narrows the choice (a duty slot: the agencies of one endpoint).
 */
export function AgencySelect({
	name = "agencyId",
	label = "agency",
	required,
	provinceId,
	only,
	empty = "agencyChoose",
}: {
	name?: string;
	label?: MessageKey;
	required?: boolean;
	provinceId?: string;
	only?: (agency: AgencyView) => boolean;
	empty?: MessageKey;
}) {
	const { t } = useI18n();
	const { endpoints } = useApp();
	const agencies = (useAgencies(provinceId).data?.items ?? []).filter((a) => !only || only(a));
	const provinces = [...new Set(agencies.map((a) => a.provinceId))];
	return (
		<label>
			{t(label)}
			<select name={name} required={required}>
				<option value="">{t(empty)}</option>
				{provinces.map((p) => (
					<optgroup key={p} label={endpoints.get(p)?.name ?? p}>
						{agencies
							.filter((a) => a.provinceId === p)
							.map((a) => (
								<option key={a.id} value={a.id}>
									{a.name}
								</option>
							))}
					</optgroup>
				))}
			</select>
		</label>
	);
}
