import { expect } from "vitest";
import type { RecordsFixture } from "./records.js";

/** A live session's outcome giving a task to a new agency, then the agency's progress and closing result. */
export async function outcomeWithClosedTask(
	fixture: RecordsFixture,
): Promise<{ outcomeId: string; taskId: string; taskRevs: number[] }> {
	const chair = await fixture.as("chutich.kh");
	for (const to of ["open", "live"])
		await chair.request("POST", `/sessions/${fixture.seed.sessionId}/transitions`, { to });
	const secretariat = await fixture.as("vanphong.kh");
	const agency = await secretariat.request<{ id: string }>("POST", "/agencies", {
		name: `Sở Tài chính tỉnh Khánh Hòa ${Date.now()}`,
		kind: "department",
		provinceId: fixture.seed.endpoints.KH,
		contacts: [{ name: "Lê Văn Tám", title: "Chánh Văn phòng", phone: "0258 3822 111" }],
	});
	expect(agency.status).toBe(201);
	const outcome = await secretariat.request<{ id: string }>("POST", "/outcomes", {
		sessionId: fixture.seed.sessionId,
		caseId: fixture.seed.caseId,
		direction: "accept",
		conclusion: "Giao Sở Tài chính rà soát đơn giá bồi thường.",
		assignments: [
			{
				agencyId: agency.body.id,
				task: "Rà soát đơn giá",
				deadline: new Date(Date.now() + 10 * 86_400_000).toISOString(),
				reportTo: "UBND tỉnh",
			},
		],
	});
	expect(outcome.status).toBe(201);
	const tasks = await secretariat.request<{ items: { id: string }[] }>("GET", `/tasks?agency=${agency.body.id}`);
	const taskId = tasks.body.items[0]?.id ?? "";
	const note = await secretariat.request("POST", `/tasks/${taskId}/progress`, { note: "Đã làm việc với hộ dân" });
	expect(note.status).toBe(201);
	const closed = await secretariat.request<{ rev: number }>("POST", `/tasks/${taskId}/result`, {
		documentNumber: "45/BC-STC",
		date: "2026-03-20T00:00:00.000Z",
		summary: "Đã rà soát, giữ nguyên đơn giá",
	});
	expect(closed.status).toBe(201);
	return { outcomeId: outcome.body.id, taskId, taskRevs: [1, 2, closed.body.rev] };
}
