import { afterAll, beforeAll, expect, it } from "vitest";
import type { EndpointPeer as Peer } from "../support/EndpointPeer.js";
import { EndpointPeer } from "../support/EndpointPeer.js";
import { type ApiClient, type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { socketUrl } from "../support/session.js";

let fx: RecordsFixture;
const peers: Peer[] = [];
beforeAll(async () => {
	fx = await startRecordsFixture({ SESSION_LOBBY: "on" });
});
afterAll(async () => {
	for (const p of peers) await p.close();
	await fx?.platform.stop();
});

const hour = 3_600_000;
const planned = (offsetHours: number) => ({
	plannedStart: new Date(Date.now() + offsetHours * hour).toISOString(),
	plannedEnd: new Date(Date.now() + (offsetHours + 2) * hour).toISOString(),
});

/** A seat in the session's room for this signed-in user, with the token the API gives them. */
async function seat(client: ApiClient, sessionId: string): Promise<Peer> {
	const res = await client.request<{ token: string }>("POST", `/sessions/${sessionId}/token`, {});
	expect(res.status, `${client.username}: ${JSON.stringify(res.body)}`).toBe(201);
	const peer = await EndpointPeer.connect(socketUrl(fx.platform), res.body.token);
	peers.push(peer);
	return peer;
}

async function goLive(chair: ApiClient, sessionId: string): Promise<void> {
	for (const to of ["open", "live"]) {
		const res = await chair.request("POST", `/sessions/${sessionId}/transitions`, { to });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
	}
}

it("a central-office leader co-chairs a session the central office asked for; a chair of another session does not", async () => {
	const ids = fx.seed;
	const central = await fx.as("trunguong");
	const request = {
		kind: "unscheduled",
		origin: { type: "on-demand", reason: "Đoàn đông người dự kiến ra Hà Nội" },
		title: "Đối thoại trực tuyến vụ việc đông người",
		...planned(1),
		hostEndpointId: ids.endpoints.KH,
		chairUserId: ids.users["chutich.kh"],
		participantEndpointIds: [ids.endpoints.TW, ids.endpoints["KH-PHANRANG"]],
		caseIds: [ids.caseId],
	};
	const count = () => fx.platform.records.models.ReceptionSession.countDocuments({});
	const before = await count();

	// Neither an endpoint operator nor a central-office staff member without a leadership post may co-chair.
	for (const [i, who] of ["canbo.nhatrang", "trunguong"].entries()) {
		const refused = await central.request("POST", "/sessions", { ...request, coChairUserIds: [ids.users[who]] });
		expect(refused.status, who).toBe(400);
		expect(refused.body).toMatchObject({
			error: { code: "VALIDATION_ERROR", issues: [{ path: "body.coChairUserIds.0" }] },
		});
		expect((refused.body as { error: { message: string } }).error.message, `${i}`).toContain(
			"neither a chair nor a leader of the central office",
		);
	}
	expect(await count()).toBe(before);

	const created = await central.request<{ id: string; coChairUserIds: string[] }>("POST", "/sessions", {
		...request,
		coChairUserIds: [ids.users["lanhdao.tw"]],
	});
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const requested = created.body.id;
	// Another KH session, chaired by the vice-chair: a chair, but not of the requested one.
	const other = await (await fx.as("vanphong.kh")).request<{ id: string }>("POST", "/sessions", {
		kind: "periodic",
		origin: { type: "scheduled" },
		title: "Tiếp công dân định kỳ của Phó Chủ tịch",
		...planned(30),
		hostEndpointId: ids.endpoints.KH,
		chairUserId: ids.users["phochutich.kh"],
	});
	expect(other.status, JSON.stringify(other.body)).toBe(201);

	const chair = await fx.as("chutich.kh");
	await goLive(chair, requested);

	// The co-chair enters directly (presiding: no lobby), and holds the chair's powers.
	const coChair = await seat(await fx.as("lanhdao.tw"), requested);
	expect(await coChair.join()).toMatchObject({ status: "joined", lobbyEnabled: true });
	const commune = await seat(await fx.as("canbo.phanrang"), requested);
	const waiting = await commune.join();
	expect(waiting).toMatchObject({ status: "waiting" });
	await coChair.waitFor("lobbyChanged", (l) => l.waiting.some((w) => w.participantId === waiting.participantId));
	await coChair.call("admit", { participantId: waiting.participantId });
	await commune.waitFor("admitted");
	expect(await commune.join()).toMatchObject({ status: "joined" });

	// The chair of the other session waits in the lobby like anyone, and has no chair powers here.
	const otherChair = await seat(await fx.as("phochutich.kh"), requested);
	const otherSeat = await otherChair.join();
	expect(otherSeat).toMatchObject({ status: "waiting" });
	await coChair.call("admit", { participantId: otherSeat.participantId });
	await otherChair.waitFor("admitted");
	expect(await otherChair.join()).toMatchObject({ status: "joined" });
	for (const [name, payload] of [
		["setChairMute", { participantId: commune.participantId, muted: true }],
		["removeParticipant", { participantId: commune.participantId }],
		["setLobby", { enabled: false }],
		["endSession", {}],
	] as const) {
		expect(await otherChair.request(name, payload as never), name).toMatchObject({ error: { code: "FORBIDDEN" } });
	}
	await coChair.call("setChairMute", { participantId: commune.participantId, muted: true });
	await commune.waitFor("chairMuteChanged", (m) => m.participantId === commune.participantId && m.muted);
	await coChair.call("endSession", {});
	await commune.waitFor("sessionEnded", (e) => e.reason === "ended-by-chair");
});

it("a chair delegates one session to a named vice-chair, who presides it; the chair does not, until withdrawn", async () => {
	const ids = fx.seed;
	const secretariat = await fx.as("vanphong.kh");
	const created = await secretariat.request<{ id: string }>("POST", "/sessions", {
		kind: "periodic",
		origin: { type: "scheduled" },
		title: "Tiếp công dân định kỳ tháng 12",
		...planned(2),
		hostEndpointId: ids.endpoints.KH,
		chairUserId: ids.users["chutich.kh"],
		participantEndpointIds: [ids.endpoints["KH-NHATRANG"]],
	});
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const path = `/sessions/${created.body.id}`;
	const chair = await fx.as("chutich.kh");
	const deputy = await fx.as("phochutich.kh");

	// Only to a vice-chair of the host unit, only by this session's chair (or its secretariat).
	for (const [who, to, status] of [
		[chair, "vanphong.kh", 400],
		[chair, "chutich.ld", 400],
		[deputy, "phochutich.kh", 403],
		[await fx.as("canbo.nhatrang"), "phochutich.kh", 403],
	] as const) {
		const res = await who.request("POST", `${path}/delegation`, { toUserId: ids.users[to], reason: "Đi công tác" });
		expect(res.status, `${who.username} → ${to}: ${JSON.stringify(res.body)}`).toBe(status);
	}
	// Withdrawn before it starts: the chair presides again.
	const delegate = { toUserId: ids.users["phochutich.kh"], reason: "Chủ tịch đi công tác Trung ương" };
	expect((await chair.request("POST", `${path}/delegation`, delegate)).status).toBe(201);
	expect(
		await chair.request("POST", `${path}/delegation/withdrawal`, { reason: "Lịch công tác thay đổi" }),
	).toMatchObject({ status: 201, body: { chairUserId: ids.users["chutich.kh"] } });
	const delegated = await chair.request("POST", `${path}/delegation`, {
		toUserId: ids.users["phochutich.kh"],
		reason: "Chủ tịch đi công tác Trung ương",
	});
	expect(delegated.status, JSON.stringify(delegated.body)).toBe(201);
	expect(delegated.body).toMatchObject({
		chairUserId: ids.users["phochutich.kh"],
		delegation: { fromUserId: ids.users["chutich.kh"] },
	});

	// The vice-chair steps it and presides; the chair who delegated is an ordinary participant.
	await goLive(deputy, created.body.id);
	expect((await chair.request("POST", `${path}/transitions`, { to: "ended" })).status).toBe(403);
	const presiding = await seat(deputy, created.body.id);
	expect(await presiding.join()).toMatchObject({ status: "joined" });
	const delegator = await seat(chair, created.body.id);
	const held = await delegator.join();
	expect(held).toMatchObject({ status: "waiting" });
	await presiding.call("admit", { participantId: held.participantId });
	await delegator.waitFor("admitted");
	await delegator.join();
	expect(await delegator.request("setLobby", { enabled: false })).toMatchObject({ error: { code: "FORBIDDEN" } });
	await presiding.call("setLobby", { enabled: false });
	// Once live, who presides is settled.
	expect((await chair.request("POST", `${path}/delegation/withdrawal`, {})).status).toBe(409);
});
