import { useState } from "preact/hooks";
import type { DutySlotView } from "../../../domain/api/duty.js";
import type { DutyGap } from "../../../domain/duty.js";
import { addDays, DUTY_ROLES, SHIFTS } from "../../../domain/duty.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { AgencySelect } from "../components/AgencySelect.js";
import { DayField } from "../components/DateFields.js";
import { DutyPersonFields, personOf } from "../components/DutyPersonFields.js";
import { EndpointSelect } from "../components/EndpointSelect.js";
import { ancestryOf, provinceOf } from "../endpointTree.js";
import { formatDate } from "../format.js";
import { formText } from "../formText.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import { DutySlotActions, type SlotAction } from "./DutySlotActions.js";

interface RosterView {
	days: string[];
	items: DutySlotView[];
	agencies: { id: string; name: string }[];
	publishedEndpointIds: string[];
}

/** Which roster the grid shows: a peak period's days, or a week of ordinary days from `from`. */
export type RosterSource = { periodId: string; name: string; endpointId: string } | { from: string };

const ACTION_LABELS = { swap: "dutySwap", remove: "dutyRemove", history: "dutyHistory" } as const;

/** A day "YYYY-MM-DD" as dd/mm/yyyy. */
export const dayText = (day: string) => formatDate(`${day}T12:00:00+07:00`);

/** The Monday of a day's week. */
export const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * The calendar grid of a roster (a peak period's, or any week's ordinary after-hours duty) at one
 * unit of the caller's, its gaps, and the form that puts a person on a shift — at the unit's own
 * reception point or at one of its agencies, chosen from the register.
 */
export function RosterSection({
	source,
	generation,
	chosen,
	onChoose,
	onWeek,
	onDone,
	onFail,
}: {
	source: RosterSource;
	/** Counts the writes: the grid and gaps load again after each. */
	generation: number;
	/** The unit last chosen (kept across writes and weeks), if any. */
	chosen: string | null;
	onChoose: (unit: string) => void;
	onWeek: (from: string) => void;
	onDone: (message: string) => void;
	onFail: (err: unknown) => void;
}) {
	const { t } = useI18n();
	const { api, identity, endpoints } = useApp();
	const inPeriod = "periodId" in source;
	const base = inPeriod ? `/api/duty/periods/${source.periodId}` : "/api/duty";
	const week = inPeriod ? null : { from: source.from, to: addDays(source.from, 6) };
	const span = week ? `from=${week.from}&to=${week.to}` : "";
	const loaded = `${base}${span}${generation}`;
	const roster = useLoad(() => api.get<RosterView>(`${base}/roster${span && `?${span}`}`), loaded);
	const gaps = useLoad(() => api.get<{ items: DutyGap[] }>(`${base}/gaps${span && `?${span}`}`), loaded);
	const name = (id: string) => endpoints.get(id)?.name ?? id;
	const agencyNames = new Map((roster.data?.agencies ?? []).map((a) => [a.id, a.name]));
	const agencyName = (id: string) => agencyNames.get(id) ?? id;
	const days = roster.data?.days ?? [];
	const slots = roster.data?.items ?? [];
	// Every unit of the caller's scope (a province's communes too, rostered or not); under a period, of its subtree.
	const units = [...endpoints.values()].filter(
		(e) =>
			can(identity, "read", { type: "duty", endpoints: [ancestryOf(e)] }) &&
			(!inPeriod || e.id === source.endpointId || e.ancestors.includes(source.endpointId)),
	);
	const ofUnits = (id: string | null) => (id && units.some((u) => u.id === id) ? id : null);
	const unit = ofUnits(chosen) ?? ofUnits(identity.endpointId) ?? units[0]?.id ?? identity.endpointId;
	const [acting, setActing] = useState<{ slot: DutySlotView; action: SlotAction } | null>(null);
	const known = slots.flatMap((s) => (s.person.userId ? [s.person] : []));
	const slotLabel = (s: DutySlotView) =>
		`${dayText(s.day)} · ${t(`shift_${s.shift}`)} · ${s.agencyId ? `${agencyName(s.agencyId)} · ` : ""}${t(`dutyRole_${s.role}`)}: ${s.person.name}`;
	const published = roster.data?.publishedEndpointIds.includes(unit) ?? false;
	const writable = can(identity, "write", { type: "duty" });
	const province = provinceOf(endpoints, unit);

	const add = (event: Event) => {
		const text = formText(event);
		api
			.post(`${base}/slots`, {
				endpointId: unit,
				...(text("agencyId") ? { agencyId: text("agencyId") } : {}),
				day: text("day"),
				shift: text("shift"),
				role: text("role"),
				person: personOf(text),
				...(published ? { correction: { reason: text("reason") } } : {}),
			})
			.then(() => onDone(t("dutyAdded")))
			.catch(onFail);
	};
	const openDocument = async (path: string) => {
		const blob = await api.blob(path);
		open(URL.createObjectURL(blob), "_blank");
	};
	const print = () => openDocument(`${base}/roster.pdf?${span && `${span}&`}endpoint=${unit}`);
	const publish = () =>
		api
			.post(`${base}/publish`, { endpointId: unit, ...week })
			.then(() => onDone(t("dutyPublished")))
			.catch(onFail);

	return (
		<>
			<section class="card" aria-labelledby="duty-roster">
				<h3 id="duty-roster">
					{inPeriod
						? `${t("dutyRoster")}: ${source.name}`
						: `${t("dutyOrdinary")}: ${dayText(week?.from ?? "")} – ${dayText(week?.to ?? "")}`}
				</h3>
				{week && (
					<div class="filters">
						<button type="button" class="secondary" onClick={() => onWeek(addDays(week.from, -7))}>
							{t("dutyPrevWeek")}
						</button>
						<label>
							{t("dutyWeekFrom")}
							<DayField value={week.from} onChange={(v) => v && onWeek(v)} />
						</label>
						<button type="button" class="secondary" onClick={() => onWeek(addDays(week.from, 7))}>
							{t("dutyNextWeek")}
						</button>
					</div>
				)}
				<EndpointSelect
					label="dutyUnit"
					endpoints={units}
					value={unit}
					onChange={(id) => {
						onChoose(id);
						setActing(null);
					}}
				/>
				<button type="button" class="secondary" onClick={() => print().catch(onFail)}>
					{t("dutyPrint")}
				</button>
				{"periodId" in source &&
					can(identity, "read", { type: "reports" }) &&
					(["xlsx", "pdf"] as const).map((ext) => (
						<button
							key={ext}
							type="button"
							class="secondary"
							onClick={() => openDocument(`${base}/summary.${ext}`).catch(onFail)}
						>
							{t(ext === "xlsx" ? "dutySummaryXlsx" : "dutySummaryPdf")}
						</button>
					))}
				<div class="table-scroll">
					<table class="roster" data-testid="roster">
						<thead>
							<tr>
								<th scope="col">{t("dutyDay")}</th>
								{SHIFTS.map((s) => (
									<th key={s} scope="col">
										{t(`shift_${s}`)}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{days.map((day) => (
								<tr key={day}>
									<th scope="row">{dayText(day)}</th>
									{SHIFTS.map((shift) => (
										<td key={shift} data-cell={`${day}|${shift}`}>
											{slots
												.filter((s) => s.endpointId === unit && s.day === day && s.shift === shift)
												.map((s) => (
													<div key={s.id} data-slot={s.id}>
														{s.agencyId && `${agencyName(s.agencyId)} · `}
														{t(`dutyRole_${s.role}`)}: {s.person.name}{" "}
														{(writable ? (["swap", "remove", "history"] as const) : (["history"] as const)).map(
															(action) => (
																<button
																	key={action}
																	type="button"
																	class="secondary"
																	onClick={() => setActing({ slot: s, action })}
																>
																	{t(ACTION_LABELS[action])}
																</button>
															),
														)}
													</div>
												))}
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
				{acting && (
					<DutySlotActions
						key={`${acting.slot.id}${acting.action}`}
						slot={acting.slot}
						action={acting.action}
						label={slotLabel(acting.slot)}
						published={published}
						known={known}
						onDone={(message) => {
							setActing(null);
							onDone(message);
						}}
						onFail={onFail}
						onClose={() => setActing(null)}
					/>
				)}
				{writable && (
					<form key={`${unit}${generation}`} class="filters" onSubmit={add} aria-label={t("dutyAdd")}>
						{province && (
							<AgencySelect
								key={unit}
								label="dutyAgency"
								empty="dutyOwnPoint"
								provinceId={province.id}
								only={(a) => (a.communeId ?? a.provinceId) === unit}
							/>
						)}
						<label>
							{t("dutyDay")}
							<select name="day">
								{days.map((d) => (
									<option key={d} value={d}>
										{dayText(d)}
									</option>
								))}
							</select>
						</label>
						<label>
							{t("dutyShift")}
							<select name="shift">
								{SHIFTS.map((s) => (
									<option key={s} value={s}>
										{t(`shift_${s}`)}
									</option>
								))}
							</select>
						</label>
						<label>
							{t("dutyRole")}
							<select name="role">
								{DUTY_ROLES.map((r) => (
									<option key={r} value={r}>
										{t(`dutyRole_${r}`)}
									</option>
								))}
							</select>
						</label>
						<DutyPersonFields unit={unit} known={known} />
						{published && (
							<label>
								{t("dutyCorrectionReason")}
								<input name="reason" required minLength={3} maxLength={500} />
							</label>
						)}
						<button type="submit">{t("dutyAdd")}</button>
						{!published && (
							<button type="button" class="secondary" onClick={publish}>
								{t("dutyPublish")}
							</button>
						)}
					</form>
				)}
			</section>
			<section class="card" aria-labelledby="duty-gaps">
				<h3 id="duty-gaps">{t("dutyGaps")}</h3>
				{gaps.data?.items.length === 0 && <p data-testid="no-gaps">{t("dutyNoGaps")}</p>}
				<ul data-testid="gaps">
					{gaps.data?.items.map((g) => (
						<li key={`${g.endpointId}${g.agencyId ?? ""}${g.day}${g.shift}`}>
							{fill(t("dutyGapLine"), {
								endpoint: g.agencyId ? `${name(g.endpointId)} · ${agencyName(g.agencyId)}` : name(g.endpointId),
								day: dayText(g.day),
								shift: t(`shift_${g.shift}`),
								missing: g.missing.map((r) => t(`dutyRole_${r}`)).join(", "),
							})}
						</li>
					))}
				</ul>
			</section>
		</>
	);
}
