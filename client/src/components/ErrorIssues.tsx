import { ApiError } from "../api/ApiClient.js";
import { errorText } from "../errorText.js";
import { useI18n } from "../i18n/index.js";

/** A refusal in the reader's language, with each field the server named and why. */
export function ErrorIssues({ error }: { error: unknown }) {
	const { t } = useI18n();
	const issues =
		error instanceof ApiError ? (error.issues.length > 0 ? error.issues : [{ path: "", message: error.message }]) : [];
	return (
		<div role="alert" class="error">
			<p>{errorText(t, error)}</p>
			{issues.length > 0 && (
				<ul>
					{issues.map((i) => (
						<li key={i.path}>
							{i.path && <code>{i.path}</code>} {i.message}
						</li>
					))}
				</ul>
			)}
		</div>
	);
}
