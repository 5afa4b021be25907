import { describe, expect, it } from "vitest";
import { DEFAULT_SHIFT_SETTINGS, type DutySlot, findGaps } from "../../domain/duty.js";

const slot = (day: string, shift: DutySlot["shift"], role: DutySlot["role"], agencyId?: string): DutySlot => ({
	endpointId: "KH",
	...(agencyId ? { agencyId } : {}),
	day,
	shift,
	role,
	userId: `${day}${shift}${role}${agencyId ?? ""}`,
});

describe("findGaps", () => {
	// 2027-02-06 is in a peak period, 2027-02-20 an ordinary day.
	const peak = new Set(["2027-02-06"]);
	const requiredOn = (_endpointId: string, day: string) =>
		peak.has(day) ? DEFAULT_SHIFT_SETTINGS.requiredInPeak : DEFAULT_SHIFT_SETTINGS.required;

	it("asks each day for its own requirements: IT at night only in a peak period", () => {
		const slots = ["2027-02-06", "2027-02-20"].flatMap((day) => [
			slot(day, "night", "leader"),
			slot(day, "night", "reception"),
		]);
		const gaps = findGaps([{ endpointId: "KH" }], ["2027-02-06", "2027-02-20"], slots, requiredOn).filter(
			(g) => g.shift === "night",
		);
		expect(gaps).toEqual([{ endpointId: "KH", day: "2027-02-06", shift: "night", missing: ["it"] }]);
	});

	it("keeps an agency's roster apart from its endpoint's own reception point", () => {
		const slots = [slot("2027-02-20", "night", "leader", "thanh-tra"), slot("2027-02-20", "night", "reception")];
		const units = [{ endpointId: "KH" }, { endpointId: "KH", agencyId: "thanh-tra" }];
		const night = findGaps(units, ["2027-02-20"], slots, requiredOn).filter((g) => g.shift === "night");
		expect(night).toEqual([
			{ endpointId: "KH", day: "2027-02-20", shift: "night", missing: ["leader"] },
			{ endpointId: "KH", agencyId: "thanh-tra", day: "2027-02-20", shift: "night", missing: ["reception"] },
		]);
	});
});
