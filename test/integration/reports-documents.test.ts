import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FORM_COLUMNS } from "../../domain/reportForm.js";
import { FIRST_FIGURE_COLUMN } from "../../server/reports/formXlsx.js";
import { EXPECTED, seedKnownRegister, sum } from "../support/knownRegister.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture({ NATIONAL_DB_MODE: "off" });
	await seedKnownRegister(fx);
});
afterAll(async () => {
	await fx?.platform.stop();
});

const Q1 = "kind=quarter&year=2026&index=1";
const KH_TOTAL = () => sum(EXPECTED.KH, EXPECTED["KH-NHATRANG"], EXPECTED["KH-PHANRANG"]);
const unitNames = async () => {
	const chair = await fx.as("chutich.kh");
	const names: Record<string, string> = {};
	for (const code of ["KH", "KH-NHATRANG", "KH-PHANRANG"]) {
		names[code] = String((await chair.request("GET", `/endpoints/${fx.seed.endpoints[code]}`)).body.name);
	}
	return names;
};

async function download(path: string): Promise<Buffer> {
	const res = await (await fx.as("thanhtra.kh")).request("GET", path);
	expect(res.status).toBe(200);
	return res.body as unknown as Buffer;
}

it("the XLSX holds the same numbers, laid out like the form", async () => {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await download(`/reports/form.xlsx?${Q1}`)) as never);
	expect(book.worksheets.map((w) => w.name)).toEqual([
		"Biểu tổng hợp",
		"Xu hướng theo tháng",
		"Theo nội dung",
		"Theo đơn vị",
	]);
	const sheet = book.getWorksheet("Biểu tổng hợp");
	if (!sheet) throw new Error("no form sheet");
	const byName = new Map<string, number[]>();
	let numbers: number[] = [];
	sheet.eachRow((row) => {
		const name = row.getCell(2).value;
		const values = FORM_COLUMNS.map((_, i) => row.getCell(FIRST_FIGURE_COLUMN + i).value as number);
		if (name === "B") numbers = values;
		else if (typeof name === "string") byName.set(name, values);
	});
	expect(numbers).toEqual(FORM_COLUMNS.map((c) => c.number));
	const names = await unitNames();
	expect(byName.get(String(names.KH))).toEqual(EXPECTED.KH);
	expect(byName.get(String(names["KH-NHATRANG"]))).toEqual(EXPECTED["KH-NHATRANG"]);
	expect(byName.get(String(names["KH-PHANRANG"]))).toEqual(EXPECTED["KH-PHANRANG"]);
	expect(byName.get("Tổng cộng")).toEqual(KH_TOTAL());
	expect(String(sheet.getCell(5, 1).value)).toBe("Kỳ báo cáo: Quý I/2026 (từ 15/12/2025 đến 14/03/2026)");
	// An ad-hoc report carries the sections asked for, and says it is one, on each sheet.
	const adHoc = new ExcelJS.Workbook();
	await adHoc.xlsx.load((await download(`/reports/form.xlsx?${Q1}&report=ad-hoc&sections=trend`)) as never);
	expect(adHoc.worksheets.map((w) => w.name)).toEqual(["Xu hướng theo tháng"]);
	expect(adHoc.title).toContain("BÁO CÁO ĐỘT XUẤT");
	expect(String(adHoc.worksheets[0]?.getCell(1, 1).value)).toBe("BÁO CÁO ĐỘT XUẤT VỀ KẾT QUẢ TIẾP CÔNG DÂN");
	const adHocForm = new ExcelJS.Workbook();
	await adHocForm.xlsx.load((await download(`/reports/form.xlsx?${Q1}&report=ad-hoc&sections=form`)) as never);
	expect(String(adHocForm.getWorksheet("Biểu tổng hợp")?.getCell(4, 1).value)).toBe(
		"BÁO CÁO ĐỘT XUẤT VỀ KẾT QUẢ TIẾP CÔNG DÂN",
	);
	expect(String(sheet.getCell(4, 1).value)).toBe("TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN");
});

it("the PDF's text holds the same numbers", async () => {
	const textOf = async (path: string) => {
		const parser = new PDFParse({ data: new Uint8Array(await download(path)) });
		const text = (await parser.getText()).text;
		await parser.destroy();
		return text;
	};
	const periodic = await textOf(`/reports/form.pdf?${Q1}`);
	for (const section of ["Xu hướng theo tháng", "Theo nội dung", "Theo đơn vị", "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN"])
		expect(periodic).toContain(section);
	const text = await textOf(`/reports/form.pdf?${Q1}&report=ad-hoc&sections=form`);
	writeFileSync("test-artifacts/report-q1-kh.pdf", await download(`/reports/form.pdf?${Q1}`));
	const lines = text.split("\n").map((l) => l.trim());
	// An ad-hoc report is titled as one, and holds only what was asked for.
	expect(text).toContain("BÁO CÁO ĐỘT XUẤT VỀ KẾT QUẢ TIẾP CÔNG DÂN");
	expect(text).not.toContain("TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN");
	expect(text).not.toContain("Xu hướng theo tháng");
	expect(text).toContain("Quý I/2026 (từ 15/12/2025 đến 14/03/2026)");
	const names = await unitNames();
	// Each part of the form prints the row's figures of its columns, in order, on the row's line.
	const parts = [
		[1, 16],
		[17, 30],
		[31, 35],
	];
	const expectRow = (label: string, values: number[]) => {
		const rows = lines.filter((l) => l.includes(label));
		const figures = rows.map((l) => l.slice(l.indexOf(label) + label.length).trim());
		expect(figures).toEqual(parts.map(([a, b]) => values.slice((a ?? 1) - 1, b).join(" ")));
	};
	expectRow(String(names["KH-NHATRANG"]), EXPECTED["KH-NHATRANG"]);
	expectRow(String(names["KH-PHANRANG"]), EXPECTED["KH-PHANRANG"]);
	expectRow("Tổng cộng", KH_TOTAL());
});

it("the CSV holds the same numbers, and an ad-hoc one the sections asked for under its own title", async () => {
	const csv = (await download(`/reports/form.csv?${Q1}`)).toString("utf8");
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	const rows = csv.slice(1).split("\r\n");
	expect(rows.slice(0, 2)).toEqual([
		"TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN",
		"Kỳ báo cáo: Quý I/2026 (từ 15/12/2025 đến 14/03/2026)",
	]);
	expect(rows[3]).toContain("(1) Tiếp thường xuyên – Lượt");
	expect(rows).toContain(["", "Tổng cộng", ...KH_TOTAL()].join(","));
	// The periodic report has every section.
	for (const section of ["Xu hướng theo tháng", "Theo nội dung", "Theo đơn vị"]) expect(rows).toContain(section);

	const res = await (await fx.as("thanhtra.kh")).request("GET", `/reports/form.csv?${Q1}&report=ad-hoc&sections=units`);
	expect(res.headers.get("content-disposition")).toContain("bao-cao-dot-xuat-tiep-cong-dan_KH_");
	const adHoc = (res.body as unknown as Buffer).toString("utf8").slice(1).split("\r\n");
	expect(adHoc[0]).toBe("BÁO CÁO ĐỘT XUẤT VỀ KẾT QUẢ TIẾP CÔNG DÂN");
	// Only the units: no form header, no trend; each unit's visits and people (columns 1+9, 2+10).
	expect(adHoc.some((l) => l.includes("(1) Tiếp thường xuyên"))).toBe(false);
	expect(adHoc).not.toContain("Xu hướng theo tháng");
	const names = await unitNames();
	const nhaTrang = EXPECTED["KH-NHATRANG"];
	expect(adHoc.slice(3)).toContain(
		[names["KH-NHATRANG"], (nhaTrang[0] ?? 0) + (nhaTrang[8] ?? 0), (nhaTrang[1] ?? 0) + (nhaTrang[9] ?? 0)].join(","),
	);
});

it("a report under one commune of the province counts that commune's subtree alone", async () => {
	const nhaTrang = fx.seed.endpoints["KH-NHATRANG"];
	const inspector = await fx.as("thanhtra.kh");
	const form = await inspector.request<{
		scope: { id: string };
		rows: { unitId: string; values: number[] }[];
		total: number[];
	}>("GET", `/reports/form?${Q1}&under=${nhaTrang}`);
	expect(form.status).toBe(200);
	expect(form.body.rows.map((r) => [r.unitId, r.values])).toEqual([[nhaTrang, EXPECTED["KH-NHATRANG"]]]);
	expect(form.body.total).toEqual(EXPECTED["KH-NHATRANG"]);
	// The same subtree as a document.
	const csv = (await download(`/reports/form.csv?${Q1}&under=${nhaTrang}`)).toString("utf8").split("\r\n");
	expect(csv).toContain(["", "Tổng cộng", ...EXPECTED["KH-NHATRANG"]].join(","));
});
