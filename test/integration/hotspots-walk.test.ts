import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoardAnswer, DevelopmentView, FeedItem, WatchView, WorkingGroupView } from "../../domain/api/hotspots.js";
import { HOTSPOTS_NAMESPACE } from "../../signaling/namespaces.js";
import { enterCase, groupBody, inDays, watchBody } from "../support/hotspots.js";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
const sockets: Socket[] = [];
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	await fx?.platform.stop();
});

const ok = async <T = Record<string, unknown>>(who: string, method: string, path: string, body?: unknown) => {
	const res = await (await fx.as(who)).request<T>(method, path, body);
	expect(res.status, `${who} ${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
	return res.body;
};
const status = async (who: string, method: string, path: string, body?: unknown) =>
	(await (await fx.as(who)).request(method, path, body)).status;

describe("one case from watch to settled for good, across three levels", () => {
	let caseId: string;
	let watchId: string;
	let groupId: string;

	it("the province opens the watch entry; the commune enters a development", async () => {
		caseId = fx.seed.caseId ?? "";
		const watch = await ok<WatchView>("vanphong.kh", "POST", "/hotspots/watches", watchBody(caseId));
		watchId = watch.id;
		expect(watch).toMatchObject({
			status: "watching",
			provinceId: fx.seed.endpoints.KH,
			communeIds: [fx.seed.endpoints["KH-PHANRANG"]],
			risk: { level: "critical" },
			statusLog: [{ from: null, to: "watching", byName: "Phạm Thị Dung" }],
		});
		// One open watch entry per case.
		expect(await status("trunguong", "POST", "/hotspots/watches", watchBody(caseId))).toBe(409);

		const development = await ok<DevelopmentView>("canbo.phanrang", "POST", `/hotspots/cases/${caseId}/developments`, {
			occurredAt: inDays(0),
			text: "Khoảng 20 người tập trung tại nhà văn hóa khu phố 3, bàn việc thuê xe ra Hà Nội.",
			peopleCount: 20,
			place: "Nhà văn hóa khu phố 3, phường Phan Rang",
		});
		expect(development).toMatchObject({ source: "commune", authorName: "Đỗ Văn Khoa", watchId });
	});

	it("each level sees exactly what its scope allows", async () => {
		for (const who of ["trunguong", "thanhtra.cp", "chutich.kh", "vanphong.kh", "thanhtra.kh", "canbo.phanrang"]) {
			expect(await status(who, "GET", `/hotspots/watches/${watchId}`), who).toBe(200);
			expect(await status(who, "GET", `/hotspots/cases/${caseId}/developments`), who).toBe(200);
		}
		// Lâm Đồng's users and another commune of Khánh Hòa: as if it did not exist; roles without the watch: refused.
		for (const who of ["vanphong.ld", "chutich.ld", "canbo.xuanhuong", "canbo.nhatrang"]) {
			expect(await status(who, "GET", `/hotspots/watches/${watchId}`), who).toBe(404);
			expect(await status(who, "GET", `/hotspots/cases/${caseId}/developments`), who).toBe(404);
		}
		for (const who of ["cntt.kh", "quansat.kh"]) {
			expect(await status(who, "GET", `/hotspots/watches/${watchId}`), who).toBe(403);
			expect(await status(who, "GET", `/hotspots/cases/${caseId}/developments`), who).toBe(403);
		}
		const listed = async (who: string) =>
			(await ok<{ items: WatchView[] }>(who, "GET", "/hotspots/watches")).items.map((w) => w.id);
		expect(await listed("vanphong.kh")).toContain(watchId);
		expect(await listed("canbo.phanrang")).toContain(watchId);
		expect(await listed("trunguong")).toContain(watchId);
		expect(await listed("vanphong.ld")).not.toContain(watchId);
		expect(await listed("canbo.nhatrang")).not.toContain(watchId);
	});

	it("the province sends a working group: the watch steps to 'group sent'", async () => {
		const group = await ok<WorkingGroupView>(
			"vanphong.kh",
			"POST",
			"/hotspots/groups",
			groupBody(fx.seed.endpoints.KH ?? "", [caseId]),
		);
		groupId = group.id;
		expect(group).toMatchObject({ status: "deployed", received: 0, notReturned: 0, pastDeadline: false });
		const watch = await ok<WatchView & { groups: WorkingGroupView[] }>(
			"trunguong",
			"GET",
			`/hotspots/watches/${watchId}`,
		);
		expect(watch.status).toBe("group-sent");
		expect(watch.statusLog.at(-1)).toMatchObject({ to: "group-sent", reason: "Cử tổ công tác theo 1534/QĐ-UBND" });
		expect(watch.groups.map((g) => g.decision.number)).toEqual(["1534/QĐ-UBND"]);
		// The police liaison's report, entered by the province; the central office's own.
		const police = await ok<DevelopmentView>("vanphong.kh", "POST", `/hotspots/cases/${caseId}/developments`, {
			occurredAt: inDays(0),
			text: "Công an thành phố Hà Nội: 18 người đến Trụ sở Tiếp công dân Trung ương lúc 7 giờ 30.",
			peopleCount: 18,
			viaPolice: true,
			reporter: "Đại úy Nguyễn Văn Tâm, Công an TP Hà Nội",
		});
		expect(police.source).toBe("police");
		const central = await ok<DevelopmentView>("trunguong", "POST", `/hotspots/cases/${caseId}/developments`, {
			occurredAt: inDays(0),
			text: "Trụ sở Tiếp công dân Trung ương đã tiếp, hướng dẫn công dân làm việc với tổ công tác của tỉnh.",
		});
		expect(central.source).toBe("central");
		// A correction is a new entry; the corrected one stays, marked.
		await ok("vanphong.kh", "POST", `/hotspots/cases/${caseId}/developments`, {
			occurredAt: inDays(0),
			text: "Đính chính: 20 người (không phải 18) đến Trụ sở.",
			peopleCount: 20,
			corrects: police.id,
			correctionReason: "Công an bổ sung số liệu",
		});
		const log = await ok<{ items: DevelopmentView[] }>(
			"canbo.phanrang",
			"GET",
			`/hotspots/cases/${caseId}/developments`,
		);
		expect(log.items).toHaveLength(4);
		expect(log.items.find((d) => d.id === police.id)?.correctedBy).toBeDefined();
	});

	it("the group brings the citizens home: the watch steps to 'citizens returned'", async () => {
		const group = await ok<WorkingGroupView>("vanphong.kh", "PATCH", `/hotspots/groups/${groupId}`, {
			changes: { received: 20, persuaded: 20, returns: [{ count: 20, at: inDays(1) }], status: "completed" },
		});
		expect(group).toMatchObject({ status: "completed", rev: 2 });
		const watch = await ok<WatchView>("canbo.phanrang", "GET", `/hotspots/watches/${watchId}`);
		expect(watch.status).toBe("citizens-returned");
	});

	it("the central office is kept informed and acknowledges a second-instance decision; the province sees it", async () => {
		await ok("vanphong.kh", "PATCH", `/cases/${caseId}`, {
			changes: {
				resolution: {
					stage: "second-instance",
					documentNumber: "215/QĐ-UBND",
					date: inDays(0),
					issuer: "Chủ tịch UBND tỉnh Khánh Hòa",
				},
			},
		});
		const feed = await ok<{ items: FeedItem[] }>("trunguong", "GET", "/hotspots/feed");
		const decision = feed.items.find((i) => i.kind === "second-instance-decision" && i.caseId === caseId);
		expect(decision).toMatchObject({ facts: { documentNumber: "215/QĐ-UBND" }, acknowledged: null });
		expect(feed.items.filter((i) => i.caseId === caseId).map((i) => i.kind)).toEqual(
			expect.arrayContaining(["development", "watch-status"]),
		);
		const itemId = decision?.id ?? "";
		// Only a central officer acknowledges; the province's inspectorate reads the feed.
		expect(await status("thanhtra.kh", "POST", "/hotspots/feed/acknowledgements", { itemId })).toBe(403);
		expect(await status("vanphong.ld", "GET", "/hotspots/feed")).toBe(200);
		const ld = await ok<{ items: FeedItem[] }>("vanphong.ld", "GET", "/hotspots/feed");
		expect(ld.items.filter((i) => i.caseId === caseId)).toEqual([]);

		const acknowledged = await ok<FeedItem>("trunguong", "POST", "/hotspots/feed/acknowledgements", { itemId });
		expect(acknowledged.acknowledged).toMatchObject({ name: "Nguyễn Văn An" });
		expect(await status("trunguong", "POST", "/hotspots/feed/acknowledgements", { itemId })).toBe(409);
		for (const who of ["vanphong.kh", "thanhtra.kh"]) {
			const seen = await ok<{ items: FeedItem[] }>(who, "GET", "/hotspots/feed?kind=second-instance-decision");
			expect(seen.items.find((i) => i.id === itemId)?.acknowledged, who).toMatchObject({ name: "Nguyễn Văn An" });
		}
	});

	it("the province settles it for good; every step is dated, by whom and why, and audited", async () => {
		await ok("vanphong.kh", "POST", `/hotspots/watches/${watchId}/transitions`, {
			to: "settled",
			reason: "Đã có quyết định giải quyết lần hai, công dân chấp hành",
		});
		const watch = await ok<WatchView>("thanhtra.kh", "GET", `/hotspots/watches/${watchId}`);
		expect(watch.statusLog.map((s) => [s.to, s.byName])).toEqual([
			["watching", "Phạm Thị Dung"],
			["group-sent", "Phạm Thị Dung"],
			["citizens-returned", "Phạm Thị Dung"],
			["settled", "Phạm Thị Dung"],
		]);
		for (const step of watch.statusLog) expect(new Date(step.at).getTime()).toBeGreaterThan(0);
		// Closed: only corrections remain.
		expect(
			await status("vanphong.kh", "PATCH", `/hotspots/watches/${watchId}`, { changes: { expectedPeople: 5 } }),
		).toBe(409);
		const history = await ok<{ items: { rev: number; change: { kind: string } }[] }>(
			"trunguong",
			"GET",
			`/hotspots/watches/${watchId}/history`,
		);
		expect(history.items.map((r) => r.change.kind)).toEqual(["create", "transition", "transition", "transition"]);
		const audit = await ok<{ ok: boolean; problems: string[] }>("trunguong", "GET", "/audit/verify");
		expect(audit).toMatchObject({ ok: true, problems: [] });
		const collections = await fx.platform.records.models.AuditEntry.distinct("collectionName");
		expect(collections).toEqual(
			expect.arrayContaining(["watchentries", "hotspotdevelopments", "workinggroups", "hotspotacknowledgements"]),
		);
	});
});

describe("from the board to a dialogue", () => {
	it("the central office asks in one step; it lands on the province's schedule and its outcome updates the watch", async () => {
		const caseId = await enterCase(fx, "vanphong.kh", "KH", {
			home: { communeId: fx.seed.endpoints["KH-NHATRANG"] },
		});
		const watch = await ok<WatchView>("vanphong.kh", "POST", "/hotspots/watches", watchBody(caseId));
		expect(watch.communeIds).toEqual([fx.seed.endpoints["KH-NHATRANG"]]);
		const body = { plannedStart: inDays(1), reason: "Đoàn đông người dự kiến ra Hà Nội tuần này" };
		expect(await status("vanphong.kh", "POST", `/hotspots/watches/${watch.id}/dialogue`, body)).toBe(403);
		const asked = await ok<{ session: { id: string; hostEndpointId: string } }>(
			"trunguong",
			"POST",
			`/hotspots/watches/${watch.id}/dialogue`,
			body,
		);
		const sessionId = asked.session.id;
		const session = await ok<Record<string, unknown>>("vanphong.kh", "GET", `/sessions/${sessionId}`);
		expect(session).toMatchObject({
			hostEndpointId: fx.seed.endpoints.KH,
			origin: { type: "on-demand", reason: body.reason },
			caseIds: [caseId],
			participantEndpointIds: [fx.seed.endpoints.TW, fx.seed.endpoints["KH-NHATRANG"]],
			status: "scheduled",
		});
		expect(session.agenda).toEqual(expect.arrayContaining(["Cơ quan chịu trách nhiệm: UBND phường Phan Rang"]));
		expect(session.invitedAgencies).toEqual([{ name: "UBND phường Phan Rang" }]);
		const schedule = await ok<{ items: { id: string }[] }>("vanphong.kh", "GET", "/sessions?limit=200");
		expect(schedule.items.map((s) => s.id)).toContain(sessionId);
		expect((await ok<WatchView>("trunguong", "GET", `/hotspots/watches/${watch.id}`)).dialogueSessionIds).toEqual([
			sessionId,
		]);

		for (const to of ["open", "live"]) {
			await ok("vanphong.kh", "POST", `/sessions/${sessionId}/transitions`, { to });
		}
		await ok("vanphong.kh", "POST", "/outcomes", {
			sessionId,
			caseId,
			direction: "returned-to-locality",
			conclusion: "Công dân thống nhất trở về địa phương, tỉnh rà soát lại đơn giá bồi thường trong 30 ngày.",
		});
		// The outcome comes onto the watch entry as it is written (no clock needed).
		const after = await eventually(async () => {
			const w = await ok<WatchView>("trunguong", "GET", `/hotspots/watches/${watch.id}`);
			return w.status === "citizens-returned" ? w : undefined;
		});
		expect(after.lastDialogue).toMatchObject({ sessionId, direction: "returned-to-locality" });
		expect(after.status).toBe("citizens-returned");
		expect(after.statusLog.at(-1)).toMatchObject({ byName: "Phạm Thị Dung" });
	});
});

describe("the national board", () => {
	it("counts per province and tells what changed since the viewer last looked", async () => {
		const seen = await ok<{ seenAt: string }>("trunguong", "POST", "/hotspots/board/seen");
		const before = await ok<BoardAnswer>("trunguong", "GET", "/hotspots/board");
		expect(before.lastSeenAt).toBe(seen.seenAt);
		expect(before.changedSince).toEqual([]);
		const watch = before.items.find((w) => w.status !== "settled");
		expect(watch).toBeDefined();
		await ok("canbo.nhatrang", "POST", `/hotspots/cases/${watch?.caseId}/developments`, {
			occurredAt: inDays(0),
			text: "Công dân tiếp tục tập trung trước trụ sở phường.",
		});
		const after = await ok<BoardAnswer>("trunguong", "GET", "/hotspots/board");
		expect(after.changedSince).toEqual([watch?.id]);
		expect(after.counts.find((c) => c.provinceId === fx.seed.endpoints.KH)?.total).toBe(
			after.items.filter((w) => w.provinceId === fx.seed.endpoints.KH).length,
		);
		// A province's board counts only its own.
		const kh = await ok<BoardAnswer>("vanphong.kh", "GET", "/hotspots/board");
		expect(kh.counts.map((c) => c.provinceId)).toEqual([fx.seed.endpoints.KH]);
	});

	it("refuses a responsible agency of another province", async () => {
		const caseId = await enterCase(fx, "vanphong.kh", "KH");
		const ldAgency = await ok<{ id: string; name: string }>("vanphong.ld", "POST", "/agencies", {
			name: "Sở Tài nguyên và Môi trường tỉnh Lâm Đồng",
			kind: "department",
			provinceId: fx.seed.endpoints.LD,
		});
		const res = await (await fx.as("vanphong.kh")).request(
			"POST",
			"/hotspots/watches",
			watchBody(caseId, {
				responsible: { agency: ldAgency.name, agencyId: ldAgency.id, officerName: "Trần Văn Bảo" },
			}),
		);
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ error: { issues: [{ path: "body.responsible.agencyId" }] } });
	});
});

describe("bad input gets a clear error and writes nothing", () => {
	it("refuses an expected date before the case was received, a group with no members, a 1 MB development", async () => {
		const caseId = await enterCase(fx, "vanphong.kh", "KH", { receivedAt: inDays(-1) });
		const countAll = async () => ({
			audit: await fx.platform.records.models.AuditEntry.countDocuments(),
			watches: await fx.platform.records.models.WatchEntry.countDocuments(),
			groups: await fx.platform.records.models.WorkingGroup.countDocuments(),
			developments: await fx.platform.records.models.HotspotDevelopment.countDocuments(),
		});
		const before = await countAll();
		const kh = await fx.as("vanphong.kh");

		const early = await kh.request("POST", "/hotspots/watches", watchBody(caseId, { expectedFrom: inDays(-3) }));
		expect(early.status).toBe(400);
		expect(early.body).toMatchObject({
			error: {
				code: "VALIDATION_ERROR",
				issues: [{ path: "body.expectedFrom", message: expect.stringContaining("before the case was received") }],
			},
		});

		const empty = await kh.request(
			"POST",
			"/hotspots/groups",
			groupBody(fx.seed.endpoints.KH ?? "", [caseId], { members: [] }),
		);
		expect(empty.status).toBe(400);
		expect(empty.body).toMatchObject({
			error: {
				code: "VALIDATION_ERROR",
				issues: [{ path: "body.members", message: "a working group needs at least one member" }],
			},
		});

		const huge = await kh.request("POST", `/hotspots/cases/${caseId}/developments`, {
			occurredAt: inDays(0),
			text: "x".repeat(1024 * 1024),
		});
		expect(huge.status).toBe(413);
		expect(huge.body).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
		const long = await kh.request("POST", `/hotspots/cases/${caseId}/developments`, {
			occurredAt: inDays(0),
			text: "x".repeat(5000),
		});
		expect(long.status).toBe(400);
		expect(long.body).toMatchObject({ error: { code: "VALIDATION_ERROR", issues: [{ path: "body.text" }] } });

		expect(await countAll()).toEqual(before);
	});
});

describe("live boards over /hotspots", () => {
	const connect = async (who: string) => {
		const client = await fx.as(who);
		const socket = io(`http://127.0.0.1:${fx.platform.port}${HOTSPOTS_NAMESPACE}`, {
			auth: { token: client.accessToken },
			transports: ["websocket"],
			reconnection: false,
		});
		sockets.push(socket);
		return socket;
	};
	const connected = (socket: Socket) =>
		new Promise<{ ok: true } | { ok: false; code: string }>((resolve) => {
			socket.once("connect", () => resolve({ ok: true }));
			socket.once("connect_error", (err) =>
				resolve({ ok: false, code: (err as { data?: { code: string } }).data?.code ?? "" }),
			);
		});
	const next = (socket: Socket) =>
		new Promise<{ caseId: string | null; kind: string }>((resolve) => socket.once("hotspotChanged", resolve));

	it("pushes a change to the watchers holding the case, and only to them", async () => {
		const [kh, ld, tw, it] = await Promise.all(["vanphong.kh", "vanphong.ld", "trunguong", "cntt.kh"].map(connect));
		const [khUp, ldUp, twUp, itUp] = await Promise.all([kh, ld, tw, it].map((s) => connected(s as Socket)));
		expect([khUp, ldUp, twUp]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
		expect(itUp).toEqual({ ok: false, code: "FORBIDDEN" });

		const khCase = await enterCase(fx, "vanphong.kh", "KH");
		const ldCase = await enterCase(fx, "vanphong.ld", "LD", {
			citizens: [{ fullName: "Lê Thị Mơ", address: "Lâm Đồng", idNumber: "068190001234", isRepresentative: true }],
		});
		const khHeard = next(kh as Socket);
		const twHeard = next(tw as Socket);
		const ldHeard = next(ld as Socket);
		await ok("vanphong.kh", "POST", "/hotspots/watches", watchBody(khCase));
		expect(await khHeard).toMatchObject({ kind: "watch", caseId: khCase });
		expect(await twHeard).toMatchObject({ kind: "watch", caseId: khCase });
		// Lâm Đồng's first news is its own case's, not Khánh Hòa's.
		await ok("vanphong.ld", "POST", "/hotspots/watches", watchBody(ldCase));
		expect(await ldHeard).toMatchObject({ kind: "watch", caseId: ldCase });
	});
});
