import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerYear } from "../../domain/register.js";
import { type ApiClient, type RecordsFixture, sampleCase, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

interface CaseBody {
	id: string;
	rev: number;
	registerNumber: string;
	registerSeq: number;
	repeat: boolean;
	visitCount: number;
	previousCaseIds: string[];
	legacyId: boolean;
	manyPeople: boolean;
	voided: boolean;
	home: { provinceId?: string; provinceName?: string; communeName?: string };
	endpointName: string;
	receivingOfficer: { name: string };
	citizens: { idKind: string; idProvinceCode?: string }[];
	scopeEndpointIds: string[];
}
interface ErrorBody {
	error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const endpoint = (code: string) => fx.seed.endpoints[code] ?? "";

const caseAt = (code: string, extra: Record<string, unknown> = {}) => sampleCase(endpoint(code), extra);

async function countWritten(): Promise<{ cases: number; numbers: number }> {
	const db = fx.platform.database.connection;
	return {
		cases: await db.collection("cases").countDocuments(),
		numbers: await db.collection("registernumbers").countDocuments(),
	};
}

describe("entering a case", () => {
	it("numbers entries per endpoint and year, and counts a repeat visit by ID number", async () => {
		const operator = await fx.as("canbo.nhatrang");
		const year = registerYear(new Date());
		const first = await operator.request<CaseBody>("POST", "/cases", caseAt("KH-NHATRANG"));
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({
			registerNumber: `01/${year}`,
			registerSeq: 1,
			repeat: false,
			visitCount: 1,
			legacyId: false,
			endpointName: "Điểm cầu phường Nha Trang",
			receivingOfficer: { name: "Bùi Thị Hoa" },
			home: { provinceId: endpoint("KH"), provinceName: "Ban Tiếp công dân tỉnh Khánh Hòa" },
			citizens: [{ idKind: "cccd", idProvinceCode: "056" }],
		});
		const second = await operator.request<CaseBody>(
			"POST",
			"/cases",
			caseAt("KH-NHATRANG", { summary: "Lần hai: chưa được hòa giải." }),
		);
		expect(second.body).toMatchObject({
			registerNumber: `02/${year}`,
			repeat: true,
			visitCount: 2,
			previousCaseIds: [first.body.id],
		});
		// Another endpoint keeps its own register; an old 9-digit CMND is accepted and flagged.
		const elsewhere = await (await fx.as("canbo.phanrang")).request<CaseBody>(
			"POST",
			"/cases",
			caseAt("KH-PHANRANG", {
				citizens: [{ fullName: "Trần Văn Bảy", address: "Phường Phan Rang", idNumber: "264123456" }],
			}),
		);
		expect(elsewhere.body).toMatchObject({ registerNumber: `02/${year}`, legacyId: true, repeat: false });
		expect(elsewhere.body.citizens[0]?.idKind).toBe("cmnd");

		const found = await operator.request<{ items: { id: string }[] }>("GET", "/cases?idNumber=056185009876");
		expect(found.body.items.map((c) => c.id).sort()).toEqual([first.body.id, second.body.id].sort());
		const byName = await operator.request<{ total: number }>("GET", `/cases?name=${encodeURIComponent("thị hồng")}`);
		expect(byName.body.total).toBe(2);
	});

	it("voids an entry by a correction with a reason; its number is kept and never reused", async () => {
		const operator = await fx.as("canbo.nhatrang");
		const entered = await operator.request<CaseBody>("POST", "/cases", caseAt("KH-NHATRANG"));
		const noReason = await operator.request<ErrorBody>("PATCH", `/cases/${entered.body.id}`, {
			changes: { voided: true },
		});
		expect(noReason.status).toBe(400);
		expect(noReason.body.error.issues?.[0]?.path).toBe("body.correction");
		const voided = await operator.request<CaseBody>("PATCH", `/cases/${entered.body.id}`, {
			changes: { voided: true },
			correction: { reason: "Nhập trùng hồ sơ" },
		});
		expect(voided.body).toMatchObject({ voided: true, registerNumber: entered.body.registerNumber });
		const next = await operator.request<CaseBody>("POST", "/cases", caseAt("KH-NHATRANG"));
		expect(next.body.registerSeq).toBe(entered.body.registerSeq + 1);
		const listed = await operator.request<{ items: { id: string }[] }>("GET", "/cases?idNumber=056185009876");
		expect(listed.body.items.map((c) => c.id)).not.toContain(entered.body.id);
		// The voided entry is no earlier visit: the next case counts only the live ones.
		expect(next.body.previousCaseIds).not.toContain(entered.body.id);
		const onlyVoided = await operator.request<{ items: { id: string }[] }>("GET", "/cases?voided=true");
		expect(onlyVoided.body.items.map((c) => c.id)).toEqual([entered.body.id]);
	});
});

it("prints the register page for a date range as a PDF in the documents' typography", async () => {
	const operator = await fx.as("canbo.nhatrang");
	const from = new Date(Date.now() - 86_400_000).toISOString();
	const to = new Date(Date.now() + 86_400_000).toISOString();
	const pdf = await operator.request<Buffer>("GET", `/cases/register.pdf?from=${from}&to=${to}`);
	expect(pdf.status).toBe(200);
	expect(pdf.headers.get("content-type")).toBe("application/pdf");
	const parser = new PDFParse({ data: new Uint8Array(pdf.body) });
	const text = (await parser.getText()).text.replace(/\s+/g, " ");
	await parser.destroy();
	const year = registerYear(new Date());
	for (const fact of [
		"SỔ TIẾP CÔNG DÂN",
		"ĐIỂM CẦU PHƯỜNG NHA TRANG",
		`Số 01/${year}`,
		"Lê Thị Hồng",
		"CCCD 056185009876",
		"(ĐÃ HỦY)",
		"Đất đai",
	]) {
		expect(text).toContain(fact);
	}
});

describe("bad input is refused naming the field, and nothing is written", () => {
	const cases: [string, Record<string, unknown>, string][] = [
		[
			"a CCCD whose first three digits are no province code",
			{ citizens: [{ fullName: "A", address: "B", idNumber: "999185009876" }] },
			"body.citizens.0.idNumber",
		],
		["a delegation of 0 people", { peopleCount: 0 }, "body.peopleCount"],
		["an unknown field code", { field: "admin.weather" }, "body.field"],
		["a 2 MB summary", { summary: "x".repeat(2 * 1024 * 1024) }, "body.summary"],
		[
			"a delegation of 12 with no representative",
			{
				peopleCount: 12,
				citizens: [{ fullName: "A", address: "B", idNumber: "056185009876", isRepresentative: false }],
			},
			"body.citizens",
		],
		[
			"a first-instance decision without its number",
			{ resolution: { stage: "first-instance", date: "2026-01-02", issuer: "UBND tỉnh" } },
			"body.resolution.documentNumber",
		],
		["a case at the central office with no home province", { endpointId: "TW" }, "body.home.provinceId"],
	];
	it.each(cases)("%s", async (_what, change, path) => {
		const central = await fx.as("trunguong");
		const body = { ...caseAt("KH"), ...change };
		if (body.endpointId === "TW") body.endpointId = endpoint("TW");
		const before = await countWritten();
		const res = await central.request<ErrorBody>("POST", "/cases", body);
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe("VALIDATION_ERROR");
		expect(res.body.error.issues?.map((i) => i.path)).toContain(path);
		expect(res.body.error.message).toContain(path);
		expect(await countWritten()).toEqual(before);
	});
});

describe("a case followed by the citizens' own province", () => {
	let kh: ApiClient;
	let ld: ApiClient;
	let caseId: string;
	let sessionId: string;

	beforeAll(async () => {
		const central = await fx.as("trunguong");
		kh = await fx.as("vanphong.kh");
		ld = await fx.as("vanphong.ld");
		const entered = await central.request<CaseBody>(
			"POST",
			"/cases",
			caseAt("KH", {
				endpointId: endpoint("TW"),
				home: { communeId: endpoint("KH-PHANRANG") },
				peopleCount: 7,
				citizens: [
					{ fullName: "Phan Văn Tám", address: "Phường Phan Rang", idNumber: "058075001111", isRepresentative: true },
				],
			}),
		);
		expect(entered.body).toMatchObject({
			manyPeople: true,
			home: { provinceId: endpoint("KH"), communeName: "Điểm cầu phường Phan Rang" },
		});
		caseId = entered.body.id;
		const session = await central.request<{ id: string }>("POST", "/sessions", {
			kind: "unscheduled",
			origin: { type: "on-demand", reason: "Đoàn đông người tại Trụ sở" },
			title: "Tiếp đoàn công dân Khánh Hòa tại Trụ sở Trung ương",
			plannedStart: new Date().toISOString(),
			plannedEnd: new Date(Date.now() + 3_600_000).toISOString(),
			hostEndpointId: endpoint("TW"),
			chairUserId: fx.seed.users["chutich.kh"],
			caseIds: [caseId],
		});
		sessionId = session.body.id;
		for (const to of ["open", "live"]) {
			expect((await central.request("POST", `/sessions/${sessionId}/transitions`, { to })).status).toBe(201);
		}
	});

	it("is readable by the home province's secretariat; to another province it does not exist", async () => {
		expect((await kh.request("GET", `/cases/${caseId}`)).status).toBe(200);
		expect((await kh.request("GET", `/cases/${caseId}/history`)).status).toBe(200);
		const inList = await kh.request<{ items: { id: string }[] }>("GET", `/cases?home=${endpoint("KH")}`);
		expect(inList.body.items.map((c) => c.id)).toContain(caseId);
		expect((await ld.request<ErrorBody>("GET", `/cases/${caseId}`)).body.error.code).toBe("NOT_FOUND");
		const ldList = await ld.request<{ items: { id: string }[] }>("GET", "/cases");
		expect(ldList.body.items.map((c) => c.id)).not.toContain(caseId);
		// The commune operator of the citizens' home reads it; another commune's does not.
		expect((await (await fx.as("canbo.phanrang")).request("GET", `/cases/${caseId}`)).status).toBe(200);
		expect((await (await fx.as("canbo.nhatrang")).request("GET", `/cases/${caseId}`)).status).toBe(404);
	});

	it("gets an outcome from the home province's secretariat, not from another province's", async () => {
		const outcome = { sessionId, caseId, direction: "accept", conclusion: "Giao UBND tỉnh Khánh Hòa giải quyết." };
		const refused = await ld.request<ErrorBody>("POST", "/outcomes", outcome);
		expect(refused.body.error.code).toBe("NOT_FOUND");
		const recorded = await kh.request<{ id: string }>("POST", "/outcomes", outcome);
		expect(recorded.status).toBe(201);
		expect((await kh.request("GET", `/outcomes/${recorded.body.id}`)).status).toBe(200);
		expect((await ld.request("GET", `/outcomes/${recorded.body.id}`)).status).toBe(404);
		const changedByLd = await ld.request<ErrorBody>("PATCH", `/outcomes/${recorded.body.id}`, {
			changes: { followUpStatus: "in-progress" },
		});
		expect(changedByLd.body.error.code).toBe("NOT_FOUND");
	});
});
