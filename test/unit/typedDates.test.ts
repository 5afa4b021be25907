import { expect, it } from "vitest";
import { DATE_TIME, DAY, MONTH, TIME, toApi } from "../../client/src/typedDates.js";

it("reads dates and times as officials type them, into the API's form, and back", () => {
	expect(DAY.toApi("5/1/2027")).toBe("2027-01-05");
	expect(DAY.toApi("15/12/2026")).toBe("2026-12-15");
	expect(DAY.toTyped("2026-12-15")).toBe("15/12/2026");
	expect(TIME.toApi("8:05")).toBe("08:05");
	expect(DATE_TIME.toApi("15/12/2026 14:30")).toBe("2026-12-15T14:30");
	expect(DATE_TIME.toTyped("2026-12-15T14:30")).toBe("15/12/2026 14:30");
	expect(MONTH.toApi("3/2027")).toBe("2027-03");
	expect(MONTH.toTyped("2027-03")).toBe("03/2027");
});

it("does not read a day that is not on the calendar, an American order or a 12-hour clock", () => {
	expect(DAY.toApi("31/02/2026")).toBeNull();
	expect(DAY.toApi("12/31/2026")).toBeNull();
	expect(DAY.toApi("15/12/26")).toBeNull();
	expect(TIME.toApi("24:00")).toBeNull();
	expect(TIME.toApi("2:30 PM")).toBeNull();
	expect(MONTH.toApi("13/2026")).toBeNull();
	// Passed on as typed, for the server to refuse naming the field.
	expect(toApi(DAY, " 12/31/2026 ")).toBe("12/31/2026");
});
