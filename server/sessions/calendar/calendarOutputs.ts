import ical from "ical-generator";
import type { OfficialDocument } from "../../documents/OfficialDocument.js";
import { sentence } from "../../documents/OfficialDocument.js";
import { clock, shortDate, weekdayVi } from "../../documents/vietnameseDate.js";
import type { CalendarEntry, ReceptionCalendar } from "./receptionCalendar.js";

const who = (p: { name: string; positionTitle?: string }) =>
	`đồng chí ${p.name}${p.positionTitle ? `, ${p.positionTitle}` : ""}`;

/** "Thứ Ba, ngày 15/12/2026, từ 08 giờ 00 đến 11 giờ 00: …": one line of the printed calendar. */
export function entryLine(e: CalendarEntry): string {
	return sentence(
		`${weekdayVi(e.start)}, ngày ${shortDate(e.start)}, từ ${clock(e.start)} đến ${clock(e.end)}: ${who(e.chair)} chủ trì tiếp công dân định kỳ tại ${e.place}${e.coChairs.length > 0 ? `, đồng chủ trì: ${e.coChairs.map(who).join("; ")}` : ""}${e.endpoints.length > 0 ? `; trực tuyến với các điểm cầu: ${e.endpoints.join(", ")}` : ""}`,
	);
}

/** The calendar as a published notice, in the documents' typography (server/documents/). */
export function calendarDocument(cal: ReceptionCalendar, now: Date): OfficialDocument {
	const header = cal.unit.documentHeader ?? {};
	const place = header.place ?? cal.unit.name;
	const last = new Date(cal.to.getTime() - 1);
	return {
		issuer: {
			...(header.parentAuthority ? { parentAuthority: header.parentAuthority } : {}),
			authority: header.authority ?? cal.unit.name,
		},
		place,
		date: now,
		kind: "Thông báo",
		excerpt: `Lịch tiếp công dân định kỳ của lãnh đạo ${place} từ ngày ${shortDate(cal.from)} đến ngày ${shortDate(last)}`,
		body: [
			{
				type: "paragraph",
				text: `Thực hiện Luật Tiếp công dân năm 2013, ${header.authority ?? cal.unit.name} thông báo lịch tiếp công dân định kỳ (trực tuyến) như sau:`,
			},
			...(cal.entries.length > 0
				? cal.entries.map((e) => ({ type: "item" as const, text: entryLine(e) }))
				: [{ type: "paragraph" as const, text: "Không có buổi tiếp công dân định kỳ nào trong thời gian này." }]),
			{
				type: "paragraph",
				text: "Công dân có nhu cầu được tiếp đăng ký tại nơi tiếp công dân; lịch có thể thay đổi và được thông báo lại trên trang lịch tiếp công dân./.",
			},
		],
		signature: {
			...(header.signer?.capacity ? { capacity: header.signer.capacity } : {}),
			position: header.signer?.position ?? "",
			name: header.signer?.name ?? "",
		},
		recipients: ["Ban Tiếp công dân Trung ương", "Các sở, ban, ngành", "UBND các xã, phường", "Cổng thông tin điện tử"],
	};
}

/** The calendar as an iCalendar feed (RFC 5545): each reception one event, times in UTC. */
export function calendarIcs(cal: ReceptionCalendar, baseUrl: string): string {
	const feed = ical({
		name: `Lịch tiếp công dân – ${cal.unit.name}`,
		prodId: { company: "Reception Bridge", product: "Lich tiep cong dan", language: "VI" },
		ttl: 3600,
	});
	for (const e of cal.entries) {
		feed.createEvent({
			id: `${e.id}@reception-bridge`,
			start: e.start,
			end: e.end,
			summary: e.title,
			description: entryLine(e),
			location: e.place,
			url: `${baseUrl}/sessions/${e.id}`,
		});
	}
	return feed.toString();
}
