import { type MessageKey, useI18n } from "../i18n/index.js";

/** A day typed as officials write it, dd/mm/yyyy (read back with `isoDay`). */
export function DayInput({ name, label, required }: { name: string; label: MessageKey; required?: boolean }) {
	const { t } = useI18n();
	return (
		<label>
			{t(label)}
			<input
				name={name}
				required={required}
				inputMode="numeric"
				placeholder="dd/mm/yyyy"
				pattern="\d{1,2}/\d{1,2}/\d{4}"
				title={t("dateFormatHint")}
				maxLength={10}
			/>
		</label>
	);
}
