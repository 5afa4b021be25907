import type { Logger } from "pino";
import type { IdentityClaims } from "../../domain/identity.js";
import { Scope } from "../../domain/Scope.js";
import { DEMO_USERS, type SeedResult } from "../records/demoTopology.js";
import type { Records } from "../records/Records.js";
import type { Caller } from "./Caller.js";
import { Developments } from "./Developments.js";
import { HotspotNews } from "./HotspotNews.js";
import { Watches } from "./Watches.js";
import { WorkingGroups } from "./WorkingGroups.js";

const DAY = 86_400_000;

/** A demo user as the hot-spot services see a caller (the seed sees every endpoint). */
function demoCaller(demo: SeedResult, username: string): Caller {
	const user = DEMO_USERS.find((u) => u.username === username);
	if (!user) throw new Error(`no demo user ${username}`);
	const level = user.endpoint === "TW" ? "central" : user.endpoint.includes("-") ? "commune" : "province";
	const identity: IdentityClaims = {
		sub: demo.users[username] ?? "",
		name: user.name,
		role: user.role,
		endpointId: demo.endpoints[user.endpoint] ?? "",
		endpointLevel: level,
	};
	return { identity, actor: { userId: identity.sub, origin: "seed" }, scope: new Scope(null) };
}

/**
 * Watched cases so the boards are not empty: Khánh Hòa's compensation case expected at the central
 * office in Hà Nội within days (critical, a development from the commune), Lâm Đồng's delegation
 * expected at a central agency in TP.HCM with a working group sent, and a Khánh Hòa case on watch.
 * Only for the demo: tests build their own.
 */
export async function seedDemoHotspots(
	records: Records,
	demo: SeedResult,
	logger: Logger,
	now = new Date(),
): Promise<void> {
	// The seed runs before anyone watches a board: the services' news goes nowhere.
	const deps = { records, news: new HotspotNews(logger, () => now), now: () => now };
	const watches = new Watches(deps);
	const hotspots = { watches, developments: new Developments(deps, watches), groups: new WorkingGroups(deps, watches) };
	const at = (days: number) => new Date(now.getTime() + days * DAY);
	const id = (code: string) => demo.endpoints[code] ?? "";
	const agencyOf = async (name: string) => (await records.agencies.find({ name }))[0]?.entityId;
	const khSecretariat = demoCaller(demo, "vanphong.kh");
	const ldSecretariat = demoCaller(demo, "vanphong.ld");

	if (demo.caseId) {
		await hotspots.watches.open(
			{
				caseId: demo.caseId,
				risk: {
					level: "critical",
					reasons: ["Đông người, đã đối thoại ở cấp xã nhưng công dân không đồng ý", "Có dấu hiệu kéo ra Trung ương"],
				},
				destination: { kind: "central-office", city: "ha-noi", place: "Trụ sở Tiếp công dân Trung ương, Hà Nội" },
				expectedFrom: at(2),
				expectedTo: at(4),
				expectedPeople: 20,
				responsible: {
					agency: "Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa",
					...(await agencyOf("Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa").then((a) => (a ? { agencyId: a } : {}))),
					officerName: khSecretariat.identity.name,
					officerUserId: khSecretariat.identity.sub,
				},
				nextReviewAt: at(1),
				note: "Theo dõi từ buổi tiếp định kỳ",
			},
			khSecretariat,
		);
		await hotspots.developments.add(
			demo.caseId,
			{
				occurredAt: at(-1),
				text: "Khoảng 20 hộ dân họp tại nhà văn hóa khu phố, bàn việc thuê xe ra Hà Nội gửi đơn.",
				peopleCount: 20,
				place: "Nhà văn hóa khu phố 3, phường Phan Rang",
				viaPolice: false,
			},
			demoCaller(demo, "canbo.phanrang"),
		);
	}

	const [delegation] = await records.cases.find({ endpointId: id("LD-XUANHUONG"), manyPeople: true });
	if (delegation) {
		await hotspots.watches.open(
			{
				caseId: delegation.entityId,
				risk: { level: "high", reasons: ["Đoàn đông người, khiếu nại kéo dài"] },
				destination: { kind: "central-agency", city: "tp-hcm", place: "Trụ sở Tiếp công dân Trung ương tại TP.HCM" },
				expectedFrom: at(1),
				expectedTo: at(6),
				expectedPeople: 12,
				responsible: { agency: "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng", officerName: ldSecretariat.identity.name },
				nextReviewAt: at(3),
			},
			ldSecretariat,
		);
		await hotspots.groups.create(
			{
				provinceId: id("LD"),
				decision: { number: "1534/QĐ-UBND", date: at(-1), issuer: "UBND tỉnh Lâm Đồng" },
				members: [
					{
						fullName: "Trần Văn Bình",
						position: "Phó Chánh Văn phòng UBND tỉnh",
						authority: "Tổ trưởng, được quyết định đưa công dân về",
					},
					{
						fullName: "Lê Thị Hoa",
						position: "Phó Giám đốc Sở Nông nghiệp và Môi trường",
						authority: "Giải thích chính sách bồi thường",
					},
				],
				deployment: { place: "Trụ sở Tiếp công dân Trung ương tại TP.HCM", city: "tp-hcm", from: now },
				caseIds: [delegation.entityId],
				policeLiaison: { unit: "Công an TP. Hồ Chí Minh", officerName: "Đại úy Nguyễn Văn Sơn" },
				received: 0,
				persuaded: 0,
				returns: [],
				returnDeadline: at(5),
				status: "deployed",
			},
			ldSecretariat,
		);
	}

	const [onWatch] = await records.cases.find({ endpointId: id("KH-NHATRANG"), complex: true, manyPeople: false });
	if (onWatch) {
		await hotspots.watches.open(
			{
				caseId: onWatch.entityId,
				risk: { level: "watch", reasons: ["Công dân nhiều lần đến, dự định đến nhà riêng lãnh đạo tỉnh"] },
				destination: { kind: "leader-home", city: "province" },
				expectedFrom: at(10),
				expectedTo: at(14),
				expectedPeople: 3,
				responsible: { agency: "UBND phường Nha Trang", officerName: khSecretariat.identity.name },
				nextReviewAt: at(7),
			},
			khSecretariat,
		);
	}
}
