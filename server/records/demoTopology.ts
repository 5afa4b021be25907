import type { Leadership } from "../../domain/positions.js";
import type { Role } from "../../domain/roles.js";
import { hashPassword } from "../auth/passwords.js";
import { enterCase } from "../register/enterCase.js";
import type { AuditActor } from "./AuditLog.js";
import type { EndpointDocumentHeader } from "./models/Endpoint.js";
import type { Records } from "./Records.js";

/** Every demo user signs in with this password (documented in docs/records.md). */
export const DEMO_PASSWORD = "TiepDan@2025";

interface DemoEndpoint {
	code: string;
	name: string;
	level: "central" | "province" | "commune";
	parent?: string;
	address: string;
	documentHeader?: EndpointDocumentHeader;
}

export const DEMO_ENDPOINTS: readonly DemoEndpoint[] = [
	{
		code: "TW",
		name: "Trụ sở Tiếp công dân Trung ương",
		level: "central",
		address: "Số 1 Ngô Thì Nhậm, Hà Đông, Hà Nội",
	},
	{
		code: "KH",
		name: "Ban Tiếp công dân tỉnh Khánh Hòa",
		level: "province",
		parent: "TW",
		address: "Nha Trang, Khánh Hòa",
		documentHeader: {
			parentAuthority: "UBND tỉnh Khánh Hòa",
			authority: "Văn phòng",
			place: "Khánh Hòa",
			signer: { capacity: "TL. Chủ tịch", position: "Chánh Văn phòng", name: "Phạm Thị Dung" },
		},
	},
	{
		code: "KH-NHATRANG",
		name: "Điểm cầu phường Nha Trang",
		level: "commune",
		parent: "KH",
		address: "Phường Nha Trang, Khánh Hòa",
	},
	{
		code: "KH-PHANRANG",
		name: "Điểm cầu phường Phan Rang",
		level: "commune",
		parent: "KH",
		address: "Phường Phan Rang, Khánh Hòa",
	},
	{
		code: "LD",
		name: "Ban Tiếp công dân tỉnh Lâm Đồng",
		level: "province",
		parent: "TW",
		address: "Đà Lạt, Lâm Đồng",
		documentHeader: {
			parentAuthority: "UBND tỉnh Lâm Đồng",
			authority: "Văn phòng",
			place: "Lâm Đồng",
			signer: { capacity: "TL. Chủ tịch", position: "Chánh Văn phòng", name: "Dương Thị Mai" },
		},
	},
	{
		code: "LD-XUANHUONG",
		name: "Điểm cầu phường Xuân Hương - Đà Lạt",
		level: "commune",
		parent: "LD",
		address: "Phường Xuân Hương - Đà Lạt, Lâm Đồng",
	},
	{
		code: "LD-BAOLAM",
		name: "Điểm cầu xã Bảo Lâm 1",
		level: "commune",
		parent: "LD",
		address: "Xã Bảo Lâm 1, Lâm Đồng",
	},
];

export interface DemoUser {
	username: string;
	name: string;
	role: Role;
	endpoint: string;
	positionTitle?: string;
	agency?: string;
	leadership?: Leadership;
}

export const DEMO_USERS: readonly DemoUser[] = [
	{
		username: "trunguong",
		name: "Nguyễn Văn An",
		role: "central",
		endpoint: "TW",
		positionTitle: "Chuyên viên Ban Tiếp công dân Trung ương",
		agency: "Ban Tiếp công dân Trung ương",
	},
	{
		username: "lanhdao.tw",
		name: "Phan Văn Quang",
		role: "central",
		endpoint: "TW",
		positionTitle: "Phó Trưởng Ban Tiếp công dân Trung ương",
		agency: "Ban Tiếp công dân Trung ương",
		leadership: "deputy",
	},
	{
		username: "thanhtra.cp",
		name: "Trần Thị Bình",
		role: "inspector",
		endpoint: "TW",
		positionTitle: "Thanh tra viên chính",
		agency: "Thanh tra Chính phủ",
	},
	{
		username: "chutich.kh",
		name: "Lê Văn Cường",
		role: "chair",
		endpoint: "KH",
		positionTitle: "Chủ tịch UBND tỉnh Khánh Hòa",
		agency: "UBND tỉnh Khánh Hòa",
		leadership: "head",
	},
	{
		username: "phochutich.kh",
		name: "Trương Thị Phương",
		role: "chair",
		endpoint: "KH",
		positionTitle: "Phó Chủ tịch UBND tỉnh Khánh Hòa",
		agency: "UBND tỉnh Khánh Hòa",
		leadership: "deputy",
	},
	{
		username: "vanphong.kh",
		name: "Phạm Thị Dung",
		role: "secretariat",
		endpoint: "KH",
		positionTitle: "Chánh Văn phòng UBND tỉnh Khánh Hòa",
		agency: "Văn phòng UBND tỉnh Khánh Hòa",
		leadership: "head",
	},
	{ username: "cntt.kh", name: "Hoàng Văn Em", role: "it", endpoint: "KH", agency: "Sở Khoa học và Công nghệ" },
	{
		username: "thanhtra.kh",
		name: "Vũ Thị Giang",
		role: "inspector",
		endpoint: "KH",
		positionTitle: "Chánh Thanh tra tỉnh Khánh Hòa",
		agency: "Thanh tra tỉnh Khánh Hòa",
		leadership: "head",
	},
	{ username: "quansat.kh", name: "Đặng Văn Hải", role: "observer", endpoint: "KH" },
	{ username: "canbo.nhatrang", name: "Bùi Thị Hoa", role: "operator", endpoint: "KH-NHATRANG" },
	{ username: "canbo.phanrang", name: "Đỗ Văn Khoa", role: "operator", endpoint: "KH-PHANRANG" },
	{
		username: "chutich.ld",
		name: "Ngô Văn Long",
		role: "chair",
		endpoint: "LD",
		positionTitle: "Chủ tịch UBND tỉnh Lâm Đồng",
		agency: "UBND tỉnh Lâm Đồng",
		leadership: "head",
	},
	{
		username: "vanphong.ld",
		name: "Dương Thị Mai",
		role: "secretariat",
		endpoint: "LD",
		positionTitle: "Chánh Văn phòng UBND tỉnh Lâm Đồng",
		agency: "Văn phòng UBND tỉnh Lâm Đồng",
		leadership: "head",
	},
	{ username: "canbo.xuanhuong", name: "Lý Văn Nam", role: "operator", endpoint: "LD-XUANHUONG" },
	{ username: "canbo.baolam", name: "Trịnh Thị Oanh", role: "operator", endpoint: "LD-BAOLAM" },
];

export interface SeedResult {
	seeded: boolean;
	endpoints: Record<string, string>;
	users: Record<string, string>;
	sessionId?: string;
	caseId?: string;
}

/**
 * Loads the demo topology (one central office, two provinces, four communes, a user of every role)
 * and one scheduled session with a case, through the audited writer. Does nothing on a database
 * that already has endpoints.
 */
export async function seedDemo(
	records: Records,
	bcryptRounds: number,
	now = new Date(),
	password = DEMO_PASSWORD,
): Promise<SeedResult> {
	if ((await records.endpoints.find({})).length > 0) return { seeded: false, endpoints: {}, users: {} };
	const actor: AuditActor = { userId: "seed", origin: "seed" };
	const endpoints: Record<string, string> = {};
	for (const e of DEMO_ENDPOINTS) {
		const parent = e.parent ? await records.endpoints.current(endpoints[e.parent] ?? "") : null;
		const { document } = await records.endpoints.create(
			{
				code: e.code,
				name: e.name,
				level: e.level,
				address: e.address,
				...(e.documentHeader ? { documentHeader: e.documentHeader } : {}),
				parentId: parent?.entityId ?? null,
				ancestors: parent ? [...parent.ancestors, parent.entityId] : [],
				contacts: [],
				active: true,
			},
			actor,
		);
		endpoints[e.code] = String(document.entityId);
	}
	const passwordHash = await hashPassword(password, bcryptRounds);
	const users: Record<string, string> = {};
	for (const u of DEMO_USERS) {
		const { document } = await records.users.create(
			{
				username: u.username,
				name: u.name,
				role: u.role,
				endpointIds: [endpoints[u.endpoint]],
				positionTitle: u.positionTitle,
				agency: u.agency,
				leadership: u.leadership ?? null,
				passwordHash,
			},
			actor,
		);
		users[u.username] = String(document.entityId);
	}
	const day = 24 * 60 * 60 * 1000;
	const kh = endpoints.KH ?? "";
	const { document: demoCase } = await enterCase(
		records,
		{
			receivedAt: now,
			endpointId: endpoints["KH-PHANRANG"],
			citizens: [
				{
					fullName: "Nguyễn Thị Lan",
					address: "Phường Phan Rang, Khánh Hòa",
					idNumber: "058190001234",
					isRepresentative: true,
					authorisation: "Giấy ủy quyền ngày 02/01/2026",
				},
			],
			peopleCount: 6,
			home: {},
			summary: "Khiếu nại về giá bồi thường khi thu hồi đất thực hiện dự án mở rộng đường ven biển.",
			contentType: "complaint",
			field: "admin.compensation",
			complex: true,
			hotSpotRisk: false,
			ethnicReligious: false,
			withinCompetence: true,
			originalsAttached: false,
			resolution: { stage: "not-handled" },
			priorHandling: [{ level: "xã", agency: "UBND phường Phan Rang", result: "Đã đối thoại, công dân không đồng ý" }],
			request: "Đề nghị xem xét lại đơn giá bồi thường.",
			notes: "",
			status: "scheduled",
		},
		actor,
		{ userId: users["vanphong.kh"], name: "Phạm Thị Dung" },
	);
	const participants = [endpoints.TW, endpoints["KH-NHATRANG"], endpoints["KH-PHANRANG"]] as string[];
	const { document: session } = await records.sessions.create(
		{
			kind: "periodic",
			origin: { type: "scheduled" },
			title: "Tiếp công dân định kỳ của Chủ tịch UBND tỉnh Khánh Hòa",
			plannedStart: new Date(now.getTime() + day),
			plannedEnd: new Date(now.getTime() + day + 3 * 60 * 60 * 1000),
			hostEndpointId: kh,
			chairUserId: users["chutich.kh"],
			secretariatUserIds: [users["vanphong.kh"]],
			participantEndpointIds: participants,
			agenda: [`Vụ việc ${String(demoCase.registerNumber)}: bồi thường đất dự án đường ven biển`],
			caseIds: [demoCase.entityId],
			status: "scheduled",
			scopeEndpointIds: [kh, ...participants],
		},
		actor,
	);
	return { seeded: true, endpoints, users, sessionId: String(session.entityId), caseId: String(demoCase.entityId) };
}
