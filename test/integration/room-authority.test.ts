import jwt from "jsonwebtoken";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { IdentityClaims } from "../../domain/identity.js";
import type { SessionStatus } from "../../domain/sessionLifecycle.js";
import type { CHAIR_REQUESTS } from "../../signaling/protocol.js";
import { connectSocket, EndpointPeer } from "../support/EndpointPeer.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { identity, newSessionId, socketUrl } from "../support/session.js";

let fx: RecordsFixture;
const peers: EndpointPeer[] = [];
beforeAll(async () => {
	fx = await startRecordsFixture({ SESSION_LOBBY: "off" });
});
afterAll(async () => {
	for (const p of peers) await p.close();
	await fx?.platform.stop();
});

const actor = { userId: "test", role: "central", origin: "test" };

/** A session record presided by `chair` (and co-chairs), in this status. */
async function session(chair: IdentityClaims, coChairs: IdentityClaims[] = [], status: SessionStatus = "live") {
	const id = newSessionId();
	const at = new Date();
	await fx.platform.records.sessions.create(
		{
			kind: "regular",
			origin: { type: "scheduled" },
			title: "Phiên thử quyền chủ trì",
			plannedStart: at,
			plannedEnd: new Date(at.getTime() + 3_600_000),
			hostEndpointId: chair.endpointId,
			chairUserId: chair.sub,
			coChairUserIds: coChairs.map((c) => c.sub),
			status,
			scopeEndpointIds: [chair.endpointId],
		},
		actor,
		id,
	);
	return id;
}

async function peer(sessionId: string, who: IdentityClaims | string): Promise<EndpointPeer> {
	const token = typeof who === "string" ? who : fx.platform.tokens.sign(who, "session", sessionId);
	const p = await EndpointPeer.connect(socketUrl(fx.platform), token);
	peers.push(p);
	return p;
}

const refusal = (ack: unknown) => (ack as { error?: { code: string } }).error?.code;

it("gives the chair's powers only to the session's presiding chair and its named co-chairs", async () => {
	const presiding = identity("chu-tich-kh", "chair", "province");
	const coChair = identity("pho-chu-tich-kh", "chair", "province");
	const otherChair = identity("chu-tich-ld", "chair", "province");
	const operator = identity("xa-a", "operator", "commune");
	const id = await session(presiding, [coChair]);
	const chair = await peer(id, presiding);
	await chair.join();
	const co = await peer(id, coChair);
	await co.join();
	const other = await peer(id, otherChair);
	expect(await other.join()).toMatchObject({ status: "joined", lobby: [] });
	const op = await peer(id, operator);
	await op.join();

	const target = { participantId: op.participantId };
	const payloads: Record<(typeof CHAIR_REQUESTS)[number], unknown> = {
		setChairMute: { ...target, muted: true },
		removeParticipant: target,
		setLobby: { enabled: true },
		admit: target,
		admitAll: {},
		deny: target,
		endSession: {},
	};
	for (const [name, payload] of Object.entries(payloads) as [(typeof CHAIR_REQUESTS)[number], unknown][]) {
		expect(refusal(await other.request(name, payload as never)), name).toBe("FORBIDDEN");
	}
	// The co-chair presides: mutes, and lets the lobby be used.
	await co.call("setChairMute", { participantId: op.participantId, muted: true });
	await op.waitFor("chairMuteChanged", (m) => m.participantId === op.participantId && m.muted);
	// The chair's role alone is not enough once the record no longer names them.
	await fx.platform.records.sessions.revise(id, { coChairUserIds: [] }, { kind: "update" }, actor);
	expect(refusal(await co.request("setChairMute", { participantId: op.participantId, muted: false }))).toBe(
		"FORBIDDEN",
	);
	await chair.call("setChairMute", { participantId: op.participantId, muted: false });
	await chair.call("endSession", {});
});

it("joins only sessions whose record is open or live", async () => {
	const chair = identity("chu-tich-trang-thai", "chair", "province");
	for (const [status, code] of [
		["scheduled", "NOT_IN_SESSION"],
		["cancelled", "SESSION_ENDED"],
		["ended", "SESSION_ENDED"],
		["concluded", "SESSION_ENDED"],
	] as const) {
		const p = await peer(await session(chair, [], status), chair);
		expect(refusal(await p.request("join", {})), status).toBe(code);
	}
	const unknown = await peer(newSessionId(), chair);
	expect(refusal(await unknown.request("join", {}))).toBe("NOT_FOUND");
});

it("ends the live room when the record is ended over HTTP, and refuses its tokens from then on", async () => {
	const { seed } = fx;
	const chairApi = await fx.as("chutich.kh");
	for (const to of ["open", "live"]) {
		expect((await chairApi.request("POST", `/sessions/${seed.sessionId}/transitions`, { to })).status).toBe(201);
	}
	const tokenOf = async (username: string) =>
		(await (await fx.as(username)).request<{ token: string }>("POST", `/sessions/${seed.sessionId}/token`)).body.token;
	const sessionId = seed.sessionId ?? "";
	const chair = await peer(sessionId, await tokenOf("chutich.kh"));
	await chair.join();
	const commune = await peer(sessionId, await tokenOf("canbo.nhatrang"));
	await commune.join();
	const secretariat = await fx.as("vanphong.kh");
	const ended = await secretariat.request("POST", `/sessions/${seed.sessionId}/transitions`, { to: "ended" });
	expect(ended.status).toBe(201);
	await commune.waitFor("sessionEnded", (e) => e.reason === "closed-by-record");
	await expect(connectSocket(socketUrl(fx.platform), commune.token)).rejects.toMatchObject({
		data: { code: "SESSION_ENDED" },
	});
});

it("keeps removed and denied participants out with the same token; a new pass waits in the lobby", async () => {
	const presiding = identity("chu-tich-moi-ra", "chair", "province");
	const id = await session(presiding);
	const chair = await peer(id, presiding);
	await chair.join();
	const removedWho = identity("xa-bi-moi-ra", "operator", "commune");
	const removed = await peer(id, removedWho);
	await removed.join();
	await chair.call("removeParticipant", { participantId: removed.participantId });
	await removed.waitFor("removed");
	await expect(connectSocket(socketUrl(fx.platform), removed.token)).rejects.toMatchObject({
		data: { code: "FORBIDDEN" },
	});
	// With a new pass the chair decides again, though the lobby is off.
	const back = await peer(id, removedWho);
	expect(await back.join()).toMatchObject({ status: "waiting" });

	await chair.call("setLobby", { enabled: true });
	const deniedWho = identity("xa-bi-tu-choi", "operator", "commune");
	const denied = await peer(id, deniedWho);
	const seat = await denied.join();
	await chair.call("deny", { participantId: seat.participantId });
	await denied.waitFor("denied");
	await expect(connectSocket(socketUrl(fx.platform), denied.token)).rejects.toMatchObject({
		data: { code: "FORBIDDEN" },
	});
	await chair.call("endSession", {});
});

it("keeps a chair mute on the user across leave and join", async () => {
	const presiding = identity("chu-tich-tat-tieng", "chair", "province");
	const id = await session(presiding);
	const chair = await peer(id, presiding);
	await chair.join();
	const mutedWho = identity("xa-bi-tat-tieng", "operator", "commune");
	const muted = await peer(id, mutedWho);
	await muted.join();
	await chair.call("setChairMute", { participantId: muted.participantId, muted: true });
	await muted.call("leave", {});
	const again = await muted.join();
	expect(again.status === "joined" && again.participants.find((p) => p.userId === mutedWho.sub)).toMatchObject({
		chairMuted: true,
	});
	await muted.sendMedia();
	const microphone = muted.producer("microphone");
	const published = await chair.waitFor(
		"newProducer",
		(p) => p.source === "microphone" && p.participantId === muted.participantId,
	);
	expect(published.paused).toBe(true);
	expect(refusal(await muted.request("resumeProducer", { producerId: microphone.id }))).toBe("CHAIR_MUTED");
	await chair.call("endSession", {});
});

it("closes a socket when its token expires, and every socket of a user who is disabled", async () => {
	const presiding = identity("chu-tich-het-han", "chair", "province");
	const id = await session(presiding);
	const shortLived = jwt.sign(
		{ ...identity("xa-het-han", "operator", "commune"), use: "session", sessionId: id },
		"test-secret-for-signing-tokens-0123456789",
		{ algorithm: "HS256", issuer: "reception-bridge", expiresIn: 2 },
	);
	const expiring = await peer(id, shortLived);
	await expiring.join();
	await new Promise<void>((resolve) => expiring.socket.once("disconnect", () => resolve()));

	const operatorId = fx.seed.users["canbo.phanrang"] ?? "";
	const who = jwt.decode((await fx.as("canbo.phanrang")).accessToken) as IdentityClaims;
	const user = await peer(await session(presiding), who);
	await user.join();
	const gone = new Promise<void>((resolve) => user.socket.once("disconnect", () => resolve()));
	const disabled = await (await fx.as("trunguong")).request("PATCH", `/users/${operatorId}`, {
		changes: { disabled: true },
	});
	expect(disabled.status).toBe(201);
	await gone;
	await expect(connectSocket(socketUrl(fx.platform), user.token)).rejects.toMatchObject({
		data: { code: "FORBIDDEN" },
	});
});
