import { afterAll, beforeAll, expect, it } from "vitest";
import { PresenceClient } from "../../client/src/health/PresenceClient.js";
import type { AttendanceSummary } from "../../domain/api/attendance.js";
import type { SessionChange } from "../../signaling/presenceProtocol.js";
import { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually } from "../support/platform.js";
import { type RecordsFixture, startRecordsFixture } from "../support/records.js";
import { socketUrl } from "../support/session.js";

/**
 * The session page's lobby: the chair and the secretariat see who waits (endpoint, person, position,
 * role) as it changes, without being in the room; ending or cancelling the record closes the room
 * for those seated and those waiting alike.
 */
let fx: RecordsFixture;
const peers: EndpointPeer[] = [];
let presence: PresenceClient | undefined;

beforeAll(async () => {
	fx = await startRecordsFixture({ SESSION_LOBBY: "on" });
});
afterAll(async () => {
	presence?.close();
	for (const p of peers) await p.close();
	await fx?.platform.stop();
});

async function seat(sessionId: string, username: string): Promise<EndpointPeer> {
	const api = await fx.as(username);
	const { body } = await api.request<{ token: string }>("POST", `/sessions/${sessionId}/token`);
	const peer = await EndpointPeer.connect(socketUrl(fx.platform), body.token);
	peers.push(peer);
	return peer;
}

it("shows who waits in the lobby on the session page, live, and a REST cancel closes the room for seated and waiting", async () => {
	const { seed } = fx;
	const sessionId = seed.sessionId ?? "";
	const secretariat = await fx.as("vanphong.kh");
	presence = new PresenceClient({ url: `http://127.0.0.1:${fx.platform.port}`, token: secretariat.accessToken });
	const changes: SessionChange[] = [];
	presence.on("sessionChanged", (c) => changes.push(c));
	await eventually(async () => (presence?.connected ? true : undefined));
	const lobby = async () =>
		(await secretariat.request<AttendanceSummary>("GET", `/sessions/${sessionId}/attendance/summary`)).body.waiting;

	expect((await secretariat.request("POST", `/sessions/${sessionId}/transitions`, { to: "open" })).status).toBe(201);
	const chair = await seat(sessionId, "chutich.kh");
	expect(await chair.join()).toMatchObject({ status: "joined" });
	expect(await lobby()).toEqual([]);

	const operator = await seat(sessionId, "canbo.nhatrang");
	const asked = await operator.join();
	expect(asked).toMatchObject({ status: "waiting" });
	// Pushed to the secretariat's page as it happens, then read with who it is.
	await eventually(async () => (changes.some((c) => c.kind === "waiting-in-lobby") ? true : undefined));
	const [waiting] = await lobby();
	expect(waiting).toMatchObject({
		endpointId: seed.endpoints["KH-NHATRANG"],
		userId: seed.users["canbo.nhatrang"],
		role: "operator",
	});
	const summary = (await secretariat.request<AttendanceSummary>("GET", `/sessions/${sessionId}/attendance/summary`))
		.body;
	expect(summary.names[waiting?.userId ?? ""]).toBe("Bùi Thị Hoa");

	// Admitted: no longer waiting.
	await chair.call("admit", { participantId: asked.participantId });
	await eventually(async () => ((await lobby()).length === 0 ? true : undefined));

	// Someone else waits; the secretariat cancels the session over HTTP: everyone is told, seated or waiting.
	const observer = await seat(sessionId, "quansat.kh");
	expect(await observer.join()).toMatchObject({ status: "waiting" });
	await eventually(async () => ((await lobby()).length === 1 ? true : undefined));
	expect((await lobby())[0]).toMatchObject({ role: "observer" });
	const cancelled = await secretariat.request("POST", `/sessions/${sessionId}/transitions`, {
		to: "cancelled",
		reason: "Chủ trì bận công tác đột xuất",
	});
	expect(cancelled.status).toBe(201);
	for (const peer of [chair, operator, observer])
		await peer.waitFor("sessionEnded", (e) => e.reason === "closed-by-record");
	// Over: nobody is shown waiting any more.
	expect(await lobby()).toEqual([]);
});
