import { SHIFTS, type ShiftSettings } from "../../domain/duty.js";
import type { OfficialDocument } from "../documents/OfficialDocument.js";
import type { EndpointRecord } from "../records/models/Endpoint.js";
import { ROLE_NAMES, SHIFT_NAMES } from "./dutyNames.js";
import type { DutySlotRecord } from "./models.js";

const dayText = (day: string) => day.split("-").reverse().join("/");

/** What a printed roster covers: a peak period (its name), or some ordinary days (no name). */
export interface RosterSpan {
	name: string | null;
	from: string;
	to: string;
}

/**
 * One endpoint's roster, as the printed "LỊCH TRỰC" (NĐ 30/2020 typography): each shift's people at the
 * endpoint's own reception point, then those on duty at each of its agencies, named.
 */
export function rosterDocument(
	span: RosterSpan,
	endpoint: EndpointRecord,
	slots: readonly DutySlotRecord[],
	settings: ShiftSettings,
	agencyName: (agencyId: string) => string,
	printed: { by: string; at: Date },
): OfficialDocument {
	const days = [...new Set(slots.map((s) => s.day))].sort();
	const dates = `từ ngày ${dayText(span.from)} đến ngày ${dayText(span.to)}`;
	const body: OfficialDocument["body"] = [
		{
			type: "paragraph",
			text: span.name
				? `Lịch trực của ${endpoint.name} trong ${span.name}, ${dates}.`
				: `Lịch trực ngoài giờ của ${endpoint.name}, ${dates}.`,
		},
	];
	const person = (s: DutySlotRecord) => `${ROLE_NAMES[s.role]}: ${s.person.name}, ĐT ${s.person.phone}`;
	for (const day of days) {
		body.push({ type: "heading", text: `Ngày ${dayText(day)}` });
		for (const shift of SHIFTS) {
			const on = slots.filter((s) => s.day === day && s.shift === shift);
			if (on.length === 0) continue;
			const { start, end } = settings.hours[shift];
			const own = on.filter((s) => !s.agencyId).map(person);
			const agencies = [...new Set(on.flatMap((s) => (s.agencyId ? [s.agencyId] : [])))].map(
				(id) =>
					`${agencyName(id)} — ${on
						.filter((s) => s.agencyId === id)
						.map(person)
						.join(", ")}`,
			);
			body.push({ type: "item", text: `${SHIFT_NAMES[shift]} (${start}–${end}): ${[...own, ...agencies].join("; ")}` });
		}
	}
	return {
		issuer: { authority: endpoint.name.toUpperCase() },
		place: endpoint.name.replace(/^.*tỉnh\s+/i, ""),
		date: printed.at,
		kind: "LỊCH TRỰC",
		excerpt: span.name ?? `Lịch trực ngoài giờ ${dates}`,
		body,
		signature: { position: "NGƯỜI LẬP", name: printed.by },
		recipients: ["Các đơn vị, cá nhân có tên trong lịch trực"],
	};
}
