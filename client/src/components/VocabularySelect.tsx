import { type MessageKey, useI18n } from "../i18n/index.js";

/** A labelled choice among a vocabulary's values, each worded by `<prefix>_<value>`; "any" for a filter. */
export function VocabularySelect({
	label,
	values,
	prefix,
	value,
	onChange,
	any,
}: {
	label: MessageKey;
	values: readonly string[];
	prefix: string;
	value: string;
	onChange(value: string): void;
	any?: boolean;
}) {
	const { t } = useI18n();
	return (
		<label>
			{t(label)}
			<select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
				{any && <option value="">{t("anyValue")}</option>}
				{values.map((v) => (
					<option key={v} value={v}>
						{t(`${prefix}_${v}` as MessageKey)}
					</option>
				))}
			</select>
		</label>
	);
}
