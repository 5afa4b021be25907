import { afterAll, expect, it } from "vitest";
import { seedDemoHotspots } from "../../server/hotspots/demoHotspots.js";
import type { Platform } from "../../server/Platform.js";
import { DEMO_PASSWORD } from "../../server/records/demoTopology.js";
import { seedDemoRegister } from "../../server/register/demoRegister.js";
import { startPlatform } from "../support/platform.js";
import { call, startRecordsFixture } from "../support/records.js";

const platforms: Platform[] = [];
afterAll(async () => {
	for (const p of platforms) await p.stop();
});

async function signedIn(base: string, username: string) {
	const login = await call<{ accessToken: string }>(base, "POST", "/auth/login", { username, password: DEMO_PASSWORD });
	const headers = { authorization: `Bearer ${login.body.accessToken}` };
	return <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
		call<T>(base, method, path, body, headers);
}

it("after the 2025 reform: a commune moves under its province, an old district is deactivated with a successor, old records keep their names and count under the successor", {
	timeout: 120_000,
}, async () => {
	// Before 1 July 2025: districts in use.
	const before = await startRecordsFixture({ ENDPOINT_LEVELS: "central,province,district,commune" });
	platforms.push(before.platform);
	const ids = before.seed.endpoints;
	let api = await signedIn(before.base, "trunguong");
	const district = await api<{ id: string }>("POST", "/endpoints", {
		code: "LD-HUYENBAOLAM",
		name: "Điểm cầu huyện Bảo Lâm",
		level: "district",
		parentId: ids.LD,
	});
	expect(district.status).toBe(201);
	const commune = await api<{ id: string }>("POST", "/endpoints", {
		code: "LD-LOCTHANG",
		name: "Điểm cầu xã Lộc Thắng",
		level: "commune",
		parentId: district.body.id,
	});
	const oldCase = await api<{ id: string; endpointName: string }>("POST", "/cases", {
		receivedAt: "2025-03-10T02:00:00Z",
		endpointId: district.body.id,
		citizens: [{ fullName: "K'Nhơn", address: "Xã Lộc Thắng, huyện Bảo Lâm", idNumber: "068070001122" }],
		peopleCount: 1,
		summary: "Khiếu nại việc thu hồi đất rẫy.",
		contentType: "complaint",
		field: "admin.land",
		request: "Đề nghị xem xét lại.",
	});
	expect(oldCase.body.endpointName).toBe("Điểm cầu huyện Bảo Lâm");
	const oldSession = await api<{ id: string }>("POST", "/sessions", {
		kind: "periodic",
		origin: { type: "scheduled" },
		title: "Tiếp công dân định kỳ huyện Bảo Lâm",
		plannedStart: "2025-03-10T01:00:00Z",
		plannedEnd: "2025-03-10T04:00:00Z",
		hostEndpointId: district.body.id,
		chairUserId: before.seed.users["chutich.ld"],
		participantEndpointIds: [commune.body.id],
		caseIds: [oldCase.body.id],
	});
	expect(oldSession.status).toBe(201);
	await before.platform.stop();

	// From 1 July 2025: two tiers. The same database, districts no longer in ENDPOINT_LEVELS.
	const after = await startPlatform({ MONGODB_URI: before.platform.config.MONGODB_URI ?? "", BCRYPT_ROUNDS: "4" });
	platforms.push(after);
	const base = `http://127.0.0.1:${after.port}/api`;
	api = await signedIn(base, "trunguong");
	const refused = await api<{ error: { message: string } }>("POST", "/endpoints", {
		code: "LD-HUYENMOI",
		name: "Huyện mới",
		level: "district",
		parentId: ids.LD,
	});
	expect(refused.status).toBe(400);

	const moved = await api<{ ancestors: string[]; parentId: string }>("PATCH", `/endpoints/${commune.body.id}`, {
		changes: { parentId: ids.LD },
	});
	expect(moved.status).toBe(201);
	expect(moved.body).toMatchObject({ parentId: ids.LD, ancestors: [ids.TW, ids.LD] });
	// A commune never sits under a commune.
	const wrong = await api("PATCH", `/endpoints/${commune.body.id}`, { changes: { parentId: ids["LD-BAOLAM"] } });
	expect(wrong.status).toBe(400);

	const deactivated = await api<{ active: boolean; successorId: string }>("PATCH", `/endpoints/${district.body.id}`, {
		changes: { active: false, successorId: ids["LD-BAOLAM"], successorKind: "merged" },
	});
	expect(deactivated.status).toBe(201);
	expect(deactivated.body).toMatchObject({ active: false, successorId: ids["LD-BAOLAM"] });
	const cycle = await api("PATCH", `/endpoints/${ids["LD-BAOLAM"]}`, {
		changes: { successorId: district.body.id, successorKind: "renamed" },
	});
	expect(cycle.status).toBe(400);

	// The old records keep the names of their day.
	const session = await api<{ hostEndpointId: string }>("GET", `/sessions/${oldSession.body.id}`);
	expect(session.body.hostEndpointId).toBe(district.body.id);
	const host = await api<{ name: string; active: boolean }>("GET", `/endpoints/${district.body.id}`);
	expect(host.body).toMatchObject({ name: "Điểm cầu huyện Bảo Lâm", active: false });
	const heard = await api<{ endpointName: string }>("GET", `/cases/${oldCase.body.id}`);
	expect(heard.body.endpointName).toBe("Điểm cầu huyện Bảo Lâm");

	// The commune is renamed after the merger: the old session, its list row and its notice keep the old name.
	const renamed = await api("PATCH", `/endpoints/${commune.body.id}`, { changes: { name: "Điểm cầu xã Bảo Lâm 5" } });
	expect(renamed.status).toBe(201);
	const namesOfDay = { [district.body.id]: "Điểm cầu huyện Bảo Lâm", [commune.body.id]: "Điểm cầu xã Lộc Thắng" };
	const named = await api<{ endpointNames: Record<string, string> }>("GET", `/sessions/${oldSession.body.id}`);
	expect(named.body.endpointNames).toEqual(namesOfDay);
	const listed = await api<{ items: { id: string; endpointNames: Record<string, string> }[] }>(
		"GET",
		"/sessions?from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z",
	);
	expect(listed.body.items.find((s) => s.id === oldSession.body.id)?.endpointNames).toEqual(namesOfDay);
	const notice = JSON.stringify((await api("GET", `/sessions/${oldSession.body.id}/notice`)).body);
	expect(notice).toContain("kết nối với các điểm cầu: Điểm cầu xã Lộc Thắng");
	expect(notice).not.toContain("Bảo Lâm 5");
	const today = await api<{ name: string }>("GET", `/endpoints/${commune.body.id}`);
	expect(today.body.name).toBe("Điểm cầu xã Bảo Lâm 5");

	// A list over a range that crosses the reform counts the old district's case under its successor.
	const underSuccessor = await api<{ items: { id: string }[] }>(
		"GET",
		`/cases?endpoint=${ids["LD-BAOLAM"]}&from=2025-01-01T00:00:00Z`,
	);
	expect(underSuccessor.body.items.map((c) => c.id)).toContain(oldCase.body.id);
	// And the successor commune's officials read it.
	const baoLam = await signedIn(base, "canbo.baolam");
	expect((await baoLam("GET", `/cases?from=2025-01-01T00:00:00Z`)).body).toMatchObject({ total: 1 });
});

it("seeds a demo register of a few dozen cases across two provinces, with agencies and tasks, and watched cases on the boards", async () => {
	const fx = await startRecordsFixture();
	platforms.push(fx.platform);
	await seedDemoRegister(fx.platform.records, fx.seed);
	await seedDemoHotspots(fx.platform.records, fx.seed, fx.platform.logger);
	const central = await fx.as("trunguong");
	const all = await central.request<{ total: number }>("GET", "/cases?limit=200");
	expect(all.body.total).toBeGreaterThanOrEqual(30);
	for (const province of ["KH", "LD"]) {
		const home = await central.request<{ total: number }>("GET", `/cases?home=${fx.seed.endpoints[province]}`);
		expect(home.body.total, province).toBeGreaterThan(10);
	}
	expect((await central.request<{ total: number }>("GET", "/cases?repeat=true")).body.total).toBeGreaterThan(0);
	expect((await central.request<{ total: number }>("GET", "/cases?legacyId=true")).body.total).toBeGreaterThan(0);
	const tasks = await central.request<{ counts: Record<string, number> }>("GET", "/tasks");
	expect(tasks.body.counts).toMatchObject({ overdue: expect.any(Number), done: 1 });
	expect(tasks.body.counts.overdue).toBeGreaterThan(0);
	expect(tasks.body.counts["due-soon"]).toBeGreaterThan(0);

	// The national board shows both provinces' watched cases, one of them expected in Hà Nội within the week.
	type Board = { items: { provinceId: string; risk: { level: string } }[] };
	const board = await central.request<Board>("GET", "/hotspots/board");
	expect(new Set(board.body.items.map((w) => w.provinceId))).toEqual(
		new Set([fx.seed.endpoints.KH, fx.seed.endpoints.LD]),
	);
	const week = new Date(Date.now() + 7 * 86_400_000).toISOString();
	const haNoi = await central.request<Board>(
		"GET",
		`/hotspots/board?city=ha-noi&from=${new Date().toISOString()}&to=${week}`,
	);
	expect(haNoi.body.items.map((w) => w.risk.level)).toEqual(["critical"]);
	const groups = await central.request<{ items: { decision: { number: string } }[] }>("GET", "/hotspots/groups");
	expect(groups.body.items.map((g) => g.decision.number)).toEqual(["1534/QĐ-UBND"]);
	// Khánh Hòa's watchlist shows its own only.
	const kh = await fx.as("vanphong.kh");
	const own = await kh.request<Board>("GET", "/hotspots/watches");
	expect(own.body.items.length).toBe(2);
	expect(own.body.items.every((w) => w.provinceId === fx.seed.endpoints.KH)).toBe(true);
});
