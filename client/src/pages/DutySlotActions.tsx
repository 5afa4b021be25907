import type { ChangeKind } from "../../../domain/vocabulary.js";
import { useApp, useLoad } from "../AppContext.js";
import { type DutyPerson, DutyPersonFields, personOf } from "../components/DutyPersonFields.js";
import { formatDateTime } from "../format.js";
import { formText } from "../formText.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";

/** What is done to one filled cell of the grid: another person, the slot taken off, or its history. */
export type SlotAction = "swap" | "remove" | "history";

interface SlotRevision {
	revisionId: string;
	recordedAt: string;
	recordedByName: string;
	change: { kind: string; reason?: string | null };
	person: DutyPerson;
	voided: boolean;
}

/**
 * A swap (`PATCH /api/duty/slots/:id` with the new person), a removal (the slot voided) — each with
 * its reason, required once the roster is published — or the slot's history: who, why and when.
 */
export function DutySlotActions({
	slot,
	action,
	label,
	published,
	known,
	onDone,
	onFail,
	onClose,
}: {
	slot: { id: string; endpointId: string };
	action: SlotAction;
	/** The cell, in words: day, shift, role and person. */
	label: string;
	published: boolean;
	known: readonly DutyPerson[];
	onDone: (message: string) => void;
	onFail: (err: unknown) => void;
	onClose: () => void;
}) {
	const { t } = useI18n();
	const { api } = useApp();
	const submit = (event: Event) => {
		const text = formText(event);
		const reason = text("reason");
		api
			.patch(`/api/duty/slots/${slot.id}`, {
				...(action === "swap" ? { person: personOf(text) } : { voided: true }),
				...(reason ? { correction: { reason } } : {}),
			})
			.then(() => onDone(t(action === "swap" ? "dutySwapped" : "dutyRemoved")))
			.catch(onFail);
	};
	const title = fill(
		t(action === "swap" ? "dutySwapTitle" : action === "remove" ? "dutyRemoveTitle" : "dutyHistoryTitle"),
		{
			slot: label,
		},
	);
	return (
		<section class="card" aria-label={title} data-testid="slot-action">
			<h4>{title}</h4>
			{action === "history" ? (
				<SlotHistory slotId={slot.id} />
			) : (
				<form class="filters" onSubmit={submit} aria-label={title}>
					{action === "swap" && <DutyPersonFields unit={slot.endpointId} known={known} />}
					<label>
						{t("dutyCorrectionReason")}
						<input name="reason" required={published} minLength={3} maxLength={500} />
					</label>
					<button type="submit">{t(action === "swap" ? "dutySwap" : "dutyRemove")}</button>
				</form>
			)}
			<button type="button" class="secondary" onClick={onClose}>
				{t("dutyClose")}
			</button>
		</section>
	);
}

function SlotHistory({ slotId }: { slotId: string }) {
	const { t, language } = useI18n();
	const { api } = useApp();
	const history = useLoad(() => api.get<{ items: SlotRevision[] }>(`/api/duty/slots/${slotId}/history`), slotId);
	return (
		<ol class="stack" data-testid="slot-history">
			{(history.data?.items ?? []).map((r) => (
				<li key={r.revisionId}>
					{fill(t("dutyHistoryLine"), {
						time: formatDateTime(r.recordedAt, language),
						who: r.recordedByName,
						kind: t(`dutyChange_${r.change.kind as ChangeKind}`),
						person: r.voided ? t("dutyRemovedMark") : `${r.person.name} (${r.person.phone})`,
					})}
					{r.change.reason ? ` — ${t("dutyReason")}: ${r.change.reason}` : ""}
				</li>
			))}
		</ol>
	);
}
