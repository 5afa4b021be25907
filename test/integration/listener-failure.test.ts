import { afterAll, beforeAll, expect, it } from "vitest";
import { PresenceClient } from "../../client/src/health/PresenceClient.js";
import type { Platform } from "../../server/Platform.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, getJson, recordingLogger, startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

const log = recordingLogger();
let platform: Platform;
const peers: EndpointPeer[] = [];
let presence: PresenceClient | undefined;

beforeAll(async () => {
	platform = await startPlatform(
		{
			SESSION_LOBBY: "off",
			PRESENCE_HEARTBEAT_MS: "200",
			PRESENCE_DEGRADED_AFTER_MS: "400",
			PRESENCE_OFFLINE_AFTER_MS: "800",
		},
		log.logger,
	);
});

afterAll(async () => {
	presence?.close();
	for (const p of peers) await p.close();
	await platform?.stop();
});

it("logs a listener that throws inside a timer-driven event, and the process and its live session go on", async () => {
	const sessionId = newSessionId();
	for (const who of [identity("tinh", "chair", "province"), identity("xa", "operator", "commune")]) {
		const peer = await connectPeer(platform, sessionId, who);
		peers.push(peer);
		await peer.join();
		await peer.sendMedia();
		await peer.receiveMedia();
	}
	const [chair, commune] = peers;
	if (!chair || !commune) throw new Error("peers missing");
	await chair.awaitPacketsFrom(commune.participantId, "video");

	// A listener with a bug, on the emitter the presence sweep fires from its timer.
	const seen: string[] = [];
	platform.monitoring.presence.on("statechange", (p) => {
		seen.push(p.state);
		throw new TypeError(`listener bug on ${p.state}`);
	});
	const observer = identity("quansat", "observer", "commune");
	presence = new PresenceClient({
		url: `http://127.0.0.1:${platform.port}`,
		token: platform.tokens.sign(observer, "access"),
	});
	await eventually(async () => (seen.includes("online") ? true : undefined));
	presence.close();
	// Silence: the sweep timer turns the endpoint degraded, then offline, calling the listener each time.
	await eventually(async () => (seen.includes("offline") ? true : undefined));

	const failures = log.lines.filter((l) => l.msg === "event listener failed");
	expect(failures.length).toBeGreaterThanOrEqual(3);
	expect(failures.every((l) => l.event === "statechange")).toBe(true);
	expect(failures.map((l) => (l.err as { message: string }).message)).toContain("listener bug on offline");
	expect(platform.monitoring.presence.get(observer.endpointId)?.state).toBe("offline");

	// The process and the live session carry on: media still flows and requests are answered.
	expect((await getJson(`http://127.0.0.1:${platform.port}/healthz`)).status).toBe(200);
	await chair.awaitPacketsFrom(commune.participantId, "audio");
	await commune.awaitPacketsFrom(chair.participantId, "video");
	expect(await commune.request("pauseProducer", { producerId: commune.producer("camera").id })).toEqual({ data: {} });
	await chair.waitFor("producerPaused", (p) => p.participantId === commune.participantId);
});
