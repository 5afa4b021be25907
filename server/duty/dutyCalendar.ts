import ical from "ical-generator";
import { type ShiftSettings, shiftInterval } from "../../domain/duty.js";
import { ROLE_NAMES, SHIFT_NAMES } from "./dutyNames.js";
import type { DutySlotRecord } from "./models.js";

/** One person's duty slots as an iCalendar feed (RFC 5545): each shift one event, at its endpoint's hours. */
export function dutyIcs(
	owner: string,
	slots: readonly DutySlotRecord[],
	settingsOf: (endpointId: string) => ShiftSettings,
	endpointName: (endpointId: string) => string,
	agencyName: (agencyId: string) => string,
): string {
	const feed = ical({
		name: `Lịch trực – ${owner}`,
		prodId: { company: "Reception Bridge", product: "Lich truc", language: "VI" },
		ttl: 3600,
	});
	for (const slot of slots) {
		const { start, end } = shiftInterval(slot.day, slot.shift, settingsOf(slot.endpointId));
		// An agency's duty is kept at its endpoint: the agency first, then where.
		const place = slot.agencyId
			? `${agencyName(slot.agencyId)}, ${endpointName(slot.endpointId)}`
			: endpointName(slot.endpointId);
		feed.createEvent({
			id: `${slot.entityId}@reception-bridge`,
			start,
			end,
			summary: `${ROLE_NAMES[slot.role]} – ${SHIFT_NAMES[slot.shift]}`,
			description: `${ROLE_NAMES[slot.role]}, ${SHIFT_NAMES[slot.shift].toLowerCase()}, tại ${place}.`,
			location: place,
		});
	}
	return feed.toString();
}
