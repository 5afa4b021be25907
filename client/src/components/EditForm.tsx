import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { useI18n } from "../i18n/index.js";
import { ErrorIssues } from "./ErrorIssues.js";

/** A form field's trimmed text ("" when absent). */
export const fieldOf = (form: FormData) => (name: string) => String(form.get(name) ?? "").trim();

/**
 * A record's add or edit form: `onSubmit` gets the form's data and writes it; a refusal is shown in
 * the reader's language, naming each refused field; Lưu and Hủy bỏ below the fields.
 */
export function EditForm({
	label,
	testId,
	onSubmit,
	onCancel,
	children,
}: {
	label: string;
	testId?: string;
	onSubmit(form: FormData): Promise<void>;
	onCancel(): void;
	children: ComponentChildren;
}) {
	const { t } = useI18n();
	const [error, setError] = useState<unknown>(null);
	const submit = async (event: Event) => {
		event.preventDefault();
		setError(null);
		try {
			await onSubmit(new FormData(event.currentTarget as HTMLFormElement));
		} catch (err) {
			setError(err);
		}
	};
	return (
		<form class="card stack" onSubmit={submit} aria-label={label} data-testid={testId}>
			{children}
			{error !== null && <ErrorIssues error={error} />}
			<p class="actions">
				<button type="submit">{t("save")}</button>
				<button type="button" class="secondary" onClick={onCancel}>
					{t("cancel")}
				</button>
			</p>
		</form>
	);
}
