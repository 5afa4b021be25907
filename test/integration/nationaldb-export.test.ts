import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CompletenessBoard } from "../../domain/api/nationalDb.js";
import { DEMO_PASSWORD } from "../../server/records/demoTopology.js";
import { outcomeWithClosedTask } from "../support/closedTask.js";
import { tempDir } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture({ NATIONAL_DB_MODE: "export", NATIONAL_DB_EXPORT_DIR: await tempDir("export") });
});
afterAll(async () => {
	await fx?.platform.stop();
});

const newCase = (n: number, endpointId: string) => ({
	receivedAt: "2026-03-02T02:00:00Z",
	endpointId,
	citizens: [{ fullName: `Công dân <${n}> & "con"`, address: "Bảo Lâm", idNumber: "068190001234" }],
	peopleCount: 1,
	summary: "Kiến nghị",
	contentType: "petition",
	field: "admin.other",
	request: "Xem xét",
});

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The documented JSON schema, compiled by an independent validator (strict: the schema itself is checked too). */
const batchSchema = (() => {
	const ajv = new Ajv2020({ allErrors: true, strict: true });
	addFormats.default(ajv);
	const schema = JSON.parse(readFileSync(new URL("../../docs/nationaldb/batch.schema.json", import.meta.url), "utf8"));
	return ajv.compile(schema);
})();

/** The batch's JSON file holds the documented JSON schema; its XML file the documented XSD (Debian's xmllint). */
async function expectDocumented(json: Buffer, xml: Buffer): Promise<void> {
	const valid = batchSchema(JSON.parse(String(json)));
	expect(batchSchema.errors ?? [], "docs/nationaldb/batch.schema.json").toEqual([]);
	expect(valid).toBe(true);
	const xmlFile = path.join(await tempDir("xml"), "batch.xml");
	writeFileSync(xmlFile, xml);
	const xsd = new URL("../../docs/nationaldb/batch.xsd", import.meta.url).pathname;
	expect(execFileSync("xmllint", ["--noout", "--schema", xsd, xmlFile], { stdio: "pipe" }).toString()).toBe("");
}

it("exports a province's records as JSON, XML and a manifest, and settles them from the receipt", async () => {
	const ids = fx.seed.endpoints;
	const kh = await fx.as("vanphong.kh");
	const khCase = await kh.request("POST", "/cases", newCase(50, String(ids["KH-NHATRANG"])));
	const ld = await fx.as("vanphong.ld");
	expect((await ld.request("POST", "/cases", newCase(51, String(ids["LD-BAOLAM"])))).status).toBe(201);

	const it = await fx.as("cntt.kh");
	const made = await it.request<{ id: string; keys: string[]; recordCount: number }>("POST", "/nationaldb/batches", {});
	expect(made.status).toBe(201);
	// Khánh Hòa's IT exports Khánh Hòa's records only: the demo case and the new one.
	expect(made.body.keys.sort()).toEqual([`rb:case:${fx.seed.caseId}:1`, `rb:case:${khCase.body.id}:1`].sort());

	const file = async (kind: string) => {
		const res = await it.request("GET", `/nationaldb/batches/${made.body.id}/${kind}`);
		expect(res.status).toBe(200);
		return Buffer.isBuffer(res.body) ? res.body : Buffer.from(JSON.stringify(res.body));
	};
	const manifest = JSON.parse(String(await file("manifest"))) as {
		schemaVersion: string;
		recordCount: number;
		files: { name: string; sha256: string; bytes: number }[];
	};
	expect(manifest).toMatchObject({ schemaVersion: "1.1", recordCount: 2 });
	const raw = {
		json: await fx.platform.nationalDb.exports.read(made.body.id, "json"),
		xml: await fx.platform.nationalDb.exports.read(made.body.id, "xml"),
	};
	for (const kind of ["json", "xml"] as const) {
		const entry = manifest.files.find((f) => f.name === `${made.body.id}.${kind}`);
		expect(entry?.sha256).toBe(sha256(raw[kind]));
		expect(entry?.bytes).toBe(raw[kind].length);
	}
	const batch = JSON.parse(String(raw.json)) as { schemaVersion: string; records: Record<string, unknown>[] };
	expect(batch.schemaVersion).toBe("1.1");
	expect(batch.records.find((r) => r.entityId === khCase.body.id)).toMatchObject({
		kind: "case",
		rev: 1,
		supersedesKey: null,
		province: { code: "KH" },
		commune: { code: "KH-NHATRANG" },
		data: { registerNumber: khCase.body.registerNumber, contentType: "petition", endpointCode: "KH-NHATRANG" },
	});
	const xml = String(raw.xml);
	// The documented schemas hold both files (xmllint: scripts/install.sh --test).
	await expectDocumented(raw.json, raw.xml);
	expect(xml).toContain(`<record key="rb:case:${khCase.body.id}:1" kind="case"`);
	expect(xml).toContain("<fullName>Công dân &lt;50&gt; &amp; &quot;con&quot;</fullName>");

	// Another province's secretariat may read its own batches; Khánh Hòa's are answered as absent.
	const other = await ld.request("GET", `/nationaldb/batches/${made.body.id}/json`);
	expect(other.status).toBe(404);
	expect(other.body).toMatchObject({ error: { code: "NOT_FOUND" } });

	// Lâm Đồng's IT staff may import receipts, but not for Khánh Hòa's batch: answered as absent,
	// and it is not among the batches they are listed.
	const ldIt = await (await fx.as("trunguong")).request("POST", "/users", {
		username: "cntt.ld",
		name: "Cán bộ CNTT Lâm Đồng",
		role: "it",
		endpointIds: [ids.LD],
		password: DEMO_PASSWORD,
	});
	expect(ldIt.status).toBe(201);
	const ldStaff = await fx.as("cntt.ld");
	const foreign = await ldStaff.request("POST", `/nationaldb/batches/${made.body.id}/receipt`, {
		batchId: made.body.id,
		results: [{ key: `rb:case:${khCase.body.id}:1`, status: "rejected", reason: "x" }],
	});
	expect(foreign.status).toBe(404);
	expect(foreign.body).toMatchObject({ error: { code: "NOT_FOUND" } });
	const ldBatches = await ldStaff.request<{ items: { id: string }[] }>("GET", "/nationaldb/batches");
	expect(ldBatches.body.items.map((b) => b.id)).not.toContain(made.body.id);
	expect((await it.request<{ items: { id: string }[] }>("GET", "/nationaldb/batches")).body.items[0]).toMatchObject({
		id: made.body.id,
		recordCount: 2,
		receiptAt: null,
	});

	// Until the receipt comes back the records are "sent"; a second export has nothing new.
	expect((await it.request("POST", "/nationaldb/batches", {})).body).toMatchObject({ error: { code: "CONFLICT" } });
	const receipt = await it.request("POST", `/nationaldb/batches/${made.body.id}/receipt`, {
		batchId: made.body.id,
		results: [
			{ key: `rb:case:${fx.seed.caseId}:1`, status: "accepted" },
			{ key: `rb:case:${khCase.body.id}:1`, status: "rejected", reason: "Trùng hồ sơ đã có" },
		],
	});
	expect(receipt.body).toEqual({
		acknowledged: 1,
		rejected: 1,
		unanswered: 0,
		rejections: [{ key: `rb:case:${khCase.body.id}:1`, reason: "Trùng hồ sơ đã có" }],
	});
	// The same receipt again settles nothing more: each record is settled once.
	const twice = await it.request("POST", `/nationaldb/batches/${made.body.id}/receipt`, {
		batchId: made.body.id,
		results: [{ key: `rb:case:${khCase.body.id}:1`, status: "accepted" }],
	});
	expect(twice.body).toEqual({ acknowledged: 0, rejected: 0, unanswered: 0, rejections: [] });
	const board = (await it.request<CompletenessBoard>("GET", "/nationaldb/board")).body;
	expect(board.rejected).toMatchObject([{ entityId: khCase.body.id, reason: "Trùng hồ sơ đã có" }]);
	expect(board.totals).toMatchObject({ acknowledged: 1, rejected: 1, unsynchronised: 0 });

	// Sent again as it is (the receiver erred): pending once more, in the next batch.
	const again = await it.request("POST", `/nationaldb/items/rb:case:${khCase.body.id}:1/retry`);
	expect(again.body).toMatchObject({ status: "pending" });

	// The central office sees both provinces; LD's record is still waiting.
	const central = await fx.as("trunguong");
	const national = (await central.request<CompletenessBoard>("GET", "/nationaldb/board")).body;
	expect(national.rows.map((r) => [r.provinceId, r.communeId])).toEqual([
		[ids.KH, ids["KH-NHATRANG"]],
		[ids.KH, ids["KH-PHANRANG"]],
		[ids.LD, ids["LD-BAOLAM"]],
	]);
	expect(national.totals.unsynchronised).toBe(2);
	expect(national.totals.oldestPendingSeconds).toEqual(expect.any(Number));
});

it("refuses bad input with a clear error", async () => {
	const it = await fx.as("cntt.kh");
	const unknown = await it.request("GET", "/nationaldb/board?under=khong-co");
	expect(unknown.status).toBe(404);
	expect(unknown.body).toMatchObject({
		error: { code: "NOT_FOUND", message: "query.under: endpoint khong-co not found" },
	});
	// Another province's subtree is answered exactly as an unknown one (the scope rule).
	const ld = fx.seed.endpoints.LD;
	const outside = await it.request("GET", `/nationaldb/board?under=${ld}`);
	expect(outside.status).toBe(404);
	expect(outside.body).toMatchObject({
		error: { code: "NOT_FOUND", message: `query.under: endpoint ${ld} not found` },
	});
	const badStatus = await it.request("GET", "/nationaldb/items?status=lost");
	expect(badStatus.body).toMatchObject({ error: { code: "VALIDATION_ERROR", issues: [{ path: "query.status" }] } });
	const wrongReceipt = await it.request("POST", "/nationaldb/batches/x/receipt", { batchId: "x", results: "none" });
	expect(wrongReceipt.body).toMatchObject({ error: { code: "VALIDATION_ERROR", issues: [{ path: "body.results" }] } });
	const tooMany = await it.request("POST", "/nationaldb/batches/x/receipt", {
		batchId: "x",
		results: Array.from({ length: 1001 }, (_, n) => ({ key: `rb:case:${n}:1`, status: "accepted" })),
	});
	expect(tooMany.body).toMatchObject({ error: { code: "VALIDATION_ERROR", issues: [{ path: "body.results" }] } });
});

it("counts a merged unit's records under its successor on the completeness board", async () => {
	const ids = fx.seed.endpoints;
	const central = await fx.as("trunguong");
	const create = async (body: Record<string, unknown>) => {
		const res = await central.request("POST", "/endpoints", { address: "Ninh Thuận", ...body });
		expect(res.status).toBe(201);
		return String(res.body.id);
	};
	const nt = await create({
		code: "NT",
		name: "Ban Tiếp công dân tỉnh Ninh Thuận",
		level: "province",
		parentId: ids.TW,
	});
	const ninhHai = await create({ code: "NT-NINHHAI", name: "UBND xã Ninh Hải", level: "commune", parentId: nt });
	for (const [n, at] of [
		[60, nt],
		[61, ninhHai],
	] as const)
		expect((await central.request("POST", "/cases", newCase(n, at))).status).toBe(201);
	const rowsOf = async (who: string) =>
		(await (await fx.as(who)).request<CompletenessBoard>("GET", "/nationaldb/board")).body.rows
			.filter((r) => r.provinceId === nt || r.communeId === ninhHai || r.provinceId === ids.KH)
			.map((r) => [r.provinceId, r.communeId, r.unsynchronised + r.acknowledged + r.rejected]);
	const khOwn = (rows: (string | number | null)[][]) =>
		rows.find(([province, commune]) => province === ids.KH && commune === null)?.[2] ?? 0;
	const before = await rowsOf("trunguong");
	// Before the reform they stand under their own province.
	expect(before).toEqual(
		expect.arrayContaining([
			[nt, null, 1],
			[nt, ninhHai, 1],
		]),
	);
	const merged = await central.request("PATCH", `/endpoints/${nt}`, {
		changes: { active: false, successorId: ids.KH, successorKind: "merged" },
	});
	expect(merged.status).toBe(201);
	// Merged into Khánh Hòa: the province's own records count in Khánh Hòa's own row, its commune under Khánh Hòa.
	const national = await rowsOf("trunguong");
	expect(national.filter(([province]) => province === nt)).toEqual([]);
	expect(national).toEqual(expect.arrayContaining([[ids.KH, ninhHai, 1]]));
	expect(khOwn(national)).toBe(Number(khOwn(before)) + 1);
	// Khánh Hòa's IT staff see them in their own board, under Khánh Hòa, named as today.
	const it = await fx.as("cntt.kh");
	const board = (await it.request<CompletenessBoard>("GET", "/nationaldb/board")).body;
	expect(board.rows.find((r) => r.communeId === ninhHai)).toMatchObject({
		provinceId: ids.KH,
		provinceName: expect.stringContaining("Khánh Hòa"),
		communeName: "UBND xã Ninh Hải",
	});
	expect(board.rows.some((r) => r.provinceId === nt)).toBe(false);
});

it("exports an outcome, a resolution decision and a task's closing result, as the documented schemas describe them", async () => {
	const { outcomeId, taskId, taskRevs } = await outcomeWithClosedTask(fx);
	// A resolution decision is recorded on the case: it travels in that case revision.
	const secretariat = await fx.as("vanphong.kh");
	const decided = await secretariat.request<{ rev: number }>("PATCH", `/cases/${fx.seed.caseId}`, {
		changes: {
			resolution: { stage: "first-instance", documentNumber: "12/QĐ-UBND", date: "2026-04-02", issuer: "UBND tỉnh" },
		},
		correction: { reason: "ghi quyết định giải quyết lần đầu" },
	});
	expect(decided.status).toBe(201);
	const decisionKey = `rb:case:${fx.seed.caseId}:${decided.body.rev}`;
	const it = await fx.as("cntt.kh");
	const made = await it.request<{ id: string; keys: string[] }>("POST", "/nationaldb/batches", {});
	expect(made.status).toBe(201);
	const resultKey = `rb:follow-up-result:${taskId}:${taskRevs[2]}`;
	expect(made.body.keys).toEqual(expect.arrayContaining([`rb:outcome:${outcomeId}:1`, resultKey, decisionKey]));
	// The task before its result (given, a progress note) is not a follow-up result: not exported.
	expect(made.body.keys.filter((k) => k.includes(taskId))).toEqual([resultKey]);
	const json = await fx.platform.nationalDb.exports.read(made.body.id, "json");
	const xml = await fx.platform.nationalDb.exports.read(made.body.id, "xml");
	await expectDocumented(json, xml);
	const records = (JSON.parse(String(json)) as { records: { key: string }[] }).records;
	// It belongs where its case was received (the demo case: Phan Rang), not where the agency sits.
	expect(records.find((r) => r.key === resultKey)).toMatchObject({
		commune: { code: "KH-PHANRANG" },
		data: {
			caseId: fx.seed.caseId,
			result: { documentNumber: "45/BC-STC", date: "2026-03-20T00:00:00.000Z" },
			endpointCode: "KH-PHANRANG",
		},
	});
	expect(records.find((r) => r.key === decisionKey)).toMatchObject({
		data: { resolution: { stage: "first-instance", documentNumber: "12/QĐ-UBND", issuer: "UBND tỉnh" } },
	});
	expect(String(xml)).toContain(`<record key="${resultKey}" kind="follow-up-result"`);
	expect(String(xml)).toContain("<documentNumber>45/BC-STC</documentNumber>");
	// A record that breaks the documented schema is caught by the same check: a result without its document.
	const broken = JSON.parse(String(json)) as { records: { key: string; data: Record<string, unknown> }[] };
	const target = broken.records.find((r) => r.key === resultKey);
	if (target) target.data.result = { summary: "thiếu số văn bản" };
	expect(batchSchema(broken)).toBe(false);
});
