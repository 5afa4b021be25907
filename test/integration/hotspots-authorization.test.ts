import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOTSPOTS_NAMESPACE } from "../../signaling/namespaces.js";
import { enterCase, groupBody, inDays, watchBody } from "../support/hotspots.js";
import { call, type RecordsFixture, startRecordsFixture } from "../support/records.js";

/** Khánh Hòa's watched case, its watch entry, working group and a feed item; a Lâm Đồng case. */
interface Ids {
	kh: string;
	ld: string;
	khCase: string;
	ldCase: string;
	watch: string;
	group: string;
	item: string;
}

let fx: RecordsFixture;
const ids = {} as Ids;
beforeAll(async () => {
	fx = await startRecordsFixture({ HOTSPOT_WRITES_PER_MINUTE: "20" });
	ids.kh = fx.seed.endpoints.KH ?? "";
	ids.ld = fx.seed.endpoints.LD ?? "";
	ids.khCase = fx.seed.caseId ?? "";
	ids.ldCase = await enterCase(fx, "vanphong.ld", "LD", {
		citizens: [{ fullName: "Lê Thị Mơ", address: "Lâm Đồng", idNumber: "068190001234", isRepresentative: true }],
	});
	const kh = await fx.as("vanphong.kh");
	ids.watch = ((await kh.request("POST", "/hotspots/watches", watchBody(ids.khCase))).body as { id: string }).id;
	ids.group = (
		(await kh.request("POST", "/hotspots/groups", groupBody(ids.kh, [ids.khCase]))).body as { id: string }
	).id;
	const development = await kh.request<{ id: string }>("POST", `/hotspots/cases/${ids.khCase}/developments`, {
		occurredAt: inDays(0),
		text: "Công dân tập trung tại trụ sở phường",
	});
	ids.item = `development:${development.body.id}`;
});
afterAll(async () => {
	await fx?.platform.stop();
});

interface Refusal {
	who: string;
	method: string;
	path: (i: Ids) => string;
	body?: (i: Ids) => unknown;
}

const watch = (i: Ids) => `/hotspots/watches/${i.watch}`;
const group = (i: Ids) => `/hotspots/groups/${i.group}`;
const developments = (i: Ids) => `/hotspots/cases/${i.khCase}/developments`;
const development = () => ({ occurredAt: inDays(0), text: "Diễn biến" });

/**
 * Each route refused by role (403 FORBIDDEN), and by endpoint scope: Lâm Đồng, or another commune, for
 * whom Khánh Hòa's records are answered exactly as absent ones (404 NOT_FOUND).
 */
const refusals: Refusal[] = [
	{ who: "cntt.kh", method: "GET", path: () => "/hotspots/watches" },
	{ who: "quansat.kh", method: "GET", path: () => "/hotspots/watches" },
	{ who: "cntt.kh", method: "GET", path: () => "/hotspots/board" },
	{ who: "quansat.kh", method: "POST", path: () => "/hotspots/board/seen" },
	{ who: "canbo.phanrang", method: "POST", path: () => "/hotspots/watches", body: (i) => watchBody(i.khCase) },
	{ who: "thanhtra.kh", method: "POST", path: () => "/hotspots/watches", body: (i) => watchBody(i.khCase) },
	{ who: "chutich.kh", method: "POST", path: () => "/hotspots/watches", body: (i) => watchBody(i.khCase) },
	{ who: "vanphong.ld", method: "POST", path: () => "/hotspots/watches", body: (i) => watchBody(i.khCase) },
	{
		who: "vanphong.ld",
		method: "POST",
		path: () => "/hotspots/watches",
		body: (i) => watchBody(i.khCase, { provinceId: i.ld }),
	},
	{ who: "vanphong.ld", method: "GET", path: watch },
	{ who: "chutich.ld", method: "GET", path: watch },
	{ who: "canbo.nhatrang", method: "GET", path: watch },
	{ who: "cntt.kh", method: "GET", path: watch },
	{ who: "vanphong.ld", method: "GET", path: (i) => `${watch(i)}/history` },
	{ who: "canbo.xuanhuong", method: "GET", path: (i) => `${watch(i)}/history` },
	{ who: "vanphong.ld", method: "PATCH", path: watch, body: () => ({ changes: { expectedPeople: 3 } }) },
	{ who: "canbo.phanrang", method: "PATCH", path: watch, body: () => ({ changes: { expectedPeople: 3 } }) },
	{ who: "thanhtra.kh", method: "PATCH", path: watch, body: () => ({ changes: { expectedPeople: 3 } }) },
	{
		who: "vanphong.ld",
		method: "POST",
		path: (i) => `${watch(i)}/transitions`,
		body: () => ({ to: "risk-over", reason: "Hết nguy cơ" }),
	},
	{
		who: "chutich.kh",
		method: "POST",
		path: (i) => `${watch(i)}/transitions`,
		body: () => ({ to: "risk-over", reason: "Hết nguy cơ" }),
	},
	{
		who: "vanphong.kh",
		method: "POST",
		path: (i) => `${watch(i)}/dialogue`,
		body: () => ({ plannedStart: inDays(1), reason: "Đối thoại" }),
	},
	{
		who: "thanhtra.cp",
		method: "POST",
		path: (i) => `${watch(i)}/dialogue`,
		body: () => ({ plannedStart: inDays(1), reason: "Đối thoại" }),
	},
	{ who: "vanphong.ld", method: "GET", path: developments },
	{ who: "canbo.nhatrang", method: "GET", path: developments },
	{ who: "cntt.kh", method: "GET", path: developments },
	{ who: "canbo.xuanhuong", method: "POST", path: developments, body: development },
	{ who: "canbo.nhatrang", method: "POST", path: developments, body: development },
	{ who: "thanhtra.kh", method: "POST", path: developments, body: development },
	{ who: "chutich.kh", method: "POST", path: developments, body: development },
	{ who: "cntt.kh", method: "GET", path: () => "/hotspots/groups" },
	{ who: "quansat.kh", method: "GET", path: () => "/hotspots/groups" },
	{ who: "vanphong.ld", method: "POST", path: () => "/hotspots/groups", body: (i) => groupBody(i.kh, [i.khCase]) },
	{ who: "vanphong.ld", method: "POST", path: () => "/hotspots/groups", body: (i) => groupBody(i.ld, [i.khCase]) },
	{ who: "canbo.phanrang", method: "POST", path: () => "/hotspots/groups", body: (i) => groupBody(i.kh, [i.khCase]) },
	{ who: "vanphong.ld", method: "GET", path: group },
	{ who: "canbo.xuanhuong", method: "GET", path: group },
	{ who: "vanphong.ld", method: "GET", path: (i) => `${group(i)}/history` },
	{ who: "vanphong.ld", method: "PATCH", path: group, body: () => ({ changes: { received: 3 } }) },
	{ who: "thanhtra.kh", method: "PATCH", path: group, body: () => ({ changes: { received: 3 } }) },
	{ who: "canbo.phanrang", method: "GET", path: () => "/hotspots/feed" },
	{ who: "cntt.kh", method: "GET", path: () => "/hotspots/feed" },
	{
		who: "vanphong.kh",
		method: "POST",
		path: () => "/hotspots/feed/acknowledgements",
		body: (i) => ({ itemId: i.item }),
	},
	{
		who: "thanhtra.cp",
		method: "POST",
		path: () => "/hotspots/feed/acknowledgements",
		body: (i) => ({ itemId: i.item }),
	},
];

/** Users whose scope holds none of Khánh Hòa's watched case: Lâm Đồng's, and a commune the case is not of. */
const OUTSIDE = new Set(["vanphong.ld", "chutich.ld", "canbo.xuanhuong", "canbo.nhatrang"]);

describe("refusals", () => {
	it.each(refusals)("#%# $who $method", async (r) => {
		const res = await (await fx.as(r.who)).request(r.method, r.path(ids), r.body?.(ids));
		const [code, status] = OUTSIDE.has(r.who) ? ["NOT_FOUND", 404] : ["FORBIDDEN", 403];
		expect(res.body, `${r.method} ${r.path(ids)}`).toMatchObject({ error: { code } });
		expect(res.status).toBe(status);
	});
});

it("refuses every hot-spot route without a valid access token", async () => {
	const routes = [...new Set(refusals.map((r) => `${r.method} ${r.path(ids)}`))];
	expect(routes.length).toBeGreaterThanOrEqual(18);
	for (const route of routes) {
		const [method = "", path = ""] = route.split(" ");
		const res = await call(fx.base, method, path, method === "GET" ? undefined : {});
		expect(res.body, route).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
	}
});

it("refuses the /hotspots channel to roles that do not follow watch entries, and without a token", async () => {
	const handshake = async (token: string | undefined) => {
		const socket = io(`http://127.0.0.1:${fx.platform.port}${HOTSPOTS_NAMESPACE}`, {
			auth: token ? { token } : {},
			transports: ["websocket"],
			reconnection: false,
		});
		const code = await new Promise<string>((resolve) => {
			socket.once("connect", () => resolve("connected"));
			socket.once("connect_error", (err) => resolve((err as { data?: { code: string } }).data?.code ?? "?"));
		});
		socket.disconnect();
		return code;
	};
	expect(await handshake((await fx.as("cntt.kh")).accessToken)).toBe("FORBIDDEN");
	expect(await handshake((await fx.as("quansat.kh")).accessToken)).toBe("FORBIDDEN");
	expect(await handshake(undefined)).toBe("TOKEN_MISSING");
	expect(await handshake((await fx.as("canbo.phanrang")).accessToken)).toBe("connected");
});

it("bounds each user's hot-spot writes per minute", async () => {
	const chair = await fx.as("chutich.ld");
	const statuses: number[] = [];
	for (let i = 0; i < 21; i++) statuses.push((await chair.request("POST", "/hotspots/board/seen")).status);
	expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
	const refused = await chair.request("POST", "/hotspots/board/seen");
	expect(refused.status).toBe(429);
	expect(refused.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
	// Reading is not limited, and other users are not affected.
	expect((await chair.request("GET", "/hotspots/board")).status).toBe(200);
	expect((await (await fx.as("chutich.kh")).request("POST", "/hotspots/board/seen")).status).toBe(200);
});

it("lets Lâm Đồng work its own case and nothing of Khánh Hòa's reaches its lists", async () => {
	const ld = await fx.as("vanphong.ld");
	const opened = await ld.request("POST", "/hotspots/watches", watchBody(ids.ldCase));
	expect(opened.status).toBe(201);
	const board = await ld.request<{ items: { caseId: string }[]; counts: { provinceId: string }[] }>(
		"GET",
		"/hotspots/board",
	);
	expect(board.body.items.map((w) => w.caseId)).toEqual([ids.ldCase]);
	expect(board.body.counts.map((c) => c.provinceId)).toEqual([ids.ld]);
	const groups = await ld.request<{ items: unknown[] }>("GET", "/hotspots/groups");
	expect(groups.body.items).toEqual([]);
	const feed = await ld.request<{ items: { provinceId: string | null }[] }>("GET", "/hotspots/feed");
	expect(feed.body.items.every((i) => i.provinceId === ids.ld)).toBe(true);
});
