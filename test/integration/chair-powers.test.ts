import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

let platform: Platform;
const peers: EndpointPeer[] = [];

beforeAll(async () => {
	platform = await startPlatform({ SESSION_LOBBY: "on" });
});

afterAll(async () => {
	for (const p of peers) await p.close();
	await platform?.stop();
});

async function peer(sessionId: string, who: ReturnType<typeof identity>): Promise<EndpointPeer> {
	const p = await connectPeer(platform, sessionId, who);
	peers.push(p);
	return p;
}

/** Resolves once the count stops growing between two readings, then returns it. */
function settled(read: () => Promise<number>): Promise<number> {
	let last = -1;
	return eventually(async () => {
		await new Promise((r) => setTimeout(r, 700));
		const now = await read();
		const stable = now === last;
		last = now;
		return stable ? now : undefined;
	}, 20_000);
}

it("holds endpoints in the lobby, mutes, removes and ends the session; only the chair may", async () => {
	const sessionId = newSessionId();
	const chair = await peer(sessionId, identity("chu-tich", "chair", "province"));
	expect(await chair.join()).toMatchObject({ status: "joined", lobbyEnabled: true, lobby: [] });
	await chair.receiveMedia();

	// The lobby holds the endpoints until the chair admits them.
	const commune = await peer(sessionId, identity("xa", "operator", "commune"));
	const waiting = await commune.join();
	expect(waiting).toMatchObject({ status: "waiting" });
	await chair.waitFor("lobbyChanged", (l) => l.waiting.some((w) => w.participantId === waiting.participantId));
	expect(await commune.request("createTransport", { direction: "send" })).toMatchObject({
		error: { code: "NOT_IN_SESSION" },
	});
	const stranger = await peer(sessionId, identity("la", "observer", "province"));
	const strangerSeat = await stranger.join();
	expect(await commune.request("deny", { participantId: strangerSeat.participantId })).toMatchObject({
		error: { code: "NOT_IN_SESSION" },
	});
	await chair.call("deny", { participantId: strangerSeat.participantId });
	await stranger.waitFor("denied");

	await chair.call("admit", { participantId: waiting.participantId });
	await commune.waitFor("admitted");
	expect(await commune.join()).toMatchObject({ status: "joined", participantId: waiting.participantId });
	await commune.sendMedia();
	await commune.receiveMedia();

	const province = await peer(sessionId, identity("so-ban-nganh", "operator", "province"));
	const provinceSeat = await province.join();
	expect(provinceSeat).toMatchObject({ status: "waiting" });
	// Admitting everyone leaves an observer waiting: observers are admitted one by one.
	const observer = await peer(sessionId, identity("quan-sat", "observer", "province"));
	const observerSeat = await observer.join();
	await chair.waitFor("lobbyChanged", (l) => l.waiting.some((w) => w.participantId === observerSeat.participantId));
	expect(await chair.call("admitAll", {})).toEqual({ admitted: [provinceSeat.participantId] });
	await province.waitFor("admitted");
	await chair.waitFor(
		"lobbyChanged",
		(l) => l.waiting.map((w) => w.participantId).join() === observerSeat.participantId,
	);
	await chair.call("deny", { participantId: observerSeat.participantId });
	await observer.waitFor("denied");
	await province.join();
	await province.receiveMedia();
	await chair.awaitPacketsFrom(commune.participantId, "audio");
	await province.awaitPacketsFrom(commune.participantId, "audio");

	// An operator cannot use the chair's powers.
	for (const [name, payload] of [
		["setChairMute", { participantId: commune.participantId, muted: true }],
		["removeParticipant", { participantId: commune.participantId }],
		["admitAll", {}],
		["setLobby", { enabled: false }],
		["endSession", {}],
	] as const) {
		expect(await province.request(name, payload as never), name).toMatchObject({ error: { code: "FORBIDDEN" } });
	}

	// The chair mutes the commune: everyone is told, its audio stops, and it cannot unmute itself.
	await chair.call("setChairMute", { participantId: commune.participantId, muted: true });
	for (const p of [chair, commune, province]) {
		await p.waitFor("chairMuteChanged", (m) => m.participantId === commune.participantId && m.muted);
	}
	await province.waitFor("producerPaused", (m) => m.participantId === commune.participantId && m.byChair);
	const heard = await settled(() => province.packetsFrom(commune.participantId, "audio"));
	await province.awaitPacketsFrom(commune.participantId, "video");
	expect(await province.packetsFrom(commune.participantId, "audio")).toBe(heard);
	const microphone = commune.producer("microphone").id;
	expect(await commune.request("resumeProducer", { producerId: microphone })).toMatchObject({
		error: { code: "CHAIR_MUTED" },
	});

	// Lifting the mute gives the floor back.
	await chair.call("setChairMute", { participantId: commune.participantId, muted: false });
	await province.awaitPacketsFrom(commune.participantId, "audio");

	// Removing a participant, then ending the session, releases everything in the worker.
	await chair.call("removeParticipant", { participantId: province.participantId });
	await province.waitFor("removed");
	await commune.waitFor("participantLeft", (l) => l.participantId === province.participantId && l.reason === "removed");
	const [worker] = platform.workers.workers;
	if (!worker) throw new Error("no worker");
	expect(((await worker.dump()) as { routerIds: string[] }).routerIds).toHaveLength(1);
	await chair.call("endSession", {});
	await commune.waitFor("sessionEnded", (e) => e.reason === "ended-by-chair");
	await eventually(async () =>
		((await worker.dump()) as { routerIds: string[] }).routerIds.length === 0 ? true : undefined,
	);
	const server = platform.workers.webRtcServer(worker);
	expect(((await server.dump()) as { webRtcTransportIds: string[] }).webRtcTransportIds).toEqual([]);
	await expect(connectPeer(platform, sessionId, identity("muon", "operator", "commune"))).rejects.toMatchObject({
		data: { code: "SESSION_ENDED" },
	});

	// Every step is in the attendance record, chair actions with the chair as actor.
	const attendance = platform.database.connection.collection("attendanceevents");
	const events = await eventually(async () => {
		const all = await attendance.find({ sessionId }).toArray();
		return all.some((e) => e.kind === "session-ended") ? all : undefined;
	});
	const chairActions = ["denied", "admitted", "muted-by-chair", "unmuted-by-chair", "removed", "session-ended"];
	for (const kind of ["waiting-in-lobby", "joined", ...chairActions]) {
		expect(
			events.map((e) => e.kind),
			kind,
		).toContain(kind);
	}
	for (const e of events.filter((e) => chairActions.includes(e.kind) && e.userId !== "user-chu-tich")) {
		expect(e.actorUserId, e.kind).toBe("user-chu-tich");
	}
});
