import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { IdentityClaims } from "../../domain/identity.js";
import { can } from "../../domain/permissions.js";
import { ROLES } from "../../domain/roles.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { signIn } from "./support/app.js";
import { launchBrowser } from "./support/browser.js";

/**
 * The home page's **Tham gia** follows `can()`: for a live session in their scope, a user of each
 * role sees the button exactly when `can(identity, "attend", …)` lets them take part (once, the app
 * hid it from inspectors while the server let them in).
 */
let fx: RecordsFixture;
let browser: Browser;

/** One demo user of each role, each with the seed session (host KH; TW, Nha Trang, Phan Rang) in scope. */
const ONE_OF_EACH = {
	chair: "chutich.kh",
	secretariat: "vanphong.kh",
	central: "trunguong",
	operator: "canbo.nhatrang",
	it: "cntt.kh",
	inspector: "thanhtra.kh",
	observer: "quansat.kh",
} as const;

beforeAll(async () => {
	fx = await startRecordsFixture({ SESSION_LOBBY: "off" });
	browser = await launchBrowser();
	const chair = await fx.as("chutich.kh");
	for (const to of ["open", "live"]) {
		expect((await chair.request("POST", `/sessions/${fx.seed.sessionId}/transitions`, { to })).status).toBe(201);
	}
});

afterAll(async () => {
	await browser?.close();
	await fx?.platform.stop();
});

it("shows Tham gia on a live session to exactly the roles can() lets attend", { timeout: 120_000 }, async () => {
	expect(Object.keys(ONE_OF_EACH).sort()).toEqual([...ROLES].sort());
	const baseUrl = `http://127.0.0.1:${fx.platform.port}`;
	for (const [role, username] of Object.entries(ONE_OF_EACH)) {
		const { identity } = (await (await fx.as(username)).request<{ identity: IdentityClaims }>("GET", "/auth/me")).body;
		expect(identity.role).toBe(role);
		const allowed = can(identity, "attend", { type: "sessions" });
		const { context, page } = await signIn(browser, baseUrl, username);
		const row = page.locator(`tr[data-session="${fx.seed.sessionId}"]`);
		await row.waitFor();
		expect(await row.getByRole("button", { name: "Tham gia" }).count(), `${role} (${username})`).toBe(allowed ? 1 : 0);
		await context.close();
	}
});
