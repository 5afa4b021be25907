import { useState } from "preact/hooks";
import type { IssuedNoticeView } from "../../../domain/api/sessions.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import type { CaseView, SessionView } from "../api/records.js";
import { errorText } from "../errorText.js";
import { formatDateTime } from "../format.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { openWithToken } from "../openWithToken.js";
import { OutcomeFields, outcomeFromForm } from "./OutcomeFields.js";

/**
 * A concluded session's issued notices: every version, downloadable as issued (with its hash), and
 * for the chair and the secretariat a correction, which issues the next version.
 */
export function NoticePanel({ session, onChanged }: { session: SessionView; onChanged: () => void }) {
	const i18n = useI18n();
	const { t, language } = i18n;
	const { api, identity } = useApp();
	const versions = useLoad(
		() => api.get<{ items: IssuedNoticeView[] }>(`/api/sessions/${session.id}/notices`),
		`n-${session.id}-${session.rev}`,
	);
	const cases = useLoad(
		() => Promise.all(session.caseIds.map((id) => api.get<CaseView>(`/api/cases/${id}`))),
		`nc-${session.id}`,
	);
	const [message, setMessage] = useState<string | null>(null);
	const items = versions.data?.items ?? [];
	if (items.length === 0) return null;
	const last = items[items.length - 1];

	const correct = async (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const { assignments, ...decision } = outcomeFromForm(form);
		try {
			await api.post(`/api/sessions/${session.id}/notices/corrections`, {
				reason: String(form.get("reason") ?? "").trim(),
				expectedVersion: last?.version,
				outcomes: [{ ...decision, ...(assignments.length > 0 ? { assignments } : {}) }],
			});
			setMessage(fill(t("noticeIssued"), { version: (last?.version ?? 0) + 1 }));
			onChanged();
		} catch (err) {
			setMessage(errorText(i18n, err));
		}
	};

	return (
		<section class="card stack" aria-labelledby="notices-title" data-testid="notices">
			<h3 id="notices-title">{t("noticeVersions")}</h3>
			<ul>
				{items.map((v) => (
					<li key={v.version}>
						<a
							href={`/api/sessions/${session.id}/notices/${v.version}.pdf`}
							onClick={(e) =>
								openWithToken(
									e,
									api.accessToken,
									`/api/sessions/${session.id}/notices/${v.version}.pdf`,
									`thong-bao-ket-luan-v${v.version}.pdf`,
								)
							}
						>
							{fill(t("noticeVersion"), {
								version: v.version,
								number: v.number,
								date: formatDateTime(v.issuedAt, language),
							})}
						</a>
						{v.replaces?.version &&
							` — ${fill(t("noticeReplaces"), { version: v.replaces.version, reason: v.reason ?? "" })}`}
						<br />
						<small class="muted">
							{t("noticeSha")}: <code>{v.sha256}</code>
						</small>
					</li>
				))}
			</ul>
			{can(identity, "conclude", { type: "sessions" }) && (
				<details>
					<summary>{t("noticeCorrect")}</summary>
					<form class="stack" onSubmit={correct}>
						<p class="muted">{t("noticeCorrectionHint")}</p>
						<label>
							{t("noticeCorrectionReason")}
							<input name="reason" required minLength={3} />
						</label>
						<OutcomeFields cases={cases.data ?? []} />
						{message && <p role="status">{message}</p>}
						<button type="submit">{t("noticeCorrectionSubmit")}</button>
					</form>
				</details>
			)}
		</section>
	);
}
