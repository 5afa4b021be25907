import type { CaseView } from "../../../domain/api/register.js";
import { useApp } from "../AppContext.js";
import { useWriteKey } from "../api/writeKey.js";
import { CaseForm } from "../components/CaseForm.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";

/** Entering a case, during a session (`?session=`) or outside one; the register number comes back. */
export function RegisterEntryPage() {
	const { t } = useI18n();
	const { api } = useApp();
	const sessionId = new URLSearchParams(location.search).get("session") ?? undefined;
	const saveKey = useWriteKey();
	return (
		<div class="stack">
			<h2>{sessionId ? t("registerNewInSession") : t("registerNew")}</h2>
			<CaseForm
				sessionId={sessionId}
				onSubmit={async (body) => {
					const created = await api.post<CaseView>("/api/cases", body, saveKey.current).catch((err: unknown) => {
						saveKey.settle(err);
						throw err;
					});
					navigate(`/register/${created.id}`);
				}}
			/>
		</div>
	);
}
