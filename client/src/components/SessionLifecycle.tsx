import { useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { canTransition, nextStep } from "../../../domain/sessionLifecycle.js";
import { useApp } from "../AppContext.js";
import type { SessionStatus, SessionView } from "../api/records.js";
import { useI18n } from "../i18n/index.js";

/** The secretariat, the chair and the central office step a session through its lifecycle. */
export function SessionLifecycle({ session, onChanged }: { session: SessionView; onChanged: () => void }) {
	const { t } = useI18n();
	const { api, identity } = useApp();
	const [error, setError] = useState<string | null>(null);
	if (!can(identity, "transition", { type: "sessions" })) return null;
	const next = nextStep(session.status);

	const step = async (to: SessionStatus, extra: Record<string, unknown> = {}) => {
		try {
			await api.post(`/api/sessions/${session.id}/transitions`, { to, expectedRev: session.rev, ...extra });
			setError(null);
			onChanged();
		} catch (err) {
			setError((err as Error).message);
		}
	};

	const conclude = (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const lines = (name: string) =>
			String(form.get(name) ?? "")
				.split("\n")
				.map((r) => r.trim())
				.filter(Boolean);
		const others = lines("otherParticipants");
		void step("concluded", {
			notice: {
				number: String(form.get("number")),
				recipients: lines("recipients"),
				...(others.length > 0 ? { otherParticipants: others } : {}),
			},
		});
	};

	return (
		<div class="card stack">
			{next && (
				<button type="button" onClick={() => step(next)}>
					{t(`step_${next}` as never)}
				</button>
			)}
			{canTransition(session.status, "concluded") && can(identity, "conclude", { type: "sessions" }) && (
				<form class="stack" onSubmit={conclude}>
					<label>
						{t("noticeNumber")}
						<input name="number" required />
					</label>
					<label>
						{t("noticeOtherParticipants")}
						<textarea name="otherParticipants" rows={2} />
					</label>
					<label>
						{t("noticeRecipients")}
						<textarea name="recipients" rows={3} />
					</label>
					<button type="submit">{t("step_concluded")}</button>
				</form>
			)}
			{error && (
				<p role="alert" class="error">
					{error}
				</p>
			)}
		</div>
	);
}
