import { errorText } from "../errorText.js";
import { useI18n } from "../i18n/index.js";

/** A refusal in the reader's language, naming each field the server refused and why. */
export function ErrorIssues({ error }: { error: unknown }) {
	const i18n = useI18n();
	return (
		<p role="alert" class="error">
			{errorText(i18n, error)}
		</p>
	);
}
