import { createHash } from "node:crypto";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, expect, it } from "vitest";
import { HANDLING_DIRECTION_VI } from "../../domain/wording.js";
import { MARGIN_RANGES_MM } from "../../server/documents/layout.js";
import { longDate } from "../../server/documents/vietnameseDate.js";
import type { AttendanceFact } from "../../signaling/AttendanceRecorder.js";
import { MM, pdfFonts, readPdfLayout } from "../support/pdfLayout.js";
import { eventually } from "../support/platform.js";
import { type ApiClient, type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function pdfText(pdf: Buffer): Promise<string> {
	const parser = new PDFParse({ data: new Uint8Array(pdf) });
	const text = (await parser.getText()).text.replace(/\s+/g, " ");
	await parser.destroy();
	return text;
}

/** Each fragment found after the previous one: the parts come in this order. */
function expectInOrder(text: string, parts: string[]): void {
	let at = -1;
	for (const part of parts) {
		const found = text.indexOf(part, at + 1);
		expect(found, `"${part}" after position ${at} in: ${text}`).toBeGreaterThan(at);
		at = found;
	}
}

async function download(client: ApiClient, path: string): Promise<{ bytes: Buffer; hash: string | null }> {
	const res = await client.request<Buffer>("GET", path);
	expect(res.status, path).toBe(200);
	expect(res.headers.get("content-type")).toBe("application/pdf");
	return { bytes: res.body, hash: res.headers.get("x-content-sha256") };
}

it("issues the conclusion notice in the decree's form, frozen by its hash; a correction issues version 2", {
	timeout: 90_000,
}, async () => {
	const ids = fx.seed;
	const path = `/sessions/${ids.sessionId}`;
	const chair = await fx.as("chutich.kh");
	const secretariat = await fx.as("vanphong.kh");
	for (const to of ["open", "live"]) {
		expect((await chair.request("POST", `${path}/transitions`, { to })).status).toBe(201);
	}
	const seat = (endpoint: string, user: string): AttendanceFact => ({
		sessionId: ids.sessionId ?? "",
		endpointId: ids.endpoints[endpoint] ?? "",
		userId: ids.users[user] ?? "",
		userName: user,
		participantId: `seat-${user}`,
		kind: "joined",
	});
	// The chair, the provincial inspectorate, and those who keep the link running (never named).
	for (const [endpoint, user] of [
		["KH", "chutich.kh"],
		["KH", "thanhtra.kh"],
		["KH", "cntt.kh"],
		["KH", "quansat.kh"],
		["KH-PHANRANG", "canbo.phanrang"],
	] as const) {
		fx.platform.attendance.record(seat(endpoint, user));
	}
	await eventually(async () => {
		const res = await secretariat.request<{ total: number }>("GET", `${path}/attendance`);
		return res.body.total >= 5 ? true : undefined;
	});
	const outcome = await chair.request<{ id: string }>("POST", "/outcomes", {
		sessionId: ids.sessionId,
		caseId: ids.caseId,
		direction: "accept",
		agencyViews: [{ agency: "Sở Nông nghiệp và Môi trường", view: "Đơn giá áp dụng đúng khung giá." }],
		conclusion: "Giao Sở Tài chính chủ trì rà soát đơn giá bồi thường.",
		assignments: [
			{
				agency: "Sở Tài chính",
				task: "Rà soát đơn giá bồi thường.",
				deadline: "2027-01-15T00:00:00Z",
				reportTo: "Chủ tịch UBND tỉnh",
			},
			{
				agency: "UBND phường Phan Rang",
				task: "Phối hợp kiểm đếm lại diện tích",
				deadline: "2026-12-31T00:00:00Z",
				reportTo: "Sở Tài chính",
			},
		],
	});
	expect(outcome.status, JSON.stringify(outcome.body)).toBe(201);
	expect((await chair.request("POST", `${path}/transitions`, { to: "ended" })).status).toBe(201);

	// Before issue: a draft, marked so.
	expect(await pdfText((await download(secretariat, `${path}/notice.pdf`)).bytes)).toContain("DỰ THẢO");

	const issued = await secretariat.request("POST", `${path}/transitions`, {
		to: "concluded",
		notice: { number: "15/TB-VPUBND", recipients: ["Thanh tra tỉnh Khánh Hòa"] },
	});
	expect(issued.status, JSON.stringify(issued.body)).toBe(201);
	expect(issued.body).toMatchObject({ status: "concluded", notice: { number: "15/TB-VPUBND", version: 1 } });

	const versions = await secretariat.request<{ items: { version: number; sha256: string; issuedAt: string }[] }>(
		"GET",
		`${path}/notices`,
	);
	expect(versions.body.items).toHaveLength(1);
	const v1 = versions.body.items[0] ?? { version: 0, sha256: "", issuedAt: "" };
	const first = await download(secretariat, `${path}/notice.pdf`);
	expect(sha256(first.bytes)).toBe(v1.sha256);
	expect(first.hash).toBe(v1.sha256);
	expect((issued.body as { notice: { sha256: string } }).notice.sha256).toBe(v1.sha256);

	// The hash is in the audit chain, with the number it was issued under.
	const audited = await fx.platform.records.models.AuditEntry.find({ collectionName: "issuednotices" }).lean<
		{ document: { sha256: string; number: string; rev: number } }[]
	>();
	expect(audited.map((a) => [a.document.rev, a.document.number, a.document.sha256])).toEqual([
		[1, "15/TB-VPUBND", v1.sha256],
	]);

	// Every part of the notice, in the decree's order.
	const text = await pdfText(first.bytes);
	expectInOrder(text, [
		"UBND TỈNH KHÁNH HÒA",
		"VĂN PHÒNG",
		"Số: 15/TB-VPUBND",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		`Khánh Hòa, ${longDate(new Date(v1.issuedAt))}`,
		"THÔNG BÁO",
		"Kết luận của Chủ tịch UBND tỉnh Khánh Hòa tại buổi tiếp công dân định kỳ (trực tuyến) ngày",
		"đồng chí Lê Văn Cường, Chủ tịch UBND tỉnh Khánh Hòa chủ trì buổi tiếp công dân định kỳ",
		"Tham dự có: đồng chí Vũ Thị Giang, Chánh Thanh tra tỉnh Khánh Hòa",
		"1. Kết luận đối với từng vụ việc",
		"Vụ việc số 01/2026",
		"Nguyễn Thị Lan (người đại diện)",
		`Kết luận: ${HANDLING_DIRECTION_VI.accept}. Giao Sở Tài chính chủ trì rà soát đơn giá bồi thường.`,
		"2. Giao nhiệm vụ",
		"- Sở Tài chính: Rà soát đơn giá bồi thường (vụ việc số 01/2026), thời hạn 15/01/2027",
		"- UBND phường Phan Rang: Phối hợp kiểm đếm lại diện tích (vụ việc số 01/2026), thời hạn 31/12/2026",
		"Văn phòng UBND tỉnh Khánh Hòa thông báo",
		"TL. CHỦ TỊCH",
		"CHÁNH VĂN PHÒNG",
		"Phạm Thị Dung",
		"Nơi nhận:",
		"- Trụ sở Tiếp công dân Trung ương;",
		"- Sở Tài chính;",
		"- UBND phường Phan Rang;",
		"- Công dân Nguyễn Thị Lan (Phường Phan Rang, Khánh Hòa);",
		"- Thanh tra tỉnh Khánh Hòa;",
		"- Lưu: VT.",
	]);
	for (const unnamed of ["Hoàng Văn Em", "Đặng Văn Hải", "Đỗ Văn Khoa", ".;", "..", "DỰ THẢO"]) {
		expect(text).not.toContain(unnamed);
	}

	// A Times-metric serif with Vietnamese, embedded; body 13–14 pt; A4 within the decree's margins.
	for (const font of pdfFonts(first.bytes)) {
		expect(font.name).toMatch(/\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$/);
		expect(font.embedded).toBe(true);
	}
	const layout = await readPdfLayout(first.bytes);
	for (const page of layout.pages) expect([Math.round(page.width), Math.round(page.height)]).toEqual([595, 842]);
	const body = layout.items.filter((i) => /Nội dung|Yêu cầu của công dân|Sau khi nghe/.test(i.text));
	expect(body.length).toBeGreaterThan(0);
	for (const item of body) expect(item.size >= 13 && item.size <= 14, `${item.text}: ${item.size} pt`).toBe(true);
	const text2 = layout.items.filter((i) => !/^\d+$/.test(i.text.trim()));
	const left = Math.min(...text2.map((i) => i.left)) / MM;
	const right = 210 - Math.max(...text2.map((i) => i.right)) / MM;
	const top = Math.min(...text2.filter((i) => i.page === 1).map((i) => i.top)) / MM;
	expect(left).toBeGreaterThanOrEqual(MARGIN_RANGES_MM.left[0]);
	expect(left).toBeLessThanOrEqual(MARGIN_RANGES_MM.left[1]);
	expect(right).toBeGreaterThanOrEqual(MARGIN_RANGES_MM.right[0]);
	expect(right).toBeLessThanOrEqual(MARGIN_RANGES_MM.right[1]);
	expect(top).toBeGreaterThanOrEqual(MARGIN_RANGES_MM.top[0]);

	// Frozen: no new outcome, no changed decision; tracking progress goes on; the bytes never change.
	const outcomesBefore = await fx.platform.records.models.Outcome.countDocuments({ sessionId: ids.sessionId });
	expect(
		await chair.request("POST", "/outcomes", {
			sessionId: ids.sessionId,
			caseId: ids.caseId,
			direction: "guide",
			conclusion: "X",
		}),
	).toMatchObject({ status: 409, body: { error: { code: "NOTICE_FROZEN" } } });
	expect(
		await chair.request("PATCH", `/outcomes/${outcome.body.id}`, { changes: { conclusion: "Khác" } }),
	).toMatchObject({ status: 409, body: { error: { code: "NOTICE_FROZEN" } } });
	expect(await fx.platform.records.models.Outcome.countDocuments({ sessionId: ids.sessionId })).toBe(outcomesBefore);
	const progress = await secretariat.request("PATCH", `/outcomes/${outcome.body.id}`, {
		changes: { followUpStatus: "in-progress" },
	});
	expect(progress.status, JSON.stringify(progress.body)).toBe(201);
	expect(
		await secretariat.request("POST", `${path}/transitions`, { to: "concluded", notice: { number: "16/TB-VPUBND" } }),
	).toMatchObject({ status: 409, body: { error: { code: "NOTICE_FROZEN" } } });
	const later = await download(secretariat, `${path}/notices/1.pdf`);
	expect(later.bytes.equals(first.bytes)).toBe(true);
	expect((await download(await fx.as("thanhtra.cp"), `${path}/notice.pdf`)).bytes.equals(first.bytes)).toBe(true);

	// A correction refused for bad input writes nothing.
	const badCorrection = await secretariat.request("POST", `${path}/notices/corrections`, {
		reason: "Sai thời hạn",
		outcomes: [{ caseId: "000000000000000000000000", conclusion: "X" }],
	});
	expect(badCorrection).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_ERROR" } } });
	expect((await secretariat.request<{ items: unknown[] }>("GET", `${path}/notices`)).body.items).toHaveLength(1);

	// The correction: version 2, with its reason, naming version 1; both stay downloadable.
	const reason = "Ghi sai thời hạn của Sở Tài chính";
	const corrected = await chair.request("POST", `${path}/notices/corrections`, {
		reason,
		expectedVersion: 1,
		outcomes: [
			{
				caseId: ids.caseId,
				assignments: [
					{
						agency: "Sở Tài chính",
						task: "Rà soát đơn giá bồi thường",
						deadline: "2027-02-15T00:00:00Z",
						reportTo: "Chủ tịch UBND tỉnh",
					},
				],
			},
		],
	});
	expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
	expect(corrected.body).toMatchObject({ notice: { version: 2 }, change: { kind: "correction", reason } });
	const all = await secretariat.request<{
		items: { version: number; sha256: string; reason?: string; replaces?: { version: number } }[];
	}>("GET", `${path}/notices`);
	expect(all.body.items.map((v) => [v.version, v.reason ?? null, v.replaces?.version ?? null])).toEqual([
		[1, null, null],
		[2, reason, 1],
	]);
	const v2 = await download(secretariat, `${path}/notices/2.pdf`);
	expect(sha256(v2.bytes)).toBe(all.body.items[1]?.sha256);
	const v2text = await pdfText(v2.bytes);
	expect(v2text).toContain("đính chính và thay thế Thông báo số 15/TB-VPUBND");
	expect(v2text).toContain(reason);
	expect(v2text).toContain("thời hạn 15/02/2027");
	expect((await download(secretariat, `${path}/notice.pdf`)).bytes.equals(v2.bytes)).toBe(true);
	const v1again = await download(secretariat, `${path}/notices/1.pdf`);
	expect(v1again.bytes.equals(first.bytes)).toBe(true);
	expect(v1again.hash).toBe(v1.sha256);
	const history = await chair.request<{ items: { change: { kind: string; reason?: string } }[] }>(
		"GET",
		`/outcomes/${outcome.body.id}/history`,
	);
	expect(history.body.items.at(-1)?.change).toEqual({ kind: "correction", reason });
	expect((await fx.platform.records.verifyAudit()).ok).toBe(true);
});
