import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

let platform: Platform;
const peers: EndpointPeer[] = [];

beforeAll(async () => {
	platform = await startPlatform({ SESSION_LOBBY: "off" });
});

afterAll(async () => {
	for (const p of peers) await p.close();
	await platform?.stop();
});

it("three endpoints (central, province, district) each receive the other two's audio and video; the loud one is the dominant speaker", async () => {
	const sessionId = newSessionId();
	const who = [
		identity("trung-uong", "central", "central"),
		identity("tinh", "chair", "province"),
		identity("huyen", "operator", "district"),
	];
	for (const w of who) {
		const peer = await connectPeer(platform, sessionId, w);
		peers.push(peer);
		expect(await peer.join()).toMatchObject({ status: "joined", resumed: false });
		// The district speaks (a loud tone), having joined last; the others send near silence.
		await peer.sendMedia(w === who[2]);
		await peer.receiveMedia();
	}

	for (const receiver of peers) {
		for (const sender of peers) {
			if (sender === receiver) continue;
			await receiver.awaitPacketsFrom(sender.participantId, "audio");
			await receiver.awaitPacketsFrom(sender.participantId, "video");
		}
	}
	const [first, second, third] = peers;
	const [worker] = platform.workers.workers;
	if (!first || !second || !third || !worker) throw new Error("peers or worker missing");
	// Every transport goes through the worker's one WebRtcServer: one UDP and one TCP port.
	const ports = (await platform.workers.webRtcServer(worker).dump()) as Record<string, unknown[]>;
	expect(ports).toMatchObject({ udpSockets: [expect.anything()], tcpServers: [expect.anything()] });
	expect(ports.webRtcTransportIds).toHaveLength(6);
	expect(first.received.filter((r) => r.event === "participantJoined")).toHaveLength(2);
	expect(second.received.map((r) => r.event)).toContain("newProducer");
	for (const listener of [first, second]) {
		await listener.waitFor("dominantSpeaker", (d) => d.participantId === third.participantId);
	}

	// A shared document is a second video source, marked as such; small tiles can ask for the low layer.
	await first.shareScreen();
	const screen = await second.waitFor("newProducer", (p) => p.source === "screen");
	expect(screen).toMatchObject({ participantId: first.participantId, kind: "video" });
	await eventually(async () => (second.consumers.has(screen.producerId) ? true : undefined));
	const camera = [...second.consumers.values()].find(
		(c) => c.info.participantId === third.participantId && c.info.source === "camera",
	);
	expect(
		await second.request("setPreferredLayers", { consumerId: camera?.consumer.id ?? "", spatialLayer: 0 }),
	).toEqual({
		data: {},
	});
	await second.awaitPacketsFrom(third.participantId, "video");

	// Leaving releases the participant's transports, producers and consumers in the worker.
	const router = await platform.signaling.session(sessionId)?.router();
	if (!router) throw new Error("no live session");
	expect((await router.dump()).transportIds).toHaveLength(6);
	await first.call("leave", {});
	await second.waitFor("participantLeft", (p) => p.participantId === first.participantId);
	const dump = await eventually(async () => {
		const d = await router.dump();
		return d.transportIds.length === 4 ? d : undefined;
	});
	// Two remaining participants, each consuming the other's two producers.
	expect(Object.keys(dump.mapConsumerIdProducerId)).toHaveLength(4);
	expect(Object.keys(dump.mapProducerIdConsumerIds)).toHaveLength(4);

	// Closing a producer releases it and its consumers; a new send transport replaces (closes) the old one.
	await second.call("closeProducer", { producerId: second.producer("camera").id });
	await third.waitFor("producerClosed", (p) => p.participantId === second.participantId);
	const afterProducer = await router.dump();
	expect(Object.keys(afterProducer.mapProducerIdConsumerIds)).toHaveLength(3);
	expect(Object.keys(afterProducer.mapConsumerIdProducerId)).toHaveLength(3);
	await second.call("createTransport", { direction: "send" });
	await third.waitFor("producerClosed", (p) => p.producerId === second.producer("microphone").id);
	const afterTransport = await router.dump();
	expect(afterTransport.transportIds).toHaveLength(4);
	expect(Object.keys(afterTransport.mapProducerIdConsumerIds)).toHaveLength(2);
});

it("ends a session whose worker died with media-failure; joining again continues on the replacement", async () => {
	const sessionId = newSessionId();
	const peer = await connectPeer(platform, sessionId, identity("xa", "operator", "commune"));
	peers.push(peer);
	await peer.join();
	const victim = platform.workers.status()[0]?.pid;
	if (!victim) throw new Error("no worker");
	process.kill(victim, "SIGKILL");
	await peer.waitFor("sessionEnded", (e) => e.reason === "media-failure");
	await eventually(async () =>
		platform.workers.status().every((s) => s.alive && s.pid !== victim) ? true : undefined,
	);

	await peer.reconnect();
	expect(await peer.join()).toMatchObject({ status: "joined", resumed: false });
	expect(await peer.request("createTransport", { direction: "send" })).toHaveProperty("data.transportId");
});
