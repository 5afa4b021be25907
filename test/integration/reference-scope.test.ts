import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
let kh: ApiClient;
let ld: ApiClient;
let ldCase: string;
let ldSession: string;

const fresh = () => randomBytes(12).toString("hex");
const endpoint = (code: string) => fx.seed.endpoints[code] ?? "";
const user = (name: string) => fx.seed.users[name] ?? "";

const caseAt = (code: string, extra: Record<string, unknown> = {}) => ({
	receivedAt: new Date().toISOString(),
	endpointId: endpoint(code),
	citizens: [{ fullName: "Trần Văn Bảy", address: "Phường Xuân Hương, Lâm Đồng", idNumber: "068190004321" }],
	peopleCount: 1,
	summary: "Đề nghị cấp giấy chứng nhận quyền sử dụng đất.",
	contentType: "petition",
	field: "admin.land",
	request: "Đề nghị xem xét.",
	...extra,
});

const sessionAt = (code: string, chair: string, extra: Record<string, unknown> = {}) => ({
	kind: "regular",
	origin: { type: "scheduled" },
	title: "Phiên thử phạm vi",
	plannedStart: "2026-12-10T01:00:00Z",
	plannedEnd: "2026-12-10T04:00:00Z",
	hostEndpointId: endpoint(code),
	chairUserId: user(chair),
	...extra,
});

beforeAll(async () => {
	fx = await startRecordsFixture();
	kh = await fx.as("vanphong.kh");
	ld = await fx.as("vanphong.ld");
	const made = await ld.request<{ id: string }>("POST", "/cases", caseAt("LD"));
	expect(made.status).toBe(201);
	ldCase = made.body.id;
	const session = await ld.request<{ id: string }>("POST", "/sessions", sessionAt("LD", "chutich.ld"));
	expect(session.status).toBe(201);
	ldSession = session.body.id;
});
afterAll(async () => {
	await fx?.platform.stop();
});

type Answer = { status: number; body: unknown };
/** A refusal with the id blanked: what tells one refused id from another. */
const shape = (answer: Answer, id: string) => ({
	status: answer.status,
	body: JSON.parse(JSON.stringify(answer.body).replaceAll(id, "<id>")),
});

/** Every reference a write carries, with a value from another province. */
const foreign = () => [
	{ field: "participantEndpointIds", value: [endpoint("LD")], id: endpoint("LD") },
	{ field: "participantEndpointIds", value: [endpoint("LD-BAOLAM")], id: endpoint("LD-BAOLAM") },
	{ field: "caseIds", value: [ldCase], id: ldCase },
	{ field: "chairUserId", value: user("chutich.ld"), id: user("chutich.ld") },
	{ field: "coChairUserIds", value: [user("chutich.ld")], id: user("chutich.ld") },
	{ field: "secretariatUserIds", value: [user("vanphong.ld")], id: user("vanphong.ld") },
];

it("refuses a session naming another province's endpoints, cases or people exactly as one naming nothing", async () => {
	const before = await fx.platform.database.connection.collection("receptionsessions").countDocuments();
	for (const { field, value, id } of foreign()) {
		const other = fresh();
		const asList = Array.isArray(value);
		const create = (v: unknown) => kh.request("POST", "/sessions", sessionAt("KH", "chutich.kh", { [field]: v }));
		const outOfScope = await create(value);
		const missing = await create(asList ? [other] : other);
		expect(outOfScope.status, `create ${field}`).toBe(404);
		expect(shape(outOfScope, id), `create ${field}`).toEqual(shape(missing, other));

		const change = (v: unknown) => kh.request("PATCH", `/sessions/${fx.seed.sessionId}`, { changes: { [field]: v } });
		const changed = await change(value);
		expect(changed.status, `change ${field}`).toBe(404);
		expect(shape(changed, id), `change ${field}`).toEqual(shape(await change(asList ? [other] : other), other));
	}
	expect(await fx.platform.database.connection.collection("receptionsessions").countDocuments()).toBe(before);
	// In scope, the same fields are accepted.
	const own = await kh.request("POST", "/sessions", {
		...sessionAt("KH", "chutich.kh"),
		participantEndpointIds: [endpoint("KH-NHATRANG")],
		caseIds: [fx.seed.caseId],
		secretariatUserIds: [user("vanphong.kh")],
	});
	expect(own.status).toBe(201);
});

it("refuses outcomes and cases naming another province's records as it refuses unknown ids", async () => {
	const other = fresh();
	const outcome = (sessionId: string, caseId: string) =>
		kh.request("POST", "/outcomes", { sessionId, caseId, direction: "guide", conclusion: "Hướng dẫn công dân." });
	const outOfScope = await outcome(ldSession, ldCase);
	expect(outOfScope.status).toBe(404);
	expect(shape(outOfScope, ldCase)).toEqual(shape(await outcome(ldSession, other), other));
	const withCase = await outcome(fresh(), fx.seed.caseId ?? "");
	const withForeignSession = await outcome(ldSession, fx.seed.caseId ?? "");
	expect(withForeignSession.status).toBe(404);
	expect(shape(withForeignSession, ldSession)).toEqual(
		shape(withCase, String((withCase.body as { error: { message: string } }).error.message.match(/[0-9a-f]{24}/)?.[0])),
	);

	const aCase = (sessionId: string) => kh.request("POST", "/cases", caseAt("KH-NHATRANG", { sessionId }));
	const caseOut = await aCase(ldSession);
	expect(caseOut.status).toBe(404);
	expect(shape(caseOut, ldSession)).toEqual(shape(await aCase(other), other));
});

it("answers reads and steps of records outside the caller's scope exactly as of records that do not exist", async () => {
	const paths = (id: string) =>
		[
			["GET", `/sessions/${id}`],
			["GET", `/sessions/${id}/history`],
			["GET", `/sessions/${id}/notice`],
			["GET", `/sessions/${id}/attendance`],
			["POST", `/sessions/${id}/token`],
			["POST", `/sessions/${id}/transitions`, { to: "open" }],
			["PATCH", `/sessions/${id}`, { changes: { title: "Đổi tên" } }],
		] as const;
	const other = fresh();
	const missing = paths(other);
	for (const [i, [method, path, body]] of paths(ldSession).entries()) {
		const [, missingPath] = missing[i] ?? [];
		const refused = await kh.request(method, path, body);
		expect(refused.status, `${method} ${path}`).toBe(404);
		expect(shape(refused, ldSession), path).toEqual(shape(await kh.request(method, missingPath ?? "", body), other));
	}
	for (const [path, otherPath] of [
		[`/cases/${ldCase}`, `/cases/${other}`],
		[`/users/${user("chutich.ld")}`, `/users/${other}`],
	] as const) {
		const refused = await kh.request("GET", path);
		expect(refused.status, path).toBe(404);
		expect(shape(refused, path.split("/")[2] ?? "")).toEqual(shape(await kh.request("GET", otherPath), other));
	}
});

it("shows each reader of a draft notice only the cases of their own scope", async () => {
	const second = await kh.request<{ id: string }>("POST", "/cases", caseAt("KH-NHATRANG"));
	expect(second.status).toBe(201);
	const sessionId = fx.seed.sessionId ?? "";
	const head = await kh.request<{ caseIds: string[] }>("GET", `/sessions/${sessionId}`);
	const changed = await kh.request("PATCH", `/sessions/${sessionId}`, {
		changes: { caseIds: [...head.body.caseIds, second.body.id] },
	});
	expect(changed.status).toBe(201);
	/** The draft notice as this reader gets it, as text. */
	const noticeFor = async (username: string) => {
		const notice = await (await fx.as(username)).request<{ content: { cases: unknown[] } }>(
			"GET",
			`/sessions/${sessionId}/notice`,
		);
		expect(notice.status, username).toBe(200);
		return { cases: notice.body.content.cases.length, text: JSON.stringify(notice.body.content) };
	};
	const theirs = caseAt("KH-NHATRANG");
	const demoCitizen = "Nguyễn Thị Lan";
	const host = await noticeFor("vanphong.kh");
	expect(host.cases).toBe(2);
	expect(host.text).toContain(demoCitizen);
	const nhatrang = await noticeFor("canbo.nhatrang");
	expect(nhatrang.cases).toBe(1);
	expect(nhatrang.text).toContain(theirs.citizens[0]?.fullName);
	expect(nhatrang.text).not.toContain(demoCitizen);
	const phanrang = await noticeFor("canbo.phanrang");
	expect(phanrang.cases).toBe(1);
	expect(phanrang.text).toContain(demoCitizen);
	expect(phanrang.text).not.toContain(theirs.citizens[0]?.fullName);
});
