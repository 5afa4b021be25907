import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { dayText } from "../pages/DutyRoster.js";

export interface PeakPeriodOption {
	id: string;
	name: string;
	from: string;
	to: string;
}

/** The peak periods the user may see (none for a role that reads no duty). */
export function usePeakPeriods(): PeakPeriodOption[] {
	const { api, identity } = useApp();
	const { data } = useLoad(
		() =>
			can(identity, "read", { type: "duty" })
				? api.get<{ items: PeakPeriodOption[] }>("/api/duty/periods")
				: Promise.resolve({ items: [] }),
		"peak-periods",
	);
	return data?.items ?? [];
}

/** Chooses a peak period to list what was made in it (`?peakPeriod=`); shown only when there is one. */
export function PeakPeriodSelect({
	periods,
	value,
	onChange,
}: {
	periods: readonly PeakPeriodOption[];
	value?: string;
	onChange?: (id: string) => void;
}) {
	const { t } = useI18n();
	if (periods.length === 0) return null;
	return (
		<label>
			{t("peakPeriod")}
			<select
				name="peakPeriod"
				{...(value === undefined ? {} : { value })}
				onChange={(e) => onChange?.(e.currentTarget.value)}
			>
				<option value="">{t("anyValue")}</option>
				{periods.map((p) => (
					<option key={p.id} value={p.id}>
						{p.name} ({dayText(p.from)} – {dayText(p.to)})
					</option>
				))}
			</select>
		</label>
	);
}

/** A badge for each peak period a listed case or session belongs to. */
export function PeakPeriodBadges({ ids, periods }: { ids?: readonly string[]; periods: readonly PeakPeriodOption[] }) {
	const { t } = useI18n();
	const named = (ids ?? []).map((id) => periods.find((p) => p.id === id)).filter((p) => p !== undefined);
	return (
		<>
			{named.map((p) => (
				<span
					key={p.id}
					class="tag peak-period"
					data-testid="peak-period-badge"
					title={fill(t("peakPeriodOf"), { name: p.name })}
				>
					{p.name}
				</span>
			))}
		</>
	);
}
