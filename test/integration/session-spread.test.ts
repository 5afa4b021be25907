import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

let platform: Platform;
const peers: EndpointPeer[] = [];

beforeAll(async () => {
	// Spreading forced: every new participant goes to the worker holding the fewest of its session.
	platform = await startPlatform({ SESSION_LOBBY: "off", MEDIASOUP_WORKERS: "2", SESSION_SPREAD: "always" });
});

afterAll(async () => {
	for (const p of peers) await p.close();
	await platform?.stop();
});

async function transportsOn(slot: number): Promise<string[]> {
	const worker = platform.workers.workers[slot];
	if (!worker) throw new Error(`no worker in slot ${slot}`);
	return ((await platform.workers.webRtcServer(worker).dump()) as { webRtcTransportIds: string[] }).webRtcTransportIds;
}

async function routersOn(slot: number): Promise<string[]> {
	const worker = platform.workers.workers[slot];
	if (!worker) throw new Error(`no worker in slot ${slot}`);
	return ((await worker.dump()) as { routerIds: string[] }).routerIds;
}

/** Width of the picture the receiver decodes from the sender's camera. */
async function widthSeen(receiver: EndpointPeer, sender: EndpointPeer): Promise<number | undefined> {
	const [video] = await receiver.inboundFrom(sender.participantId, "video");
	return video?.frameWidth;
}

it("a participant on a second worker receives the first worker's producers, switches simulcast layers, and is heard", async () => {
	const sessionId = newSessionId();
	const chair = await connectPeer(platform, sessionId, identity("tinh", "chair", "province"));
	peers.push(chair);
	await chair.join();
	// 640x360: libwebrtc sends two simulcast layers, 160x90 and 320x180.
	await chair.sendMedia(false, { width: 640, height: 360 });
	await chair.receiveMedia();
	const commune = await connectPeer(platform, sessionId, identity("xa", "operator", "commune"));
	peers.push(commune);
	await commune.join();
	await commune.receiveMedia();
	// The commune speaks from the second worker.
	await commune.sendMedia(true);

	// Each participant's transports are on its own worker's WebRtcServer.
	expect(await transportsOn(0)).toHaveLength(2);
	expect(await transportsOn(1)).toHaveLength(2);

	// Media crosses the pipe both ways.
	await commune.awaitPacketsFrom(chair.participantId, "audio");
	await commune.awaitPacketsFrom(chair.participantId, "video");
	await chair.awaitPacketsFrom(commune.participantId, "audio");
	await chair.awaitPacketsFrom(commune.participantId, "video");

	// Layer switching on the piped camera: the top layer it sends, then the low one, then back.
	await eventually(async () => ((await widthSeen(commune, chair)) === 320 ? true : undefined));
	const camera = commune.consumers.get(chair.producer("camera").id)?.consumer;
	if (!camera) throw new Error("the commune does not consume the chair's camera");
	await commune.call("setPreferredLayers", { consumerId: camera.id, spatialLayer: 0 });
	await eventually(async () => ((await widthSeen(commune, chair)) === 160 ? true : undefined));
	await commune.call("setPreferredLayers", { consumerId: camera.id, spatialLayer: 1 });
	await eventually(async () => ((await widthSeen(commune, chair)) === 320 ? true : undefined));

	// The active-speaker observer on the session's first worker hears the microphone on the second.
	await chair.waitFor("dominantSpeaker", (d) => d.participantId === commune.participantId);

	// When the last participant on the second worker leaves, the session's router there goes too.
	expect(await routersOn(1)).toHaveLength(1);
	await commune.call("leave", {});
	await chair.waitFor("participantLeft", (p) => p.participantId === commune.participantId);
	await eventually(async () => ((await routersOn(1)).length === 0 ? true : undefined));
	expect(await routersOn(0)).toHaveLength(1);
});
