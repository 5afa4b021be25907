import { afterAll, beforeAll, expect, it } from "vitest";
import { ROLES, type Role } from "../../domain/roles.js";
import { DEMO_PASSWORD } from "../../server/records/demoTopology.js";
import { call, type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
beforeAll(async () => {
	fx = await startRecordsFixture();
});
afterAll(async () => {
	await fx?.platform.stop();
});

/** The grant matrix as documented (docs/authorization.md), independent of the code's table. */
const MAY_GRANT: Record<string, readonly Role[]> = {
	trunguong: ROLES,
	"vanphong.kh": ["operator", "observer"],
	"cntt.kh": ["operator", "observer"],
};

const signIn = async (username: string, password = DEMO_PASSWORD) => {
	const res = await call<{ refreshToken: string; accessToken: string }>(fx.base, "POST", "/auth/login", {
		username,
		password,
	});
	return res;
};
const refresh = (refreshToken: string) => call(fx.base, "POST", "/auth/refresh", { refreshToken });

it("lets each role give exactly the roles of the grant matrix, on creation and by change", async () => {
	let n = 0;
	for (const [granter, grantable] of Object.entries(MAY_GRANT)) {
		const client = await fx.as(granter);
		for (const role of ROLES) {
			// Central-office users must sit at the central endpoint; everyone else at Khánh Hòa.
			const at = role === "central" ? "TW" : "KH";
			const created = await client.request("POST", "/users", {
				username: `cap.${n++}`,
				name: "Người được cấp quyền",
				role,
				endpointIds: [fx.seed.endpoints[at]],
				password: "mat-khau-dai",
			});
			const allowed = grantable.includes(role) && (at === "KH" || granter === "trunguong");
			expect(created.status, `${granter} creates a ${role}`).toBe(allowed ? 201 : 403);
			// Changing an operator (any granter manages one) into this role.
			const target = await (await fx.as("trunguong")).request<{ id: string }>("POST", "/users", {
				username: `doi.${n++}`,
				name: "Người đổi vai trò",
				role: "operator",
				endpointIds: [fx.seed.endpoints.KH],
				password: "mat-khau-dai",
			});
			if (role === "central") continue;
			const changed = await client.request("PATCH", `/users/${target.body.id}`, { changes: { role } });
			expect(changed.status, `${granter} makes an operator a ${role}`).toBe(grantable.includes(role) ? 201 : 403);
		}
	}
});

it("refuses everyone a change of their own role, endpoints or disabled flag", async () => {
	for (const username of ["trunguong", "vanphong.kh", "cntt.kh"]) {
		const client = await fx.as(username);
		const self = `/users/${fx.seed.users[username]}`;
		for (const changes of [
			{ role: "chair" },
			{ role: "central" },
			{ endpointIds: [fx.seed.endpoints.TW] },
			{ endpointIds: [fx.seed.endpoints.KH, fx.seed.endpoints.LD] },
			{ disabled: true },
		]) {
			const res = await client.request<{ error: { code: string } }>("PATCH", self, { changes });
			expect(res.status, `${username} ${JSON.stringify(changes)}`).toBe(403);
		}
		// Their own name is theirs to correct.
		expect((await client.request("PATCH", self, { changes: { name: `${username} (sửa)` } })).status).toBe(201);
	}
});

it("refuses to manage a user whose role the caller could not grant", async () => {
	const secretariat = await fx.as("vanphong.kh");
	const chair = `/users/${fx.seed.users["chutich.kh"]}`;
	for (const changes of [{ disabled: true }, { name: "Đổi tên" }, { role: "operator" }]) {
		expect((await secretariat.request("PATCH", chair, { changes })).status, JSON.stringify(changes)).toBe(403);
	}
	expect((await (await fx.as("cntt.kh")).request("PATCH", chair, { changes: { disabled: true } })).status).toBe(403);
});

it("never changes a password by PATCH", async () => {
	const it = await fx.as("cntt.kh");
	const res = await it.request<{ error: { code: string } }>("PATCH", `/users/${fx.seed.users["quansat.kh"]}`, {
		changes: { password: "mat-khau-moi-123" },
	});
	expect(res.status).toBe(400);
	expect((await signIn("quansat.kh")).status).toBe(200);
});

it("resets another user's password as its own audited flow that revokes their sign-ins", async () => {
	const before = await signIn("canbo.nhatrang");
	expect((await refresh(before.body.refreshToken)).status).toBe(200);
	const it = await fx.as("cntt.kh");
	const target = fx.seed.users["canbo.nhatrang"];
	const reset = await it.request("POST", `/users/${target}/password`, { password: "mat-khau-moi-456" });
	expect(reset.status).toBe(201);
	expect(reset.body).not.toHaveProperty("passwordHash");
	expect((await refresh(before.body.refreshToken)).status).toBe(401);
	expect((await signIn("canbo.nhatrang")).status).toBe(401);
	expect((await signIn("canbo.nhatrang", "mat-khau-moi-456")).status).toBe(200);
	const history = await it.request<{ items: { change: { reason?: string }; recordedBy: string }[] }>(
		"GET",
		`/users/${target}/history`,
	);
	expect(history.body.items.at(-1)).toMatchObject({
		change: { reason: "password reset by another user" },
		recordedBy: fx.seed.users["cntt.kh"],
	});

	// Nobody resets the password of a role they could not grant.
	for (const who of ["cntt.kh", "vanphong.kh"]) {
		const res = await (await fx.as(who)).request("POST", `/users/${fx.seed.users["chutich.kh"]}/password`, {
			password: "mat-khau-moi-789",
		});
		expect(res.status, who).toBe(403);
	}
	// One's own password needs the current one.
	const own = await fx.as("thanhtra.kh");
	const self = `/users/${fx.seed.users["thanhtra.kh"]}/password`;
	expect((await own.request("POST", self, { password: "mat-khau-moi-000", currentPassword: "sai" })).status).toBe(401);
	expect((await own.request("POST", self, { password: "mat-khau-moi-000" })).status).toBe(401);
	expect(
		(await own.request("POST", self, { password: "mat-khau-moi-000", currentPassword: DEMO_PASSWORD })).status,
	).toBe(201);
});

it("revokes a user's refresh tokens when their role, endpoints or disabled flag change, and on sign-out", async () => {
	const phanrang = await signIn("canbo.phanrang");
	const central = await fx.as("trunguong");
	const user = `/users/${fx.seed.users["canbo.phanrang"]}`;
	expect((await central.request("PATCH", user, { changes: { role: "observer" } })).status).toBe(201);
	expect((await refresh(phanrang.body.refreshToken)).status).toBe(401);
	const again = await signIn("canbo.phanrang");
	expect((await refresh(again.body.refreshToken)).status).toBe(200);
	expect((await central.request("PATCH", user, { changes: { name: "Cán bộ Phan Rang" } })).status).toBe(201);
	expect((await refresh(again.body.refreshToken)).status).toBe(200);

	const session = await signIn("chutich.ld");
	expect((await call(fx.base, "POST", "/auth/logout", { refreshToken: session.body.refreshToken })).status).toBe(200);
	expect((await refresh(session.body.refreshToken)).status).toBe(401);
});
