import { afterAll, beforeAll, expect, it } from "vitest";
import { type RecordsFixture, sampleCase, startRecordsFixture } from "../support/records.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

/** Text is made well-formed NFC Unicode at the boundary, before any store, hash or limiter sees it. */

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

const at = (code: string) => fx.seed.endpoints[code] ?? "";
/** "Nguyễn Thị Ánh" typed with combining marks (decomposed), and as one precomposed letter each. */
const decomposed = "Nguye\u0302\u0303n Thi\u0323 A\u0301nh";
const composed = "Nguyễn Thị Ánh";

it("stores names in NFC, so a look-alike typed with combining marks is the same name", async () => {
	expect(decomposed).not.toBe(composed);
	const operator = await fx.as("canbo.nhatrang");
	const citizen = { fullName: decomposed, address: "Phường Nha Trang", idNumber: "056185001234" };
	const created = await operator.request<{ id: string; citizens: { fullName: string }[] }>(
		"POST",
		"/cases",
		sampleCase(at("KH-NHATRANG"), { citizens: [citizen] }),
	);
	expect(created.status).toBe(201);
	expect(created.body.citizens[0]?.fullName).toBe(composed);
	const secretariat = await fx.as("vanphong.kh");
	for (const name of [composed, decomposed]) {
		const found = await secretariat.request<{ items: { id: string }[] }>(
			"GET",
			`/cases?name=${encodeURIComponent(name)}`,
		);
		expect(found.body.items.map((c) => c.id)).toContain(created.body.id);
	}
});

it("keeps the audit chain verifiable whatever Unicode a writer sends", async () => {
	const operator = await fx.as("canbo.nhatrang");
	for (const odd of ["\ud800", "x\udfffy", "\ud83d", "🙂\ud83d", "\u0000"]) {
		const created = await operator.request<{ summary: string }>(
			"POST",
			"/cases",
			sampleCase(at("KH-NHATRANG"), { summary: `Đề nghị giải quyết ${odd} tranh chấp đất đai kéo dài.` }),
		);
		expect(created.status, JSON.stringify(odd)).toBe(201);
		expect(created.body.summary).not.toMatch(/[\uD800-\uDFFF]/u);
	}
	const inspector = await fx.as("thanhtra.cp");
	const report = await inspector.request<{ ok: boolean; problems: string[] }>("GET", "/audit/verify");
	expect(report.body.problems).toEqual([]);
	expect(report.body.ok).toBe(true);
});

it("refuses nesting past the bound and prototype keys, naming the path, over HTTP and sockets", async () => {
	const operator = await fx.as("canbo.nhatrang");
	const deep = await operator.request<{ error: { code: string; issues: { path: string }[] } }>(
		"POST",
		"/cases",
		JSON.parse(`${'{"a":'.repeat(100)}1${"}".repeat(100)}`),
	);
	expect(deep.status).toBe(400);
	expect(deep.body.error.code).toBe("VALIDATION_ERROR");
	const polluting = await operator.request<{ error: { issues: { path: string }[] } }>(
		"POST",
		"/cases",
		JSON.parse('{"citizens":[{"__proto__":{"isAdmin":true}}]}'),
	);
	expect(polluting.status).toBe(400);
	expect(polluting.body.error.issues[0]?.path).toBe("body.citizens.0.__proto__");

	const peer = await connectPeer(fx.platform, newSessionId(), identity("unicode", "operator", "commune"));
	const answer = (await peer.request("restartIce", JSON.parse('{"__proto__":{"x":1}}'))) as {
		error?: { code: string; issues?: { path: string }[] };
	};
	expect(answer.error?.code).toBe("VALIDATION_ERROR");
	expect(answer.error?.issues?.[0]?.path).toBe("payload.__proto__");
	await peer.close();
});
