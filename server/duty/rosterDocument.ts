import { SHIFTS, type ShiftSettings } from "../../domain/duty.js";
import type { OfficialDocument } from "../documents/OfficialDocument.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import { ROLE_NAMES, SHIFT_NAMES } from "./dutyNames.js";
import type { DutySlotRecord, PeakPeriodRecord } from "./models.js";

const dayText = (day: string) => day.split("-").reverse().join("/");

/** One endpoint's roster for a peak period, as the printed "LỊCH TRỰC" (NĐ 30/2020 typography). */
export function rosterDocument(
	period: PeakPeriodRecord,
	endpoint: EndpointRecord,
	slots: readonly DutySlotRecord[],
	settings: ShiftSettings,
	printed: { by: string; at: Date },
): OfficialDocument {
	const days = [...new Set(slots.map((s) => s.day))].sort();
	const body: OfficialDocument["body"] = [
		{
			type: "paragraph",
			text: `Lịch trực của ${endpoint.name} trong ${period.name}, từ ngày ${dayText(period.from)} đến ngày ${dayText(period.to)}.`,
		},
	];
	for (const day of days) {
		body.push({ type: "heading", text: `Ngày ${dayText(day)}` });
		for (const shift of SHIFTS) {
			const on = slots.filter((s) => s.day === day && s.shift === shift);
			if (on.length === 0) continue;
			const { start, end } = settings.hours[shift];
			const people = on.map((s) => `${ROLE_NAMES[s.role]}: ${s.person.name}, ĐT ${s.person.phone}`).join("; ");
			body.push({ type: "item", text: `${SHIFT_NAMES[shift]} (${start}–${end}): ${people}` });
		}
	}
	return {
		issuer: { authority: endpoint.name.toUpperCase() },
		place: endpoint.name.replace(/^.*tỉnh\s+/i, ""),
		date: printed.at,
		kind: "LỊCH TRỰC",
		excerpt: period.name,
		body,
		signature: { position: "NGƯỜI LẬP", name: printed.by },
		recipients: ["Các đơn vị, cá nhân có tên trong lịch trực"],
	};
}
