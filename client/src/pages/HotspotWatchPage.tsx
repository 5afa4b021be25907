import { useState } from "preact/hooks";
import type { DevelopmentView } from "../../../domain/api/hotspots.js";
import { WATCH_TRANSITIONS } from "../../../domain/hotspots.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { AppLink } from "../components/AppLink.js";
import { DateTimeField, DayField } from "../components/DateFields.js";
import { DialogueRequestForm } from "../components/DialogueRequestForm.js";
import { ErrorIssues } from "../components/ErrorIssues.js";
import { GroupForm } from "../components/GroupForm.js";
import { dayInput } from "../components/WatchForm.js";
import { dateTimeInput, formatDate, formatDateTime } from "../format.js";
import type { WatchDetail } from "../hotspots/hotspotApi.js";
import { useHotspotChanges } from "../hotspots/useHotspotChanges.js";
import { useI18n } from "../i18n/index.js";

/** Sends a form and reloads; a refusal shows its fields. */
function useSubmit(send: (form: FormData) => Promise<unknown>, done: () => void) {
	const [error, setError] = useState<unknown>(null);
	const submit = async (event: Event) => {
		event.preventDefault();
		const element = event.currentTarget as HTMLFormElement;
		setError(null);
		try {
			await send(new FormData(element));
			element.reset();
			done();
		} catch (err) {
			setError(err);
		}
	};
	return { error, submit };
}

/** One watched case: its facts, status history, developments, working groups and dialogues. */
export function HotspotWatchPage({ watchId }: { watchId: string }) {
	const { t, language } = useI18n();
	const { api, identity, endpoints } = useApp();
	const watch = useLoad(() => api.get<WatchDetail>(`/api/hotspots/watches/${watchId}`), `w-${watchId}`);
	const caseId = watch.data?.caseId;
	const log = useLoad(
		() =>
			caseId
				? api.get<{ items: DevelopmentView[] }>(`/api/hotspots/cases/${caseId}/developments`)
				: Promise.resolve({ items: [] }),
		`d-${caseId}`,
	);
	const reload = () => {
		watch.reload();
		log.reload();
	};
	useHotspotChanges((change) => {
		if (change.watchId === watchId || (caseId && change.caseId === caseId)) reload();
	});
	const [asking, setAsking] = useState(false);
	const [sending, setSending] = useState(false);
	const step = useSubmit(
		(f) => api.post(`/api/hotspots/watches/${watchId}/transitions`, { to: f.get("to"), reason: f.get("reason") }),
		reload,
	);
	const review = useSubmit(
		(f) =>
			api.patch(`/api/hotspots/watches/${watchId}`, {
				changes: { nextReviewAt: dayInput(String(f.get("nextReviewAt"))) },
			}),
		reload,
	);
	const develop = useSubmit((f) => {
		const text = (k: string) => String(f.get(k) ?? "").trim();
		return api.post(`/api/hotspots/cases/${caseId}/developments`, {
			occurredAt: new Date(text("occurredAt")).toISOString(),
			text: text("text"),
			...(text("peopleCount") ? { peopleCount: Number(text("peopleCount")) } : {}),
			...(text("place") ? { place: text("place") } : {}),
			viaPolice: f.get("viaPolice") === "on",
			...(text("reporter") ? { reporter: text("reporter") } : {}),
			...(text("corrects") ? { corrects: text("corrects"), correctionReason: text("correctionReason") } : {}),
		});
	}, reload);

	if (watch.error) return <ErrorIssues error={watch.error} />;
	const w = watch.data;
	if (!w) return <p aria-busy="true">{t("loading")}</p>;
	const name = (id: string) => endpoints.get(id)?.name ?? id;
	const developments = log.data?.items ?? [];
	const next = WATCH_TRANSITIONS[w.status];

	return (
		<div class="stack" data-testid="watch-detail">
			<h2>
				{t("hotspotCase")} {w.case.registerNumber} — {t(`watchStatus_${w.status}`)}
			</h2>
			<p>{w.case.summary}</p>
			<dl class="facts">
				<dt>{t("province")}</dt>
				<dd>{name(w.provinceId)}</dd>
				<dt>{t("hotspotRisk")}</dt>
				<dd>
					{t(`risk_${w.risk.level}`)}: {w.risk.reasons.join("; ")}
				</dd>
				<dt>{t("hotspotDestination")}</dt>
				<dd>
					{t(`destinationKind_${w.destination.kind}`)} ({t(`city_${w.destination.city}`)})
					{w.destination.place ? ` — ${w.destination.place}` : ""}
				</dd>
				<dt>{t("hotspotExpected")}</dt>
				<dd>
					{formatDate(w.expectedFrom, language)} – {formatDate(w.expectedTo, language)}
				</dd>
				<dt>{t("hotspotPeople")}</dt>
				<dd>{w.expectedPeople}</dd>
				<dt>{t("hotspotResponsible")}</dt>
				<dd>
					{w.responsible.agency} — {w.responsible.officerName}
				</dd>
				<dt>{t("hotspotNextReview")}</dt>
				<dd>
					{formatDate(w.nextReviewAt, language)}
					{w.reviewOverdue && <span class="tag overdue">{t("hotspotReviewOverdue")}</span>}
				</dd>
				{w.lastDialogue && (
					<>
						<dt>{t("hotspotLastDialogue")}</dt>
						<dd>
							{t(`direction_${w.lastDialogue.direction}` as never)}: {w.lastDialogue.conclusion}
						</dd>
					</>
				)}
			</dl>

			<section class="card" aria-labelledby="status-log-title">
				<h3 id="status-log-title">{t("hotspotStatusLog")}</h3>
				<ol data-testid="status-log">
					{w.statusLog.map((s) => (
						<li key={s.at}>
							{formatDateTime(s.at, language)} — {t(`watchStatus_${s.to}`)} — {s.byName}: {s.reason}
						</li>
					))}
				</ol>
				{can(identity, "transition", { type: "watches" }) && next.length > 0 && (
					<form class="stack" onSubmit={step.submit}>
						<label>
							{t("hotspotNewStatus")}
							<select name="to">
								{next.map((s) => (
									<option key={s} value={s}>
										{t(`watchStatus_${s}`)}
									</option>
								))}
							</select>
						</label>
						<label>
							{t("hotspotWhy")}
							<input name="reason" required minLength={3} />
						</label>
						{step.error !== null && <ErrorIssues error={step.error} />}
						<p>
							<button type="submit">{t("hotspotChangeStatus")}</button>
						</p>
					</form>
				)}
				{can(identity, "write", { type: "watches" }) && next.length > 0 && (
					<form class="stack" onSubmit={review.submit}>
						<label>
							{t("hotspotNextReview")}
							<DayField name="nextReviewAt" required />
						</label>
						{review.error !== null && <ErrorIssues error={review.error} />}
						<p>
							<button type="submit" class="secondary">
								{t("hotspotSave")}
							</button>
						</p>
					</form>
				)}
			</section>

			<section class="card" aria-labelledby="developments-title">
				<h3 id="developments-title">{t("hotspotDevelopments")}</h3>
				{developments.length === 0 && <p class="muted">{t("hotspotNoDevelopments")}</p>}
				<ol data-testid="developments">
					{developments.map((d) => (
						<li key={d.id} class={d.correctedBy ? "corrected" : ""}>
							{formatDateTime(d.occurredAt, language)} — {t(`source_${d.source}`)} ({d.authorName}
							{d.reporter ? `; ${d.reporter}` : ""}): {d.text}
							{d.peopleCount !== undefined && ` — ${d.peopleCount} ${t("hotspotHowMany").toLowerCase()}`}
							{d.place && ` — ${d.place}`}
							{d.correctedBy && <span class="tag">{t("hotspotCorrected")}</span>}
						</li>
					))}
				</ol>
				{can(identity, "write", { type: "developments" }) && (
					<form class="stack" onSubmit={develop.submit} aria-label={t("hotspotAddDevelopment")}>
						<label>
							{t("hotspotOccurredAt")}
							<DateTimeField name="occurredAt" required defaultValue={dateTimeInput(new Date())} />
						</label>
						<label>
							{t("hotspotWhatHappened")}
							<textarea name="text" required maxLength={4000} rows={3} />
						</label>
						<label>
							{t("hotspotHowMany")}
							<input name="peopleCount" type="number" min={0} />
						</label>
						<label>
							{t("hotspotWhere")}
							<input name="place" />
						</label>
						<label class="check">
							<input name="viaPolice" type="checkbox" />
							{t("hotspotViaPolice")}
						</label>
						<label>
							{t("hotspotReporter")}
							<input name="reporter" />
						</label>
						{developments.length > 0 && (
							<>
								<label>
									{t("hotspotCorrects")}
									<select name="corrects">
										<option value="">—</option>
										{developments.map((d) => (
											<option key={d.id} value={d.id}>
												{formatDateTime(d.occurredAt, language)} {d.text.slice(0, 60)}
											</option>
										))}
									</select>
								</label>
								<label>
									{t("hotspotCorrectionReason")}
									<input name="correctionReason" />
								</label>
							</>
						)}
						{develop.error !== null && <ErrorIssues error={develop.error} />}
						<p>
							<button type="submit">{t("hotspotAddDevelopment")}</button>
						</p>
					</form>
				)}
			</section>

			<section class="card" aria-labelledby="groups-title">
				<h3 id="groups-title">{t("hotspotGroups")}</h3>
				{w.groups.length === 0 && <p class="muted">{t("hotspotNoGroups")}</p>}
				<ul>
					{w.groups.map((g) => (
						<li key={g.id}>
							<AppLink href={`/hotspots/groups/${g.id}`}>{g.decision.number}</AppLink> — {t(`groupStatus_${g.status}`)}{" "}
							— {t("hotspotReturnDeadline")} {formatDate(g.returnDeadline, language)}
							{g.pastDeadline && <span class="tag overdue">{t("hotspotPastDeadline")}</span>}
						</li>
					))}
				</ul>
				{can(identity, "write", { type: "workgroups" }) && (
					<p>
						<button type="button" class="secondary" onClick={() => setSending(!sending)}>
							{t("hotspotSendGroup")}
						</button>
					</p>
				)}
				{sending && <GroupForm provinceId={w.provinceId} caseId={w.caseId} onCreated={reload} />}
			</section>

			<section class="card" aria-labelledby="dialogues-title">
				<h3 id="dialogues-title">{t("hotspotDialogues")}</h3>
				<ul>
					{w.dialogues.map((s) => (
						<li key={s.id}>
							<AppLink href={`/sessions/${s.id}`}>{s.title}</AppLink> — {formatDateTime(s.plannedStart, language)} —{" "}
							{t(`status_${s.status}` as never)}
						</li>
					))}
				</ul>
				{can(identity, "request", { type: "sessions" }) && (
					<p>
						<button type="button" onClick={() => setAsking(!asking)}>
							{t("hotspotAskDialogue")}
						</button>
					</p>
				)}
				{asking && <DialogueRequestForm watch={w} onDone={reload} />}
			</section>
		</div>
	);
}
