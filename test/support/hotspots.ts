import type { RecordsFixture } from "./records.js";

const DAY = 24 * 60 * 60 * 1000;

export const inDays = (days: number, from = Date.now()): string => new Date(from + days * DAY).toISOString();

/** A watch entry body for a case: critical, expected in Hà Nội in `days` days, reviewed in two. */
export function watchBody(caseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		caseId,
		risk: { level: "critical", reasons: ["Đông người, bức xúc về giá bồi thường", "Đã có kế hoạch ra Hà Nội"] },
		destination: { kind: "central-office", city: "ha-noi", place: "Trụ sở Tiếp công dân Trung ương" },
		expectedFrom: inDays(5),
		expectedTo: inDays(6),
		expectedPeople: 30,
		responsible: { agency: "UBND phường Phan Rang", officerName: "Trần Văn Bảo" },
		nextReviewAt: inDays(2),
		note: "Công an phường báo tin đoàn đang chuẩn bị đi Hà Nội",
		...overrides,
	};
}

/** A working group body of a province for some cases. */
export function groupBody(provinceId: string, caseIds: string[], overrides: Record<string, unknown> = {}) {
	return {
		provinceId,
		decision: { number: "1534/QĐ-UBND", date: inDays(0), issuer: "Chủ tịch UBND tỉnh Khánh Hòa" },
		members: [
			{ fullName: "Lê Văn Cường", position: "Phó Chủ tịch UBND tỉnh", authority: "Tổ trưởng, quyết định tại chỗ" },
			{ fullName: "Phạm Thị Dung", position: "Phó Chánh Văn phòng UBND tỉnh", authority: "Thành viên" },
		],
		deployment: { place: "Trụ sở Tiếp công dân Trung ương, Hà Nội", city: "ha-noi", from: inDays(0) },
		caseIds,
		policeLiaison: { unit: "Công an thành phố Hà Nội", officerName: "Đại úy Nguyễn Văn Tâm", phone: "0243000000" },
		returnDeadline: inDays(7),
		...overrides,
	};
}

/** A case entered through the register's API at an endpoint, its citizens living at `home` (a commune code). */
export async function enterCase(
	fx: RecordsFixture,
	who: string,
	endpointCode: string,
	overrides: Record<string, unknown> = {},
): Promise<string> {
	const client = await fx.as(who);
	const res = await client.request<{ id: string }>("POST", "/cases", {
		receivedAt: new Date().toISOString(),
		endpointId: fx.seed.endpoints[endpointCode],
		citizens: [{ fullName: "Nguyễn Văn Tư", address: "Khánh Hòa", idNumber: "056190001234", isRepresentative: true }],
		peopleCount: 12,
		summary: "Khiếu nại việc thu hồi đất làm khu du lịch",
		contentType: "complaint",
		field: "admin.land",
		request: "Đề nghị bồi thường thỏa đáng",
		...overrides,
	});
	if (res.status !== 201) throw new Error(`case not entered: ${JSON.stringify(res.body)}`);
	return res.body.id;
}
