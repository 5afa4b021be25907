import { errorText } from "../errorText.js";
import { useI18n } from "../i18n/index.js";

/**
 * Why a part of a page shows nothing: "not allowed to see" is never shown as "nothing there", and a
 * failure says what failed, in the reader's language.
 */
export function Unavailable({ error, forbidden }: { error: unknown; forbidden?: boolean }) {
	const i18n = useI18n();
	const notAllowed = forbidden || (error as { code?: string } | null)?.code === "FORBIDDEN";
	return (
		<p role={notAllowed ? "note" : "alert"} class={notAllowed ? "muted not-allowed" : "error"}>
			{notAllowed ? i18n.t("notAllowedToSee") : errorText(i18n, error)}
		</p>
	);
}
