import type { EndpointView } from "../api/records.js";
import { type MessageKey, useI18n } from "../i18n/index.js";

/** A labelled choice of endpoints by name; `empty` words the "none chosen" option when there is one. */
export function EndpointSelect({
	label,
	endpoints,
	value,
	onChange,
	empty,
}: {
	label: MessageKey;
	endpoints: readonly EndpointView[];
	value: string;
	onChange(id: string): void;
	empty?: MessageKey | "—";
}) {
	const { t } = useI18n();
	return (
		<label>
			{t(label)}
			<select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
				{empty && <option value="">{empty === "—" ? "—" : t(empty)}</option>}
				{endpoints.map((e) => (
					<option key={e.id} value={e.id}>
						{e.name}
					</option>
				))}
			</select>
		</label>
	);
}
