import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

let platform: Platform;
const peers: EndpointPeer[] = [];

beforeAll(async () => {
	platform = await startPlatform({ SESSION_LOBBY: "off", RECONNECT_GRACE_MS: "3000" });
});

afterAll(async () => {
	for (const p of peers) await p.close();
	await platform?.stop();
});

it("a dropped socket back within the grace period keeps its seat and media; one back late is a new participant", async () => {
	const sessionId = newSessionId();
	const central = await connectPeer(platform, sessionId, identity("trung-uong", "central", "central"));
	const district = await connectPeer(platform, sessionId, identity("huyen", "operator", "district"));
	peers.push(central, district);
	for (const p of [central, district]) {
		await p.join();
		await p.sendMedia();
		await p.receiveMedia();
	}
	const seat = district.participantId;
	await central.awaitPacketsFrom(seat, "audio");

	// Back within the grace period: the same participant, ICE restarted, media flowing both ways.
	district.socket.disconnect();
	await central.waitFor("participantReconnecting", (p) => p.participantId === seat);
	await district.reconnect();
	expect(await district.join()).toMatchObject({ status: "joined", participantId: seat, resumed: true });
	await district.restartIce();
	await central.waitFor("participantReconnected", (p) => p.participantId === seat);
	await central.awaitPacketsFrom(seat, "audio");
	await central.awaitPacketsFrom(seat, "video");
	await district.awaitPacketsFrom(central.participantId, "audio");
	expect(central.received.some((r) => r.event === "participantLeft")).toBe(false);

	// Back after the grace period: the seat was given up, and this is a new participant.
	district.socket.disconnect();
	await central.waitFor("participantLeft", (p) => p.participantId === seat && p.reason === "grace-expired");
	await district.reconnect();
	const late = await district.join();
	expect(late).toMatchObject({ status: "joined", resumed: false });
	expect(late.participantId).not.toBe(seat);
	await central.waitFor("participantJoined", (p) => p.participantId === late.participantId);

	const attendance = platform.database.connection.collection("attendanceevents");
	const kinds = await eventually(async () => {
		const events = await attendance.find({ sessionId, userId: "user-huyen" }).sort({ at: 1 }).toArray();
		return events.length >= 6 ? events : undefined;
	});
	expect(kinds.map((e) => [e.kind, e.participantId === seat ? "seat" : "new"])).toEqual([
		["joined", "seat"],
		["reconnecting", "seat"],
		["reconnected", "seat"],
		["reconnecting", "seat"],
		["left", "seat"],
		["joined", "new"],
	]);
	expect(kinds[4]).toMatchObject({ details: { reason: "grace-expired" }, endpointId: "ep-huyen" });
	for (const e of kinds) expect(e.at).toBeInstanceOf(Date);
});
