import { describe, expect, it } from "vitest";
import { monthsIn, type PeriodError, resolvePeriod } from "../../domain/reportPeriods.js";

const days = (p: ReturnType<typeof resolvePeriod>) => [p.firstDay, p.lastDay, p.labelVi];

describe("periods with the cut-off of Nghị định 09/2019/NĐ-CP (day 15)", () => {
	it("a month runs from the 15th of the month before to the 14th", () => {
		expect(days(resolvePeriod({ kind: "month", year: 2026, index: 3 }))).toEqual([
			"2026-02-15",
			"2026-03-14",
			"Tháng 3/2026",
		]);
		expect(days(resolvePeriod({ kind: "month", year: 2026, index: 1 }))).toEqual([
			"2025-12-15",
			"2026-01-14",
			"Tháng 1/2026",
		]);
	});
	it("quarters, six and nine months and the year start on 15 December of the year before", () => {
		expect(days(resolvePeriod({ kind: "quarter", year: 2026, index: 1 }))).toEqual([
			"2025-12-15",
			"2026-03-14",
			"Quý I/2026",
		]);
		expect(days(resolvePeriod({ kind: "quarter", year: 2026, index: 3 }))).toEqual([
			"2026-06-15",
			"2026-09-14",
			"Quý III/2026",
		]);
		expect(days(resolvePeriod({ kind: "half-year", year: 2026, index: 1 }))).toEqual([
			"2025-12-15",
			"2026-06-14",
			"6 tháng đầu năm 2026",
		]);
		expect(days(resolvePeriod({ kind: "nine-months", year: 2026 }))).toEqual([
			"2025-12-15",
			"2026-09-14",
			"9 tháng năm 2026",
		]);
		expect(days(resolvePeriod({ kind: "year", year: 2026 }))).toEqual(["2025-12-15", "2026-12-14", "Năm 2026"]);
	});
	it("days are Vietnam's: the period starts at 17:00 UTC the day before", () => {
		const q = resolvePeriod({ kind: "quarter", year: 2026, index: 1 });
		expect(q.from.toISOString()).toBe("2025-12-14T17:00:00.000Z");
		expect(q.to.toISOString()).toBe("2026-03-14T17:00:00.000Z");
	});
	it("a cut-off day of 1 gives calendar periods", () => {
		expect(days(resolvePeriod({ kind: "quarter", year: 2026, index: 2 }, 1))).toEqual([
			"2026-04-01",
			"2026-06-30",
			"Quý II/2026",
		]);
		expect(days(resolvePeriod({ kind: "year", year: 2026 }, 1))).toEqual(["2026-01-01", "2026-12-31", "Năm 2026"]);
	});
	it("a custom range includes both days", () => {
		const p = resolvePeriod({ kind: "custom", from: "2025-06-20", to: "2025-07-10" });
		expect(days(p)).toEqual(["2025-06-20", "2025-07-10", "Từ 20/06/2025 đến 10/07/2025"]);
		expect(monthsIn(p)).toEqual(["2025-06", "2025-07"]);
	});
	it("refuses an end before the start, a bad day, a missing index, naming the part", () => {
		const refused = (f: () => unknown) => {
			try {
				f();
			} catch (err) {
				return [(err as PeriodError).path, (err as PeriodError).message];
			}
			return null;
		};
		expect(refused(() => resolvePeriod({ kind: "custom", from: "2026-03-01", to: "2026-02-01" }))).toEqual([
			"to",
			"the end 2026-02-01 precedes the start 2026-03-01",
		]);
		expect(refused(() => resolvePeriod({ kind: "custom", from: "2026-02-30", to: "2026-03-01" }))?.[0]).toBe("from");
		expect(refused(() => resolvePeriod({ kind: "quarter", year: 2026 }))).toEqual([
			"index",
			"a quarter needs index 1–4",
		]);
		expect(refused(() => resolvePeriod({ kind: "quarter", year: 2026, index: 5 }))?.[0]).toBe("index");
	});
});
