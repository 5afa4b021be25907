import { expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime, officialDateTemplate } from "../../client/src/format.js";

// 1 Dec 2026, 17:05 UTC is 2 Dec 2026, 00:05 in Hà Nội (UTC+7, no daylight saving).
const AT = "2026-12-01T17:05:00.000Z";

it("writes official times in Asia/Ho_Chi_Minh as dd/mm/yyyy and a 24-hour clock, in both languages", () => {
	expect(formatDateTime(AT, "vi")).toBe("02/12/2026 00:05");
	expect(formatDateTime(AT, "en")).toBe("02/12/2026 00:05");
	expect(formatDate(AT)).toBe("02/12/2026");
	expect(formatTime("2026-12-01T08:30:00Z")).toBe("15:30");
	expect(formatDate("0099-03-04T12:00:00Z")).toBe("04/03/0099");
});

it("ignores the zone the computer is set to", () => {
	const zone = process.env.TZ;
	try {
		for (const tz of ["America/New_York", "UTC", "Asia/Tokyo"]) {
			process.env.TZ = tz;
			expect(formatDateTime(AT), tz).toBe("02/12/2026 00:05");
		}
	} finally {
		process.env.TZ = zone;
	}
});

it("rewrites a chart's date templates to the official form", () => {
	expect(officialDateTemplate("{M}/{D}/{YY}")).toBe("{DD}/{MM}/{YYYY}");
	expect(officialDateTemplate("{h}:{mm}{aa}")).toBe("{HH}:{mm}");
	expect(officialDateTemplate("{h}:{mm}:{ss} {AA}")).toBe("{HH}:{mm}:{ss}");
});
