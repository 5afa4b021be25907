import { useState } from "preact/hooks";
import type { WatchView } from "../../../domain/api/hotspots.js";
import { useApp } from "../AppContext.js";
import { dateTimeInput } from "../format.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { DateTimeField } from "./DateFields.js";
import { ErrorIssues } from "./ErrorIssues.js";

/** Tomorrow at 08:00, the usual start of a reception. */
function tomorrowMorning(): Date {
	const d = new Date();
	d.setDate(d.getDate() + 1);
	d.setHours(8, 0, 0, 0);
	return d;
}

/**
 * The central office asks, in one step, for an online dialogue on a watched case: the home province
 * hosts, its communes and the central office take part, the responsible agency is on the agenda.
 */
export function DialogueRequestForm({ watch, onDone }: { watch: WatchView; onDone: () => void }) {
	const { t } = useI18n();
	const { api, identity, endpoints } = useApp();
	const [start, setStart] = useState(dateTimeInput(tomorrowMorning()));
	const [duration, setDuration] = useState(90);
	const [reason, setReason] = useState("");
	const [sent, setSent] = useState(false);
	const [error, setError] = useState<unknown>(null);
	const [busy, setBusy] = useState(false);
	const name = (id: string) => endpoints.get(id)?.name ?? id;
	const proposed = [watch.provinceId, identity.endpointId, ...watch.communeIds].map(name).join(", ");

	const submit = async (event: Event) => {
		event.preventDefault();
		setBusy(true);
		setError(null);
		try {
			await api.post(`/api/hotspots/watches/${watch.id}/dialogue`, {
				plannedStart: new Date(start).toISOString(),
				durationMinutes: duration,
				reason,
			});
			setSent(true);
			onDone();
		} catch (err) {
			setError(err);
		} finally {
			setBusy(false);
		}
	};

	return (
		<form class="card stack" onSubmit={submit} aria-labelledby={`dialogue-${watch.id}`} data-testid="dialogue-form">
			<h3 id={`dialogue-${watch.id}`}>
				{t("hotspotAskDialogueTitle")} {watch.case.registerNumber}
			</h3>
			<p class="muted">
				{fill(t("hotspotDialogueProposed"), { endpoints: proposed, agency: watch.responsible.agency })}
			</p>
			<label>
				{t("hotspotDialogueStart")}
				<DateTimeField required value={start} onChange={(v) => setStart(v)} />
			</label>
			<label>
				{t("hotspotDialogueDuration")}
				<input
					type="number"
					min={15}
					max={480}
					value={duration}
					onInput={(e) => setDuration(Number(e.currentTarget.value))}
				/>
			</label>
			<label>
				{t("reason")}
				<textarea required minLength={3} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
			</label>
			{error !== null && <ErrorIssues error={error} />}
			{sent && <p role="status">{t("hotspotDialogueSent")}</p>}
			<p>
				<button type="submit" disabled={busy || sent}>
					{t("sendRequest")}
				</button>
			</p>
		</form>
	);
}
