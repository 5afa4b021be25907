import { useState } from "preact/hooks";
import { DUTY_ROLES, type DutyRole, SHIFTS, type Shift, type ShiftSettings } from "../../../domain/duty.js";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import { useI18n } from "../i18n/index.js";
import { TimeField } from "./DateFields.js";

type Settings = ShiftSettings & { source: string | null };
type Needs = "required" | "requiredInPeak";

/**
 * The shifts in force at the user's unit: hours and the roles each shift needs (outside and during a
 * peak period); a province's secretariat (or the central office) sets its own.
 */
export function ShiftSettingsForm({ onDone, onFail }: { onDone: (m: string) => void; onFail: (e: unknown) => void }) {
	const { t } = useI18n();
	const { api, identity, endpoints } = useApp();
	const unit = identity.endpointId;
	const loaded = useLoad(() => api.get<Settings>(`/api/duty/settings/${unit}`), `shift-settings-${unit}`);
	const level = endpoints.get(unit)?.level;
	const mayEdit = can(identity, "declare", { type: "duty" }) && (level === "province" || level === "central");
	const [needs, setNeeds] = useState<Record<Needs, Record<Shift, DutyRole[]>> | null>(null);
	const s = loaded.data;
	if (!s) return null;
	const roles = needs ?? { required: mapShifts(s.required), requiredInPeak: mapShifts(s.requiredInPeak) };
	const toggle = (which: Needs, shift: Shift, role: DutyRole, on: boolean) =>
		setNeeds({
			...roles,
			[which]: {
				...roles[which],
				[shift]: on ? [...roles[which][shift], role] : roles[which][shift].filter((r) => r !== role),
			},
		});

	const save = (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const at = (shift: Shift, end: "start" | "end") => String(form.get(`${shift}.${end}`) ?? "");
		const hours = Object.fromEntries(
			SHIFTS.map((shift) => [shift, { start: at(shift, "start"), end: at(shift, "end") }]),
		);
		api
			.put(`/api/duty/settings/${unit}`, { hours, ...roles })
			.then(() => {
				loaded.reload();
				onDone(t("dutySettingsSaved"));
			})
			.catch(onFail);
	};

	return (
		<section class="card" aria-labelledby="duty-settings">
			<h3 id="duty-settings">{t("dutySettings")}</h3>
			<p class="muted">
				{s.source === null
					? t("dutySettingsDefault")
					: `${t("dutySettingsOf")} ${endpoints.get(s.source)?.name ?? s.source}`}
			</p>
			<form class="stack" onSubmit={save} aria-label={t("dutySettings")}>
				<div class="table-scroll">
					<table data-testid="shift-settings">
						<thead>
							<tr>
								<th scope="col">{t("dutyShift")}</th>
								<th scope="col">{t("dutyShiftStart")}</th>
								<th scope="col">{t("dutyShiftEnd")}</th>
								<th scope="col">{t("dutyNeeds")}</th>
								<th scope="col">{t("dutyNeedsInPeak")}</th>
							</tr>
						</thead>
						<tbody>
							{SHIFTS.map((shift) => (
								<tr key={shift}>
									<th scope="row">{t(`shift_${shift}`)}</th>
									{(["start", "end"] as const).map((end) => (
										<td key={end}>
											<TimeField
												name={`${shift}.${end}`}
												aria-label={`${t(`shift_${shift}`)} — ${t(end === "start" ? "dutyShiftStart" : "dutyShiftEnd")}`}
												defaultValue={s.hours[shift][end]}
												disabled={!mayEdit}
												required
											/>
										</td>
									))}
									{(["required", "requiredInPeak"] as const).map((which) => (
										<td key={which}>
											{DUTY_ROLES.map((role) => (
												<label key={role} class="inline">
													<input
														type="checkbox"
														checked={roles[which][shift].includes(role)}
														disabled={!mayEdit}
														onChange={(e) => toggle(which, shift, role, e.currentTarget.checked)}
													/>
													{t(`dutyRole_${role}`)}
												</label>
											))}
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
				{mayEdit && (
					<p>
						<button type="submit">{t("dutySettingsSave")}</button>
					</p>
				)}
			</form>
		</section>
	);
}

function mapShifts(of: ShiftSettings["required"]): Record<Shift, DutyRole[]> {
	return { office: [...of.office], "after-hours": [...of["after-hours"]], night: [...of.night] };
}

/** The user's personal iCal feed of duty slots: its secret address, to paste into a calendar application. */
export function DutyFeedLink() {
	const { t } = useI18n();
	const { api } = useApp();
	const [path, setPath] = useState<string | null>(null);
	return (
		<p>
			{path === null ? (
				<button
					type="button"
					class="secondary"
					onClick={() => api.get<{ path: string }>("/api/duty/feed").then((f) => setPath(f.path))}
				>
					{t("dutyFeed")}
				</button>
			) : (
				<>
					{t("dutyFeedHint")}{" "}
					<a href={path} data-testid="duty-feed">
						{`${location.origin}${path}`}
					</a>
				</>
			)}
		</p>
	);
}
