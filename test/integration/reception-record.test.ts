import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registerYear } from "../../domain/register.js";
import type { AttendanceFact } from "../../signaling/AttendanceRecorder.js";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Interval {
	participantId: string;
	endpointId: string;
	userId: string;
	from: string;
	to: string;
	open: boolean;
}

it("runs a session from scheduled to concluded and issues its notice from the record", {
	timeout: 60_000,
}, async () => {
	const ids = fx.seed;
	const sessionPath = `/sessions/${ids.sessionId}`;
	const chair = await fx.as("chutich.kh");
	const secretariat = await fx.as("vanphong.kh");
	const step = async (to: string, extra: Record<string, unknown> = {}) => {
		const res = await chair.request("POST", `${sessionPath}/transitions`, { to, ...extra });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		return res.body;
	};
	expect((await secretariat.request("POST", `${sessionPath}/transitions`, { to: "live" })).body).toMatchObject({
		error: { code: "CONFLICT" },
	});
	await step("open");
	await step("live");

	// Attendance arrives from signalling: the chair's province, one commune that drops and comes back.
	const seat = (endpoint: string, user: string) => ({
		sessionId: ids.sessionId ?? "",
		endpointId: ids.endpoints[endpoint] ?? "",
		userId: ids.users[user] ?? "",
		userName: user,
		participantId: `seat-${user}`,
	});
	const facts: AttendanceFact[] = [
		{ ...seat("KH", "chutich.kh"), kind: "joined" },
		{ ...seat("KH-PHANRANG", "canbo.phanrang"), kind: "waiting-in-lobby" },
		{ ...seat("KH-PHANRANG", "canbo.phanrang"), kind: "admitted", actorUserId: ids.users["chutich.kh"] },
		{ ...seat("KH-PHANRANG", "canbo.phanrang"), kind: "reconnecting" },
		{ ...seat("KH-PHANRANG", "canbo.phanrang"), kind: "reconnected" },
		{ ...seat("KH-PHANRANG", "canbo.phanrang"), kind: "reconnecting" },
		{ ...seat("KH-PHANRANG", "canbo.phanrang"), kind: "reconnected" },
		{ ...seat("KH-PHANRANG", "canbo.phanrang"), kind: "left" },
		// IT staff tried the link from Nha Trang by mistake: recorded, then voided below.
		{ ...seat("KH-NHATRANG", "canbo.nhatrang"), kind: "joined" },
	];
	for (const fact of facts) {
		fx.platform.attendance.record(fact);
		await pause(30);
	}

	const outcome = {
		sessionId: ids.sessionId,
		caseId: ids.caseId,
		direction: "accept",
		agencyViews: [{ agency: "Sở Nông nghiệp và Môi trường", view: "Đơn giá đã áp dụng đúng khung giá năm 2024" }],
		conclusion: "Giao Sở Tài chính rà soát đơn giá bồi thường.",
		assignments: [
			{
				agency: "Sở Tài chính",
				task: "Rà soát đơn giá bồi thường",
				deadline: "2026-12-31T00:00:00Z",
				reportTo: "Chủ tịch UBND tỉnh",
			},
		],
	};
	const first = await chair.request<{ id: string; revisionId: string }>("POST", "/outcomes", outcome);
	expect(first.status, JSON.stringify(first.body)).toBe(201);
	const twice = await chair.request("POST", "/outcomes", outcome);
	expect(twice).toMatchObject({ status: 409, body: { error: { code: "ALREADY_RECORDED" } } });

	// A correction is a new revision pointing at what it corrects; the first one stays on record.
	const corrected = await chair.request<{ rev: number; supersedes: string; change: unknown }>(
		"PATCH",
		`/outcomes/${first.body.id}`,
		{
			changes: {
				conclusion: "Giao Sở Tài chính chủ trì, phối hợp UBND phường Phan Rang rà soát đơn giá bồi thường.",
				assignments: [
					{
						agency: "Sở Tài chính",
						task: "Rà soát đơn giá bồi thường",
						deadline: "2027-01-15T00:00:00Z",
						reportTo: "Chủ tịch UBND tỉnh",
					},
				],
			},
			correction: { reason: "Ghi sót cơ quan phối hợp và sai thời hạn" },
			expectedRev: 1,
		},
	);
	expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
	expect(corrected.body).toMatchObject({
		rev: 2,
		supersedes: first.body.revisionId,
		change: { kind: "correction", reason: "Ghi sót cơ quan phối hợp và sai thời hạn" },
	});
	const second = await chair.request<{ rev: number; supersedes: string; revisionId: string }>(
		"PATCH",
		`/outcomes/${first.body.id}`,
		{
			changes: { followUpStatus: "in-progress" },
		},
	);
	const history = await chair.request<{
		items: { rev: number; revisionId: string; supersedes: string | null; conclusion: string }[];
	}>("GET", `/outcomes/${first.body.id}/history`);
	expect(history.body.items.map((r) => [r.rev, r.supersedes])).toEqual([
		[1, null],
		[2, history.body.items[0]?.revisionId],
		[3, history.body.items[1]?.revisionId],
	]);
	expect(history.body.items[0]?.conclusion).toBe(outcome.conclusion);
	expect(second.body.supersedes).toBe(history.body.items[1]?.revisionId);
	const listed = await chair.request<{ items: { rev: number }[] }>("GET", `/outcomes?sessionId=${ids.sessionId}`);
	expect(listed.body.items.map((o) => o.rev)).toEqual([3]);

	await step("ended");
	await step("concluded", {
		notice: {
			number: "15/TB-UBND",
			place: "Khánh Hòa",
			otherParticipants: ["Đại diện Sở Tài chính"],
			recipients: ["Sở Tài chính", "UBND phường Phan Rang", "Bà Nguyễn Thị Lan"],
		},
	});

	const mistaken = await eventually(async () => {
		const res = await secretariat.request<{ items: { id: string }[] }>(
			"GET",
			`${sessionPath}/attendance?endpointId=${ids.endpoints["KH-NHATRANG"]}`,
		);
		return res.body.items[0];
	});
	const voiding = { corrects: mistaken.id, reason: "Cán bộ CNTT thử đường truyền" };
	expect((await chair.request("POST", `${sessionPath}/attendance/corrections`, voiding)).status).toBe(403);
	const voided = await secretariat.request("POST", `${sessionPath}/attendance/corrections`, voiding);
	expect(voided).toMatchObject({
		status: 201,
		body: { kind: "voided", corrects: mistaken.id, details: { reason: voiding.reason } },
	});
	expect((await secretariat.request("POST", `${sessionPath}/attendance/corrections`, voiding)).status).toBe(409);

	// Presence derived from the stored events: the commune's seat is split by its two reconnects.
	const summary = await eventually(async () => {
		const res = await secretariat.request<{
			intervals: Interval[];
			byEndpoint: Record<string, { minutes: number; intervals: number }>;
			invitedNeverCame: { endpointIds: string[]; userIds: string[] };
		}>("GET", `${sessionPath}/attendance/summary`);
		return res.body.intervals?.length === 4 ? res.body : undefined;
	});
	const events = await secretariat.request<{ items: { kind: string; at: string }[]; total: number }>(
		"GET",
		`${sessionPath}/attendance?limit=100`,
	);
	expect(events.body.total).toBe(facts.length + 1);
	const at = (i: number) => events.body.items[i]?.at;
	const commune = summary.intervals.filter((i) => i.participantId === "seat-canbo.phanrang");
	expect(commune.map((i) => [i.from, i.to])).toEqual([
		[at(2), at(3)],
		[at(4), at(5)],
		[at(6), at(7)],
	]);
	const chairSeat = summary.intervals.find((i) => i.participantId === "seat-chutich.kh");
	expect(chairSeat).toMatchObject({ from: at(0), open: false });
	expect(summary.byEndpoint[ids.endpoints["KH-PHANRANG"] ?? ""]?.intervals).toBe(3);
	expect(summary.invitedNeverCame.endpointIds.sort()).toEqual([ids.endpoints.TW, ids.endpoints["KH-NHATRANG"]].sort());
	expect(summary.invitedNeverCame.userIds).toEqual([ids.users["vanphong.kh"]]);

	// The conclusion notice, as a PDF, states the session's facts.
	const pdf = await secretariat.request<Buffer>("GET", `${sessionPath}/notice.pdf`);
	expect(pdf.status).toBe(200);
	expect(pdf.headers.get("content-type")).toBe("application/pdf");
	const parser = new PDFParse({ data: new Uint8Array(pdf.body) });
	const text = (await parser.getText()).text.replace(/\s+/g, " ");
	await parser.destroy();
	for (const fact of [
		"THÔNG BÁO",
		"Số: 15/TB-UBND",
		"đồng chí Lê Văn Cường, Chủ tịch UBND tỉnh Khánh Hòa chủ trì",
		"Ban Tiếp công dân tỉnh Khánh Hòa",
		"Điểm cầu phường Phan Rang",
		"Đại diện Sở Tài chính",
		`Vụ việc số 01/${registerYear(new Date())}`,
		"Nguyễn Thị Lan (người đại diện)",
		"(tổng số 6 người)",
		"UBND phường Phan Rang",
		"Sở Nông nghiệp và Môi trường",
		"Thụ lý giải quyết",
		"phối hợp UBND phường Phan Rang",
		"thời hạn 15/01/2027",
		"Bà Nguyễn Thị Lan",
	]) {
		expect(text).toContain(fact);
	}
	expect(text).not.toContain("DỰ THẢO");
	// Endpoint operators keep the link running: the notice names leaders and agencies, not them.
	expect(text).not.toContain("Đỗ Văn Khoa");
	const html = await secretariat.request<Buffer>("GET", `${sessionPath}/notice.html`);
	expect(html.body.toString("utf8")).toContain("Nguyễn Thị Lan (người đại diện)");
});
