import { useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { ATTACHMENT_MAX_BYTES } from "../../../domain/sessions.js";
import { useApp, useLoad } from "../AppContext.js";
import type { SessionView } from "../api/records.js";
import { errorText } from "../errorText.js";
import { formatNumber } from "../format.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { openWithToken } from "../openWithToken.js";
import { navigate } from "../router.js";

interface PersonView {
	id: string;
	name: string;
	positionTitle?: string;
}

interface PresidingView {
	chair: PersonView;
	coChairs: PersonView[];
	delegatedFrom?: PersonView;
	reason?: string;
}

interface AttachmentView {
	id: string;
	name: string;
	mediaType: string;
	size: number;
	sha256: string;
}

const PLANNING = ["scheduled", "open"];

/**
 * What was planned beyond the basics: co-chairs, a delegation, invited agencies and the attached
 * documents; the chair (or secretariat) delegates here, the secretariat attaches and edits.
 */
export function SessionPlanPanel({ session, onChanged }: { session: SessionView; onChanged: () => void }) {
	const i18n = useI18n();
	const { t, language } = i18n;
	const { api, identity } = useApp();
	const [message, setMessage] = useState<string | null>(null);
	const readsCases = can(identity, "read", { type: "cases" });
	const attachments = useLoad(
		() =>
			readsCases
				? api.get<{ items: AttachmentView[] }>(`/api/sessions/${session.id}/attachments`)
				: Promise.resolve({ items: [] }),
		`att-${session.id}-${session.rev}`,
	);
	const mayDelegate = can(identity, "delegate", { type: "sessions", session }) && PLANNING.includes(session.status);
	const presiding = useLoad(
		() => api.get<PresidingView>(`/api/sessions/${session.id}/presiding`),
		`presiding-${session.id}-${session.rev}`,
	);
	const candidates = useLoad(
		() =>
			mayDelegate
				? api.get<{ items: PersonView[] }>(`/api/sessions/${session.id}/delegation/candidates`)
				: Promise.resolve({ items: [] }),
		`deputies-${session.id}-${session.rev}`,
	);
	const deputies = candidates.data?.items ?? [];
	const who = (p: PersonView) => `${p.name}${p.positionTitle ? `, ${p.positionTitle}` : ""}`;
	const mayPlan = can(identity, "write", { type: "sessions" }) && PLANNING.includes(session.status);

	const act = async (work: () => Promise<unknown>, done?: string) => {
		try {
			await work();
			setMessage(done ?? null);
			onChanged();
			attachments.reload();
		} catch (err) {
			setMessage(errorText(i18n, err));
		}
	};
	const delegate = (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		void act(() =>
			api.post(`/api/sessions/${session.id}/delegation`, {
				toUserId: String(form.get("toUserId")),
				reason: String(form.get("reason") ?? "").trim(),
			}),
		);
	};
	const upload = (event: Event) => {
		const input = event.currentTarget as HTMLInputElement;
		const file = input.files?.[0];
		if (!file) return;
		void act(
			async () => {
				const res = await fetch(`/api/sessions/${session.id}/attachments?name=${encodeURIComponent(file.name)}`, {
					method: "POST",
					headers: { authorization: `Bearer ${api.accessToken}`, "content-type": "application/octet-stream" },
					body: file,
				});
				input.value = "";
				if (!res.ok) throw ((await res.json()) as { error: unknown }).error;
			},
			fill(t("attachmentUploaded"), { name: file.name }),
		);
	};

	return (
		<section class="card stack" aria-labelledby="plan-title" data-testid="session-plan">
			<h3 id="plan-title">{t("agendaLabel").replace(/\s*\(.*\)$/, "")}</h3>
			<dl class="facts">
				{presiding.data && (
					<>
						<dt>{t("chairLabel")}</dt>
						<dd data-testid="chair">
							{who(presiding.data.chair)}
							{presiding.data.delegatedFrom && (
								<>
									<br />
									<small>
										{fill(t("delegatedBy"), {
											name: who(presiding.data.delegatedFrom),
											reason: presiding.data.reason ?? "",
										})}
									</small>
								</>
							)}
						</dd>
					</>
				)}
				{(presiding.data?.coChairs.length ?? 0) > 0 && (
					<>
						<dt>{t("coChairs")}</dt>
						<dd>{presiding.data?.coChairs.map(who).join("; ")}</dd>
					</>
				)}
				{(session.invitedAgencies ?? []).length > 0 && (
					<>
						<dt>{t("field_invitedAgencies")}</dt>
						<dd>{(session.invitedAgencies ?? []).map((a) => a.name).join(", ")}</dd>
					</>
				)}
				{session.agenda.length > 0 && (
					<>
						<dt>{t("field_agenda")}</dt>
						<dd>
							<ol>
								{session.agenda.map((item) => (
									<li key={item}>{item}</li>
								))}
							</ol>
						</dd>
					</>
				)}
			</dl>
			{mayPlan && (
				<p>
					<button type="button" class="secondary" onClick={() => navigate(`/sessions/${session.id}/edit`)}>
						{t("editSession")}
					</button>
				</p>
			)}
			{mayDelegate && !session.delegation?.fromUserId && deputies.length > 0 && (
				<form class="row" onSubmit={delegate}>
					<label>
						{t("delegateTo")}
						<select name="toUserId" required>
							{deputies.map((u) => (
								<option key={u.id} value={u.id}>
									{who(u)}
								</option>
							))}
						</select>
					</label>
					<label>
						{t("delegateReason")}
						<input name="reason" required minLength={3} />
					</label>
					<button type="submit">{t("delegateSubmit")}</button>
				</form>
			)}
			{mayDelegate && session.delegation?.fromUserId && (
				<button
					type="button"
					class="secondary"
					onClick={() => act(() => api.post(`/api/sessions/${session.id}/delegation/withdrawal`, {}))}
				>
					{t("delegationWithdraw")}
				</button>
			)}
			{readsCases && (
				<>
					<h4>{t("attachments")}</h4>
					{attachments.data?.items.length === 0 && <p class="muted">{t("attachmentsNone")}</p>}
					<ul data-testid="attachments">
						{(attachments.data?.items ?? []).map((a) => (
							<li key={a.id}>
								<a
									href={`/api/sessions/${session.id}/attachments/${a.id}`}
									onClick={(e) =>
										openWithToken(e, api.accessToken, `/api/sessions/${session.id}/attachments/${a.id}`, a.name)
									}
								>
									{a.name}
								</a>{" "}
								<small class="muted">
									{formatNumber(Math.ceil(a.size / 1024), language, 0)} kB · SHA-256{" "}
									<code>{a.sha256.slice(0, 12)}…</code>
								</small>
							</li>
						))}
					</ul>
					{can(identity, "write", { type: "sessions" }) && (
						<label>
							{fill(t("attachmentUpload"), { mb: formatNumber(ATTACHMENT_MAX_BYTES / 1024 / 1024, language) })}
							<input type="file" accept="application/pdf,image/png,image/jpeg" onChange={upload} />
						</label>
					)}
				</>
			)}
			{message && <p role="status">{message}</p>}
		</section>
	);
}
