import { useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { canTransition, nextStep } from "../../../domain/sessionLifecycle.js";
import { useApp } from "../AppContext.js";
import type { SessionStatus, SessionView } from "../api/records.js";
import { errorText } from "../errorText.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { ConfirmButton } from "./ConfirmButton.js";

/** The secretariat, the chair and the central office step a session through its lifecycle. */
export function SessionLifecycle({ session, onChanged }: { session: SessionView; onChanged: () => void }) {
	const i18n = useI18n();
	const { t } = i18n;
	const { api, identity } = useApp();
	const [error, setError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);
	// A chair steps only the sessions they preside: for any other, the buttons would only be refused.
	const mayStep = can(identity, "transition", { type: "sessions", session });
	if (!mayStep) return null;
	const next = nextStep(session.status);
	const concludes =
		canTransition(session.status, "concluded") && can(identity, "conclude", { type: "sessions", session });
	if (!next && !concludes) return null;

	const step = async (to: SessionStatus, extra: Record<string, unknown> = {}) => {
		setBusy(true);
		try {
			await api.post(`/api/sessions/${session.id}/transitions`, { to, expectedRev: session.rev, ...extra });
			setError(null);
			onChanged();
		} catch (err) {
			setError(errorText(i18n, err));
		} finally {
			setBusy(false);
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
				number: String(form.get("number")).trim(),
				recipients: lines("recipients"),
				...(others.length > 0 ? { otherParticipants: others } : {}),
			},
		});
	};

	return (
		<div class="card stack" data-testid="lifecycle">
			{next === "ended" ? (
				<ConfirmButton
					class="danger"
					title={t("endSessionConfirm")}
					body={t("endSessionRecordConfirmBody")}
					confirmLabel={t("endSession")}
					onConfirm={() => void step("ended")}
				>
					{t("step_ended")}
				</ConfirmButton>
			) : (
				next && (
					<button type="button" disabled={busy} onClick={() => step(next)}>
						{t(`step_${next}` as MessageKey)}
					</button>
				)
			)}
			{concludes && (
				<form class="stack" onSubmit={conclude}>
					<label>
						{t("noticeNumber")}
						<input name="number" required maxLength={50} />
					</label>
					<label>
						{t("noticeOtherParticipants")}
						<textarea name="otherParticipants" rows={2} maxLength={3000} />
					</label>
					<label>
						{t("noticeRecipients")}
						<textarea name="recipients" rows={3} maxLength={3000} />
					</label>
					<button type="submit" disabled={busy}>
						{t("step_concluded")}
					</button>
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
