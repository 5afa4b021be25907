import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CompletenessBoard } from "../../domain/api/nationalDb.js";
import { fixPathOf } from "../../domain/nationalDb.js";
import type { OutboxItem } from "../../server/nationaldb/OutboxModels.js";
import { outcomeWithClosedTask } from "../support/closedTask.js";
import { NationalDbReceiver } from "../support/NationalDbReceiver.js";
import { eventually, tempDir } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
let receiver: NationalDbReceiver;

beforeAll(async () => {
	receiver = new NationalDbReceiver(path.join(await tempDir("receiver"), "accepted.txt"));
	await receiver.start();
	receiver.keepAlive();
	fx = await startRecordsFixture({
		NATIONAL_DB_MODE: "http",
		NATIONAL_DB_URL: receiver.url,
		NATIONAL_DB_USERNAME: receiver.user,
		NATIONAL_DB_PASSWORD: receiver.password,
		NATIONAL_DB_BATCH_SIZE: "4",
		NATIONAL_DB_TIMEOUT_MS: "400",
		NATIONAL_DB_RETRY_MIN_MS: "50",
		NATIONAL_DB_RETRY_MAX_MS: "200",
		NATIONAL_DB_EVERY_MS: "100",
	});
});
afterAll(async () => {
	await fx?.platform.stop();
	await receiver?.stop();
});

const newCase = (n: number, endpointId: string, idNumber = `0561900000${n}`) => ({
	receivedAt: "2026-03-02T02:00:00Z",
	endpointId,
	citizens: [{ fullName: `Công dân ${n}`, address: "Nha Trang", idNumber }],
	peopleCount: 1,
	summary: "Tranh chấp đất",
	contentType: "complaint",
	field: "admin.land",
	request: "Giải quyết",
});

const REASON = "data.citizens[0].idNumber: a 9-digit CMND is void after 31/12/2024; a 12-digit CCCD is required";

const allItems = () => fx.platform.nationalDb.models.Item.find().lean<OutboxItem[]>();

it("delivers every record exactly once through refusals, a slow answer and a receiver restart mid-batch", async () => {
	// The receiver misbehaves on the next batches, in this order; then it answers normally.
	await receiver.control(["refuse-503", "unauthorised", "slow", "crash-after-2"], 1200);
	const secretariat = await fx.as("vanphong.kh");
	const ids = fx.seed.endpoints;
	const created: string[] = [];
	for (let n = 10; n < 21; n++) {
		const at = n % 2 === 0 ? ids["KH-NHATRANG"] : ids["KH-PHANRANG"];
		// One record the national database refuses: an old 9-digit CMND, void since 2025 (we accept and flag it).
		const res = await secretariat.request("POST", "/cases", newCase(n, String(at), n === 13 ? "056190013" : undefined));
		expect(res.status).toBe(201);
		created.push(String(res.body.id));
	}
	const ld = await fx.as("vanphong.ld");
	expect((await ld.request("POST", "/cases", newCase(30, String(ids["LD-BAOLAM"])))).status).toBe(201);

	const settled = await eventually(async () => {
		const items = await allItems();
		const done = items.length >= 13 && items.every((i) => i.status === "acknowledged" || i.status === "rejected");
		return done ? items : undefined;
	}, 45_000);

	const stats = await receiver.stats();
	expect(receiver.restarts).toBe(1);
	// Each record the receiver took is counted once, whatever was resent after the timeout and the crash.
	for (const item of settled.filter((i) => i.status === "acknowledged")) expect(stats.accepted[item._id]).toBe(1);
	expect(Object.values(stats.accepted).every((n) => n === 1)).toBe(true);
	expect(Object.keys(stats.accepted).sort()).toEqual(
		settled
			.filter((i) => i.status === "acknowledged")
			.map((i) => i._id)
			.sort(),
	);
	// The misbehaviour was really met: retried items carry their attempts.
	expect(settled.some((i) => i.attempts > 0)).toBe(true);

	const rejected = settled.filter((i) => i.status === "rejected");
	expect(rejected.map((i) => i.entityId)).toEqual([created[3]]);
	expect(rejected[0]?.rejectReason).toBe(REASON);

	// The completeness board of the province shows it with the receiver's reason and where to fix it.
	const it = await fx.as("cntt.kh");
	const board = (await it.request<CompletenessBoard>("GET", "/nationaldb/board")).body;
	expect(board.totals.rejected).toBe(1);
	expect(board.rejected).toEqual([
		expect.objectContaining({
			entityId: created[3],
			reason: REASON,
			fixPath: `/register/${created[3]}`,
			communeName: expect.any(String),
		}),
	]);
	const phanrang = board.rows.find((r) => r.communeId === ids["KH-PHANRANG"]);
	expect(phanrang).toMatchObject({ rejected: 1, unsynchronised: 0 });
	// A province's board covers only its own records.
	expect(board.rows.every((r) => r.provinceId === ids.KH)).toBe(true);

	// The secretariat corrects the identity number: the new revision goes through, the board clears.
	const fix = await secretariat.request("PATCH", `/cases/${created[3]}`, {
		changes: { citizens: [{ fullName: "Công dân 13", address: "Nha Trang", idNumber: "056190009999" }] },
		correction: { reason: "số CCCD ghi sai" },
	});
	expect(fix.status).toBe(201);
	await eventually(async () => {
		const items = await allItems();
		return items.find((i) => i.entityId === created[3] && i.rev === 2 && i.status === "acknowledged");
	});
	const after = (await it.request<CompletenessBoard>("GET", "/nationaldb/board")).body;
	expect(after.totals.rejected).toBe(0);
	expect(after.rejected).toEqual([]);
	expect((await receiver.stats()).accepted[`rb:case:${created[3]}:2`]).toBe(1);
});

it("sends an outcome and a task's closing result once each, and not the task before its result", async () => {
	const { outcomeId, taskId, taskRevs } = await outcomeWithClosedTask(fx);
	const resultKey = `rb:follow-up-result:${taskId}:${taskRevs[2]}`;
	const outcomeKey = `rb:outcome:${outcomeId}:1`;
	await eventually(async () => {
		const items = await allItems();
		const done = [outcomeKey, resultKey].every((k) => items.find((i) => i._id === k)?.status === "acknowledged");
		return done || undefined;
	}, 30_000);
	const stats = await receiver.stats();
	expect(stats.accepted[outcomeKey]).toBe(1);
	expect(stats.accepted[resultKey]).toBe(1);
	// Given and progress notes are the platform's own follow-up: never sent.
	const taskItems = (await allItems()).filter((i) => i.entityId === taskId);
	expect(taskItems.map((i) => i._id)).toEqual([resultKey]);
	expect(taskItems[0]?.record).toMatchObject({
		kind: "follow-up-result",
		supersedesKey: null,
		province: { code: "KH" },
		data: {
			caseId: fx.seed.caseId,
			outcomeId,
			result: { documentNumber: "45/BC-STC", summary: "Đã rà soát, giữ nguyên đơn giá" },
		},
	});
	// A rejected one would be fixed on its case's page, where the case's tasks are listed.
	expect(fixPathOf("follow-up-result", taskId, taskItems[0]?.record.data ?? {})).toBe(`/register/${fx.seed.caseId}`);
});
