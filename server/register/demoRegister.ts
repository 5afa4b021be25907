import type { AuditActor } from "../records/AuditLog.js";
import type { SeedResult } from "../records/demoTopology.js";
import type { Records } from "../records/Records.js";
import { enterCase } from "./enterCase.js";
import { taskFields } from "./taskRoutes.js";

const DAY = 86_400_000;

/** Agencies of the two demo provinces (today's names, after the July 2025 reform). */
const AGENCIES = [
	{ province: "KH", name: "Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa", kind: "department" },
	{ province: "KH", name: "Sở Xây dựng tỉnh Khánh Hòa", kind: "department" },
	{ province: "KH", name: "Công an tỉnh Khánh Hòa", kind: "police" },
	{ province: "KH", name: "UBND phường Phan Rang", kind: "commune-committee", commune: "KH-PHANRANG" },
	{ province: "LD", name: "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng", kind: "department" },
	{ province: "LD", name: "Sở Nội vụ tỉnh Lâm Đồng", kind: "department" },
	{ province: "LD", name: "UBND xã Bảo Lâm 1", kind: "commune-committee", commune: "LD-BAOLAM" },
] as const;

const PEOPLE = [
	["Trần Văn Hùng", "Phường Nha Trang, Khánh Hòa", "056078001201", "KH-NHATRANG"],
	["Nguyễn Thị Mai", "Phường Phan Rang, Khánh Hòa", "058185002302", "KH-PHANRANG"],
	["Lê Văn Tâm", "Phường Nha Trang, Khánh Hòa", "056066003403", "KH-NHATRANG"],
	["Phạm Thị Hằng", "Phường Phan Rang, Khánh Hòa", "058190004504", "KH-PHANRANG"],
	["K'Brơi", "Xã Bảo Lâm 1, Lâm Đồng", "068072005605", "LD-BAOLAM"],
	["Ka Huệ", "Xã Bảo Lâm 1, Lâm Đồng", "068188006706", "LD-BAOLAM"],
	["Đoàn Văn Lực", "Phường Xuân Hương - Đà Lạt, Lâm Đồng", "068060007807", "LD-XUANHUONG"],
	["Vũ Thị Ngọc", "Phường Xuân Hương - Đà Lạt, Lâm Đồng", "250123456", "LD-XUANHUONG"],
] as const;

const CONTENTS = [
	[
		"complaint",
		"admin.compensation",
		"Khiếu nại đơn giá bồi thường khi thu hồi đất làm đường.",
		"Đề nghị áp dụng lại đơn giá.",
	],
	[
		"petition",
		"admin.land",
		"Đề nghị cấp giấy chứng nhận quyền sử dụng đất đã nộp hồ sơ quá hạn.",
		"Đề nghị cấp giấy chứng nhận.",
	],
	["denunciation", "corruption", "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục.", "Đề nghị xác minh, xử lý."],
	["petition", "admin.civil-service", "Kiến nghị về chế độ trợ cấp của người có công.", "Đề nghị xem xét chế độ."],
	[
		"complaint",
		"admin.housing",
		"Khiếu nại quyết định cưỡng chế tháo dỡ công trình.",
		"Đề nghị hủy quyết định cưỡng chế.",
	],
	["petition", "judicial", "Phản ánh chậm thi hành bản án dân sự.", "Đề nghị đôn đốc thi hành án."],
	[
		"mixed",
		"admin.other",
		"Phản ánh ô nhiễm từ cơ sở chế biến và khiếu nại việc xử lý chậm.",
		"Đề nghị kiểm tra, xử lý.",
	],
] as const;

/**
 * A register to look at: a few dozen cases across Khánh Hòa and Lâm Đồng over the last weeks (repeat
 * visits, a delegation, a Khánh Hòa case heard at the central office, an old CMND), the provinces'
 * agencies, and tasks due soon, overdue and done. Only for the demo: tests build their own.
 */
export async function seedDemoRegister(records: Records, demo: SeedResult, now = new Date()): Promise<void> {
	const actor: AuditActor = { userId: "seed", origin: "seed" };
	const id = (code: string) => demo.endpoints[code] ?? "";
	const agencies: string[] = [];
	for (const a of AGENCIES) {
		const { document } = await records.agencies.create(
			{
				name: a.name,
				kind: a.kind,
				provinceId: id(a.province),
				...("commune" in a ? { communeId: id(a.commune) } : {}),
				contacts: [{ name: "Văn phòng", phone: "0258 3000 000" }],
				active: true,
				scopeEndpointIds: [id(a.province)],
			},
			actor,
		);
		agencies.push(String(document.entityId));
	}
	const officer = { name: "Cán bộ tiếp công dân" };
	const cases: { id: string; province: string }[] = [];
	for (let i = 0; i < 30; i++) {
		const [fullName, address, idNumber, endpoint] = PEOPLE[i % PEOPLE.length] ?? PEOPLE[0];
		const [contentType, field, summary, request] = CONTENTS[i % CONTENTS.length] ?? CONTENTS[0];
		const delegation = i === 7;
		const atCentral = i === 12;
		const { document } = await enterCase(
			records,
			{
				receivedAt: new Date(now.getTime() - (30 - i) * DAY + (i % 5) * 3_600_000),
				endpointId: atCentral ? id("TW") : id(endpoint),
				citizens: [{ fullName, address, idNumber, isRepresentative: delegation }],
				peopleCount: delegation ? 12 : 1 + (i % 3),
				home: atCentral ? { communeId: id(endpoint) } : {},
				summary,
				contentType,
				field,
				complex: i % 6 === 0,
				hotSpotRisk: delegation,
				ethnicReligious: endpoint === "LD-BAOLAM" && i % 2 === 0,
				withinCompetence: true,
				originalsAttached: i % 2 === 0,
				resolution:
					i % 4 === 0
						? {
								stage: "first-instance",
								documentNumber: `${100 + i}/QĐ-UBND`,
								date: new Date(now.getTime() - 90 * DAY),
								issuer: "UBND cấp xã",
							}
						: { stage: "not-handled" },
				priorHandling: [],
				request,
				notes: "",
				status: i < 20 ? "heard" : "received",
			},
			actor,
			officer,
		);
		cases.push({ id: String(document.entityId), province: endpoint.slice(0, 2) });
	}
	// Tasks given to the agencies: one overdue, some due soon, some open, one done.
	for (let i = 0; i < 8; i++) {
		const c = cases[i * 3];
		if (!c) continue;
		const agency = agencies[c.province === "KH" ? i % 4 : 4 + (i % 3)] ?? "";
		const fields = await taskFields(records, {
			caseId: c.id,
			agencyId: agency,
			description: "Kiểm tra, xác minh và báo cáo kết quả giải quyết.",
			deadline: new Date(now.getTime() + (i - 2) * 2 * DAY),
			reportTo: "Ban Tiếp công dân tỉnh",
		});
		const done = i === 7;
		await records.tasks.create(
			{
				...fields,
				progress: [],
				result: done ? { documentNumber: "45/BC", date: now, summary: "Đã giải quyết xong.", recordedAt: now } : null,
			},
			actor,
		);
	}
}
