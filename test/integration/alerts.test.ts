import { afterAll, beforeAll, expect, it } from "vitest";
import { PresenceClient } from "../../client/src/health/PresenceClient.js";
import type { Alert } from "../../domain/alerts.js";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";

let fx: RecordsFixture;
const clients: PresenceClient[] = [];
let sessionId: string;

beforeAll(async () => {
	fx = await startRecordsFixture({ ALERT_OFFLINE_LEAD_MIN: "30", ALERT_CHECK_EVERY_MS: "200" });
});
afterAll(async () => {
	for (const c of clients) c.close();
	await fx?.platform.stop();
});

async function presenceOf(username: string): Promise<{ client: PresenceClient; pushed: Alert[] }> {
	const client = new PresenceClient({
		url: `http://127.0.0.1:${fx.platform.port}`,
		token: (await fx.as(username)).accessToken,
	});
	clients.push(client);
	const pushed: Alert[] = [];
	client.on("alert", (a) => pushed.push(a));
	return { client, pushed };
}

const ep = (code: string) => fx.seed.endpoints[code] ?? "";
const list = async (username: string, query = "") =>
	(await (await fx.as(username)).request<{ items: Alert[] }>("GET", `/alerts${query}`)).body.items;

it("raises offline endpoints before a session into groups that IT staff in scope receive live", async () => {
	const it = await presenceOf("cntt.kh");
	const lamDong = await presenceOf("vanphong.ld");
	await eventually(async () => (fx.platform.monitoring.presence.get(ep("KH"))?.state === "online" ? true : undefined));

	const { document } = await fx.platform.records.sessions.create(
		{
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title: "Tiếp công dân đột xuất vụ việc đông người xã Phước Hà",
			plannedStart: new Date(Date.now() + 10 * 60_000),
			plannedEnd: new Date(Date.now() + 70 * 60_000),
			hostEndpointId: ep("KH"),
			chairUserId: fx.seed.users["chutich.kh"],
			participantEndpointIds: [ep("KH-NHATRANG"), ep("KH-PHANRANG")],
			status: "scheduled",
			scopeEndpointIds: [ep("KH"), ep("KH-NHATRANG"), ep("KH-PHANRANG")],
		},
		{ userId: "u-secretariat", origin: "test" },
	);
	sessionId = String(document.entityId);

	await eventually(async () => (it.pushed.length >= 2 ? true : undefined));
	// Checks keep running; a condition already raised is not raised again.
	await new Promise((r) => setTimeout(r, 600));
	expect(it.pushed.map((a) => a.endpointId).sort()).toEqual([ep("KH-NHATRANG"), ep("KH-PHANRANG")].sort());
	expect(it.pushed[0]).toMatchObject({
		kind: "offline-before-session",
		severity: "warning",
		sessionId,
		count: 1,
		facts: { sessionTitle: "Tiếp công dân đột xuất vụ việc đông người xã Phước Hà", plannedStart: expect.any(String) },
		acknowledged: null,
		cleared: null,
	});
	expect(lamDong.pushed).toEqual([]);

	expect(await list("cntt.kh")).toHaveLength(2);
	expect(await list("thanhtra.cp")).toHaveLength(2);
	expect(await list("chutich.ld")).toEqual([]);
	expect(await list("cntt.kh", `?endpoint=${ep("KH-NHATRANG")}`)).toHaveLength(1);
});

it("counts repeated raises in one group, even concurrent ones", async () => {
	const raise = () =>
		fx.platform.alerts.raise("failing-during-session", ep("KH-NHATRANG"), sessionId, {
			reasons: [{ code: "packet-loss", value: 12, threshold: 10 }],
		});
	const raised = await Promise.all([raise(), raise(), raise()]);
	expect(new Set(raised.map((a) => a.id)).size).toBe(1);
	const failing = (await list("cntt.kh")).filter((a) => a.kind === "failing-during-session");
	expect(failing).toHaveLength(1);
	expect(failing[0]).toMatchObject({ count: 3, severity: "critical", endpointId: ep("KH-NHATRANG"), sessionId });
});

it("is acknowledged by a named person in scope, and pushed as such", async () => {
	const [alert] = await list("cntt.kh", `?endpoint=${ep("KH-PHANRANG")}`);
	if (!alert) throw new Error("no alert");
	const path = `/alerts/${alert.id}/acknowledge`;
	const lamDong = await (await fx.as("vanphong.ld")).request("POST", path, {});
	// Another province's alert is answered as absent (the scope rule).
	expect(lamDong).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
	const inspector = await (await fx.as("thanhtra.kh")).request("POST", path, {});
	expect(inspector.status).toBe(403);

	const watcher = await presenceOf("trunguong");
	await new Promise((r) => setTimeout(r, 200));
	const ok = await (await fx.as("cntt.kh")).request<Alert>("POST", path, {});
	expect(ok.status).toBe(200);
	expect(ok.body.acknowledged).toMatchObject({ userId: fx.seed.users["cntt.kh"], name: expect.any(String) });
	expect(ok.body.acknowledged?.name.length).toBeGreaterThan(3);
	await eventually(async () => (watcher.pushed.some((a) => a.id === alert.id && a.acknowledged) ? true : undefined));
	// The first acknowledgement stands.
	const again = await (await fx.as("vanphong.kh")).request<Alert>("POST", path, {});
	expect(again.body.acknowledged?.userId).toBe(fx.seed.users["cntt.kh"]);
});

it("clears when the condition ends, and a relapse soon after reopens the same group", async () => {
	const it = await presenceOf("cntt.kh");
	await presenceOf("canbo.nhatrang");
	await eventually(async () =>
		it.pushed.some((a) => a.endpointId === ep("KH-NHATRANG") && a.kind === "offline-before-session" && a.cleared)
			? true
			: undefined,
	);
	const offline = (await list("cntt.kh", "?state=all")).find(
		(a) => a.endpointId === ep("KH-NHATRANG") && a.kind === "offline-before-session",
	);
	expect(offline?.cleared).toMatchObject({ reason: "condition-ended" });

	const [cleared] = await fx.platform.alerts.clear("failing-during-session", ep("KH-NHATRANG"), sessionId);
	expect(cleared?.cleared?.reason).toBe("condition-ended");
	const relapse = await fx.platform.alerts.raise("failing-during-session", ep("KH-NHATRANG"), sessionId, {
		reasons: [{ code: "round-trip", value: 900, threshold: 800 }],
	});
	expect(relapse).toMatchObject({ id: cleared?.id, count: 4, cleared: null });
});

it("clears every alert of a session when it ends, and prunes cleared alerts past retention", async () => {
	const chair = await fx.as("vanphong.kh");
	const res = await chair.request("POST", `/sessions/${sessionId}/transitions`, { to: "cancelled", reason: "Hoãn" });
	expect(res.status).toBe(201);
	await eventually(async () => ((await list("cntt.kh")).length === 0 ? true : undefined));
	const all = await list("cntt.kh", "?state=all");
	expect(all.filter((a) => a.cleared?.reason === "session-ended").length).toBeGreaterThanOrEqual(2);

	expect(await fx.platform.alerts.prune(new Date(Date.now() + 40 * 86_400_000))).toBe(all.length);
	expect(await list("cntt.kh", "?state=all")).toEqual([]);
});

it("lists only the kinds asked for, and refuses an unknown kind naming the field", async () => {
	const reasons = [{ code: "packet-loss" as const, value: 12, threshold: 10 }];
	await fx.platform.alerts.raise("failing-during-session", ep("KH-NHATRANG"), sessionId, { reasons });
	await fx.platform.alerts.raise("offline-before-session", ep("KH-PHANRANG"), sessionId, {
		sessionTitle: "Phiên thử",
		plannedStart: new Date().toISOString(),
	});
	const all = await list("cntt.kh", "?state=all");
	expect(new Set(all.map((a) => a.kind)).size).toBe(2);
	const failing = await list("cntt.kh", "?state=all&kind=failing-during-session");
	expect(failing.length).toBeGreaterThan(0);
	expect(failing.every((a) => a.kind === "failing-during-session")).toBe(true);
	expect(failing).toHaveLength(1);
	const both = await list("cntt.kh", "?state=all&kind=failing-during-session,offline-before-session");
	expect(both.map((a) => a.id).sort()).toEqual(all.map((a) => a.id).sort());
	expect(await list("cntt.kh", "?state=all&kind=task-deadline")).toEqual([]);
	const wrong = await (await fx.as("cntt.kh")).request("GET", "/alerts?kind=lost");
	expect(wrong.status).toBe(400);
	expect(wrong.body).toMatchObject({
		error: { code: "VALIDATION_ERROR", issues: [{ path: expect.stringMatching(/^query\.kind/) }] },
	});
});
