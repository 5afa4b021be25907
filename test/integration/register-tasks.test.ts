import { afterAll, beforeAll, expect, it } from "vitest";
import type { TaskCounts, TaskView } from "../../domain/api/register.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
const DAY = 86_400_000;

beforeAll(async () => {
	fx = await startRecordsFixture();
	const chair = await fx.as("chutich.kh");
	for (const to of ["open", "live"]) {
		expect((await chair.request("POST", `/sessions/${fx.seed.sessionId}/transitions`, { to })).status).toBe(201);
	}
});
afterAll(async () => {
	await fx?.platform.stop();
});

const endpoint = (code: string) => fx.seed.endpoints[code] ?? "";

async function newAgency(name: string, kind = "department"): Promise<string> {
	const secretariat = await fx.as("vanphong.kh");
	const created = await secretariat.request<{ id: string }>("POST", "/agencies", {
		name,
		kind,
		provinceId: endpoint("KH"),
		contacts: [{ name: "Trần Văn Sáu", title: "Chánh Văn phòng", phone: "0258 3822 000" }],
	});
	expect(created.status).toBe(201);
	return created.body.id;
}

it("keeps agencies per province: Lâm Đồng neither adds nor reads Khánh Hòa's", async () => {
	const agencyId = await newAgency("Sở Xây dựng tỉnh Khánh Hòa");
	const ld = await fx.as("vanphong.ld");
	expect((await ld.request("GET", `/agencies/${agencyId}`)).status).toBe(404);
	const refused = await ld.request("POST", "/agencies", { name: "X", kind: "police", provinceId: endpoint("KH") });
	expect(refused.status).toBe(403);
	expect((await (await fx.as("canbo.nhatrang")).request("GET", "/agencies")).status).toBe(403);
	// Editing: another province's secretariat finds no such agency; the chair (reads only) is refused.
	const rename = { changes: { name: "Sở khác" } };
	expect((await ld.request("PATCH", `/agencies/${agencyId}`, rename)).status).toBe(404);
	const chairEdit = await (await fx.as("chutich.kh")).request<{ error: { code: string } }>(
		"PATCH",
		`/agencies/${agencyId}`,
		rename,
	);
	expect(chairEdit.body.error.code).toBe("FORBIDDEN");
	const listed = await (await fx.as("chutich.kh")).request<{ items: { id: string }[] }>(
		"GET",
		`/agencies?province=${endpoint("KH")}`,
	);
	expect(listed.body.items.map((a) => a.id)).toContain(agencyId);
});

it("turns an outcome's assignment into a task whose overdue state and reminders come from its deadline alone", async () => {
	const agencyId = await newAgency("Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa");
	const secretariat = await fx.as("vanphong.kh");
	const deadline = new Date(Date.now() + 2 * DAY);
	const outcome = await secretariat.request<{ id: string; assignments: { agency: string }[] }>("POST", "/outcomes", {
		sessionId: fx.seed.sessionId,
		caseId: fx.seed.caseId,
		direction: "accept",
		conclusion: "Giao Sở Nông nghiệp và Môi trường kiểm tra đơn giá bồi thường.",
		assignments: [{ agencyId, task: "Kiểm tra, báo cáo đơn giá bồi thường", deadline, reportTo: "UBND tỉnh" }],
	});
	expect(outcome.status).toBe(201);
	expect(outcome.body.assignments[0]?.agency).toBe("Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa");

	const list = async () =>
		(await secretariat.request<{ items: TaskView[]; counts: TaskCounts }>("GET", `/tasks?agency=${agencyId}`)).body;
	const [task] = (await list()).items;
	expect(task).toMatchObject({ agencyName: "Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa", state: "due-soon" });
	const taskId = task?.id ?? "";

	// Three days before: the first reminder, recorded once, raised at the province.
	const first = await fx.platform.taskReminders.check();
	expect(first.map((r) => r.kind)).toEqual(["three-days-before"]);
	expect(await fx.platform.taskReminders.check()).toEqual([]);

	// The clock reaches the deadline's day: the second reminder; past the deadline it is overdue, set by no one.
	fx.platform.clock.offsetMs = deadline.getTime() - Date.now() - 60_000;
	expect((await fx.platform.taskReminders.check()).map((r) => r.kind)).toEqual(["on-deadline"]);
	fx.platform.clock.offsetMs = deadline.getTime() - Date.now() + 60_000;
	const overdue = await list();
	expect(overdue.items[0]?.state).toBe("overdue");
	expect(overdue.counts).toMatchObject({ overdue: 1, done: 0 });
	const reminders = await secretariat.request<{ items: { kind: string }[] }>("GET", `/tasks/${taskId}/reminders`);
	expect(reminders.body.items.map((r) => r.kind)).toEqual(["three-days-before", "on-deadline"]);
	// The outcome's follow-up shows overdue too, computed; nobody may set it by hand.
	const shown = await secretariat.request<{ followUpStatus: string }>("GET", `/outcomes/${outcome.body.id}`);
	expect(shown.body.followUpStatus).toBe("overdue");
	const listed = await secretariat.request<{ items: { id: string }[] }>("GET", "/outcomes?followUpStatus=overdue");
	expect(listed.body.items.map((o) => o.id)).toEqual([outcome.body.id]);
	const pending = await secretariat.request<{ items: { id: string }[] }>("GET", "/outcomes?followUpStatus=pending");
	expect(pending.body.items.map((o) => o.id)).not.toContain(outcome.body.id);
	const byHand = await secretariat.request<{ error: { message: string; issues: { path: string }[] } }>(
		"PATCH",
		`/outcomes/${outcome.body.id}`,
		{ changes: { followUpStatus: "overdue" } },
	);
	expect(byHand.status).toBe(400);
	expect(byHand.body.error.message).toMatch(/changes\.followUpStatus: overdue is computed/);
	const created = await secretariat.request<{ error: { issues: { path: string }[] } }>("POST", "/outcomes", {
		sessionId: fx.seed.sessionId,
		caseId: fx.seed.caseId,
		direction: "accept",
		conclusion: "x",
		followUpStatus: "overdue",
	});
	expect(created.body.error.issues.map((i) => i.path)).toEqual(["body.followUpStatus"]);
	expect((await secretariat.request<{ rev: number }>("GET", `/outcomes/${outcome.body.id}`)).body.rev).toBe(1);
	const alerts = await fx.platform.alerts.model.find({ kind: "task-deadline", endpointId: endpoint("KH") }).lean();
	expect(alerts).toHaveLength(1);
	expect(alerts[0]).toMatchObject({ count: 2, facts: { taskId, reminder: "on-deadline" } });

	// Progress, then the closing result: done.
	expect(
		(await secretariat.request("POST", `/tasks/${taskId}/progress`, { note: "Sở đã làm việc với hộ dân." })).status,
	).toBe(201);
	const closed = await secretariat.request<TaskView>("POST", `/tasks/${taskId}/result`, {
		documentNumber: "125/BC-SNNMT",
		date: new Date().toISOString(),
		summary: "Đơn giá đã áp dụng đúng quy định.",
	});
	expect(closed.body).toMatchObject({ state: "done", progress: [{ note: "Sở đã làm việc với hộ dân." }] });
	// The deadline alert ends with the task: cleared, its condition gone.
	const after = await fx.platform.alerts.model.find({ kind: "task-deadline", endpointId: endpoint("KH") }).lean();
	expect(after).toMatchObject([{ open: false, cleared: { reason: "condition-ended" } }]);
	const byAgency = await secretariat.request<{ items: { agencyId: string; counts: TaskCounts }[] }>(
		"GET",
		`/tasks/by-agency?province=${endpoint("KH")}`,
	);
	expect(byAgency.body.items.find((a) => a.agencyId === agencyId)?.counts).toMatchObject({ done: 1, overdue: 0 });
	fx.platform.clock.offsetMs = 0;
});

it("refuses tasks from a role or a province that does not follow the case", async () => {
	const agencyId = await newAgency("Công an tỉnh Khánh Hòa", "police");
	const body = {
		caseId: fx.seed.caseId,
		agencyId,
		description: "Bảo đảm an ninh trật tự",
		deadline: new Date(Date.now() + 10 * DAY).toISOString(),
		reportTo: "UBND tỉnh",
	};
	for (const who of ["canbo.phanrang", "thanhtra.kh"]) {
		const refused = await (await fx.as(who)).request<{ error: { code: string } }>("POST", "/tasks", body);
		expect(refused.body.error.code, who).toBe("FORBIDDEN");
	}
	// Another province's secretariat: the case and the agency are answered as absent.
	const elsewhere = await (await fx.as("vanphong.ld")).request<{ error: { code: string } }>("POST", "/tasks", body);
	expect(elsewhere.body.error.code).toBe("NOT_FOUND");
	// Khánh Hòa may not give a task, or an outcome's assignment, to Lâm Đồng's agency: absent to it.
	const ldAgency = await (await fx.as("vanphong.ld")).request<{ id: string }>("POST", "/agencies", {
		name: "Sở Xây dựng tỉnh Lâm Đồng",
		kind: "department",
		provinceId: endpoint("LD"),
	});
	expect(ldAgency.status).toBe(201);
	const kh = await fx.as("vanphong.kh");
	const toLd = await kh.request<{ error: { code: string; message: string } }>("POST", "/tasks", {
		...body,
		agencyId: ldAgency.body.id,
	});
	expect([toLd.status, toLd.body.error.message]).toEqual([404, expect.stringContaining("agencyId")]);
	const assigned = await kh.request<{ error: { code: string; message: string } }>("POST", "/outcomes", {
		sessionId: fx.seed.sessionId,
		caseId: fx.seed.caseId,
		direction: "forward",
		conclusion: "Chuyển Lâm Đồng",
		assignments: [{ agencyId: ldAgency.body.id, task: "Xem xét", deadline: body.deadline, reportTo: "UBND tỉnh" }],
	});
	expect([assigned.status, assigned.body.error.message]).toEqual([404, expect.stringContaining("assignments")]);
	const ldTasks = await (await fx.as("vanphong.ld")).request<{ total: number }>("GET", "/tasks");
	expect(ldTasks.body.total).toBe(0);
	const given = await (await fx.as("vanphong.kh")).request<TaskView>("POST", "/tasks", body);
	expect(given.body).toMatchObject({ state: "open", registerNumber: expect.stringMatching(/^01\//) });
	expect((await (await fx.as("vanphong.ld")).request("GET", `/tasks/${given.body.id}`)).status).toBe(404);
	expect((await (await fx.as("canbo.phanrang")).request("GET", `/tasks/${given.body.id}`)).status).toBe(200);
	// Progress and the closing result: refused to a role that only reads tasks, and to another province
	// as if the task did not exist (its reminders too); nothing is written.
	const id = given.body.id;
	const progress = { note: "Đã làm việc" };
	const result = { documentNumber: "12/BC", date: new Date().toISOString(), summary: "Xong" };
	for (const who of ["thanhtra.kh", "canbo.phanrang"]) {
		const client = await fx.as(who);
		for (const [path, payload] of [
			["progress", progress],
			["result", result],
		] as const) {
			const refused = await client.request<{ error: { code: string } }>("POST", `/tasks/${id}/${path}`, payload);
			expect(refused.body.error.code, `${who} ${path}`).toBe("FORBIDDEN");
		}
	}
	const ld = await fx.as("vanphong.ld");
	for (const [path, payload] of [
		["progress", progress],
		["result", result],
	] as const) {
		const absent = await ld.request<{ error: { code: string } }>("POST", `/tasks/${id}/${path}`, payload);
		expect([absent.status, absent.body.error.code], path).toEqual([404, "NOT_FOUND"]);
	}
	expect((await ld.request("GET", `/tasks/${id}/reminders`)).status).toBe(404);
	const unchanged = await (await fx.as("vanphong.kh")).request<TaskView>("GET", `/tasks/${id}`);
	expect(unchanged.body).toMatchObject({ rev: 1, progress: [], result: null });
	const bad = await (await fx.as("vanphong.kh")).request<{ error: { issues: { path: string }[] } }>("POST", "/tasks", {
		...body,
		deadline: "not a date",
	});
	expect(bad.body.error.issues.map((i) => i.path)).toContain("body.deadline");
});

it("takes a deadline typed as a day as the end of that day in Vietnam: due all day, overdue from the next", async () => {
	const agencyId = await newAgency("Sở Tài nguyên và Môi trường tỉnh Khánh Hòa");
	const day = new Date(Date.now() + 20 * DAY).toLocaleDateString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" });
	const secretariat = await fx.as("vanphong.kh");
	const given = await secretariat.request<TaskView>("POST", "/tasks", {
		caseId: fx.seed.caseId,
		agencyId,
		description: "Đo đạc lại ranh giới thửa đất",
		deadline: day,
		reportTo: "UBND tỉnh",
	});
	expect(given.status).toBe(201);
	// 23:59:59.999 on that day in Vietnam (UTC+7), not midnight UTC (07:00 there).
	expect(given.body.deadline).toBe(new Date(`${day}T23:59:59.999+07:00`).toISOString());
	const stateAt = async (vietnamTime: string) => {
		fx.platform.clock.offsetMs = new Date(`${day}T${vietnamTime}+07:00`).getTime() - Date.now();
		return (await secretariat.request<TaskView>("GET", `/tasks/${given.body.id}`)).body.state;
	};
	try {
		expect(await stateAt("20:00:00")).toBe("due-soon");
		expect(await stateAt("23:59:00")).toBe("due-soon");
		expect(await stateAt("00:00:01")).toBe("due-soon");
		fx.platform.clock.offsetMs = new Date(`${day}T23:59:59.999+07:00`).getTime() + 2000 - Date.now();
		expect((await secretariat.request<TaskView>("GET", `/tasks/${given.body.id}`)).body.state).toBe("overdue");
	} finally {
		fx.platform.clock.offsetMs = 0;
	}
	// A day that is not one is refused, naming the field.
	const wrong = await secretariat.request<{ error: { issues: { path: string }[] } }>("POST", "/tasks", {
		caseId: fx.seed.caseId,
		agencyId,
		description: "Sai ngày",
		deadline: "2026-02-30",
		reportTo: "UBND tỉnh",
	});
	expect(wrong.status).toBe(400);
	expect(wrong.body.error.issues.map((i) => i.path)).toContain("body.deadline");
});
