import { type MessageKey, useI18n } from "../i18n/index.js";
import { DayField } from "./DateFields.js";

/** A labelled day, typed as officials write it (dd/mm/yyyy); the form reads it as the API takes it (yyyy-mm-dd). */
export function DayInput({ name, label, required }: { name: string; label: MessageKey; required?: boolean }) {
	const { t } = useI18n();
	return (
		<label>
			{t(label)}
			<DayField name={name} {...(required ? { required } : {})} />
		</label>
	);
}
