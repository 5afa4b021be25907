import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../server/records/demoTopology.js";
import { call, type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

it("signs in with a password, refreshes, and refuses a wrong password or a missing token", async () => {
	const login = await call<Record<string, string>>(fx.base, "POST", "/auth/login", {
		username: "chutich.kh",
		password: DEMO_PASSWORD,
	});
	expect(login.status).toBe(200);
	expect(login.body).toMatchObject({
		identity: { role: "chair", endpointLevel: "province", endpointId: fx.seed.endpoints.KH },
	});
	expect(login.body.user).not.toHaveProperty("passwordHash");

	const refreshed = await call<Record<string, string>>(fx.base, "POST", "/auth/refresh", {
		refreshToken: login.body.refreshToken,
	});
	expect(refreshed.status).toBe(200);
	const me = await call(fx.base, "GET", "/auth/me", undefined, {
		authorization: `Bearer ${refreshed.body.accessToken}`,
	});
	expect(me.body).toMatchObject({ identity: { sub: fx.seed.users["chutich.kh"] } });

	const wrong = await call(fx.base, "POST", "/auth/login", { username: "chutich.kh", password: "nope-nope" });
	expect(wrong).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
	// A refresh token is not an access token.
	const misuse = await call(fx.base, "GET", "/auth/me", undefined, {
		authorization: `Bearer ${login.body.refreshToken}`,
	});
	expect(misuse).toMatchObject({ status: 401, body: { error: { code: "TOKEN_WRONG_SCOPE" } } });
	expect(await call(fx.base, "GET", "/sessions")).toMatchObject({
		status: 401,
		body: { error: { code: "UNAUTHENTICATED" } },
	});
	const invalid = await call(fx.base, "POST", "/auth/login", { username: "" });
	expect(invalid).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_ERROR" } } });
});

it("lists endpoints under a province, and sessions and cases by filters, one page at a time", async () => {
	const secretariat = await fx.as("vanphong.kh");
	const under = await secretariat.request<{ items: { code: string }[]; total: number }>(
		"GET",
		`/endpoints?under=${fx.seed.endpoints.KH}`,
	);
	expect(under.body.items.map((e) => e.code).sort()).toEqual(["KH-NHATRANG", "KH-PHANRANG"]);

	const central = await fx.as("trunguong");
	const subtree = await central.request<{ items: { id: string }[]; total: number }>(
		"GET",
		`/sessions?endpoint=${fx.seed.endpoints.KH}&status=scheduled`,
	);
	expect(subtree.body.items.map((s) => s.id)).toEqual([fx.seed.sessionId]);
	const otherProvince = await central.request<{ total: number }>("GET", `/sessions?endpoint=${fx.seed.endpoints.LD}`);
	expect(otherProvince.body.total).toBe(0);

	const tomorrow = new Date(Date.now() + 12 * 3600_000).toISOString();
	const later = await central.request<{ total: number }>("GET", `/sessions?from=${tomorrow}`);
	expect(later.body.total).toBe(1);
	const earlier = await central.request<{ total: number }>("GET", `/sessions?to=${tomorrow}`);
	expect(earlier.body.total).toBe(0);

	const flagged = await central.request<{ items: { id: string }[] }>(
		"GET",
		"/cases?manyPeople=true&complex=true&contentType=complaint",
	);
	expect(flagged.body.items.map((c) => c.id)).toEqual([fx.seed.caseId]);
	expect((await central.request<{ total: number }>("GET", "/cases?hotSpotRisk=true")).body.total).toBe(0);

	const page = await central.request<{ items: unknown[]; total: number; offset: number; limit: number }>(
		"GET",
		"/users?limit=5&offset=5",
	);
	expect(page.body).toMatchObject({ total: DEMO_USERS.length, offset: 5, limit: 5 });
	expect(page.body.items).toHaveLength(5);
	expect(JSON.stringify(page.body)).not.toContain("passwordHash");
	expect((await central.request("GET", "/users?limit=1000")).status).toBe(400);
});

it("creates a case once per Idempotency-Key and keeps every change as a revision", async () => {
	const operator = await fx.as("canbo.nhatrang");
	const body = {
		receivedAt: new Date().toISOString(),
		endpointId: fx.seed.endpoints["KH-NHATRANG"],
		citizens: [{ fullName: "Trần Văn Tư", address: "Phường Nha Trang", idNumber: "056080004321" }],
		peopleCount: 1,
		summary: "Phản ánh việc cấp giấy chứng nhận quyền sử dụng đất chậm.",
		contentType: "petition",
		field: "admin.land",
		request: "Đề nghị cấp giấy chứng nhận.",
	};
	const created = await operator.request<{ id: string; rev: number; pending: boolean }>("POST", "/cases", body, {
		"idempotency-key": "case-07",
	});
	expect(created.status).toBe(201);
	expect(created.body).toMatchObject({ rev: 1, pending: false, manyPeople: false, status: "received" });
	const again = await operator.request<{ id: string }>("POST", "/cases", body, { "idempotency-key": "case-07" });
	// The first answer again (status and body), not a second case.
	expect({ status: again.status, body: again.body }).toEqual({ status: created.status, body: created.body });
	expect(again.headers.get("idempotent-replayed")).toBe("true");
	expect((await operator.request<{ total: number }>("GET", "/cases?field=admin.land")).body.total).toBe(1);

	const changed = await operator.request("PATCH", `/cases/${created.body.id}`, {
		changes: { status: "heard" },
		expectedRev: 1,
	});
	expect(changed).toMatchObject({ status: 201, body: { rev: 2, status: "heard", change: { kind: "update" } } });
	const stale = await operator.request("PATCH", `/cases/${created.body.id}`, {
		changes: { status: "closed" },
		expectedRev: 1,
	});
	expect(stale).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
	const history = await operator.request<{ items: { status: string }[] }>("GET", `/cases/${created.body.id}/history`);
	expect(history.body.items.map((r) => r.status)).toEqual(["received", "heard"]);
});
