import { Chrome111 } from "mediasoup-client/handlers/Chrome111";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ConnectionState } from "../../client/src/session/SessionClient.js";
import { SessionClient } from "../../client/src/session/SessionClient.js";
import type { Platform } from "../../server/Platform.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer, ensureLiveRecord, identity, newSessionId, socketUrl } from "../support/session.js";
import { installWebRtcGlobals, MediaPump } from "../support/webrtc.js";

installWebRtcGlobals();

let platform: Platform;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
	platform = await startPlatform({ SESSION_LOBBY: "off" });
});
afterAll(async () => {
	for (const close of closers.reverse()) await close();
	await platform?.stop();
});

it("the browser's session client rides out a dropped connection: same seat, ICE restarted, media flowing", async () => {
	const sessionId = newSessionId();
	const operator = identity("Ninh Hải", "operator", "commune");
	await ensureLiveRecord(platform, sessionId, operator);
	const client = new SessionClient({
		url: socketUrl(platform),
		token: platform.tokens.sign(operator, "session", sessionId),
		handlerFactory: Chrome111.createFactory(),
	});
	closers.push(() => client.close());
	const states: ConnectionState[] = [];
	client.on("connectionState", (s) => states.push(s));
	expect(await client.connect()).toBe("connected");
	const pump = new MediaPump(false);
	closers.push(() => pump.stop());
	await client.publish("microphone", pump.microphone as unknown as MediaStreamTrack);
	await client.publish("camera", pump.camera as unknown as MediaStreamTrack);
	const seat = client.participantId;

	const province = await connectPeer(platform, sessionId, identity("Khánh Hòa", "chair", "province"));
	closers.push(() => province.close());
	await province.join();
	await province.receiveMedia();
	await province.awaitPacketsFrom(seat ?? "", "video");

	// The network drops under the client: its connection closes without a goodbye.
	const [serverSide] = [...platform.signaling.io.sockets.sockets.values()].filter(
		(s) => s.data.claims.sub === operator.sub,
	);
	serverSide?.conn.close();

	await eventually(async () => (states.includes("reconnecting") && client.state === "connected" ? true : undefined));
	expect(client.participantId).toBe(seat);
	expect(await province.waitFor("participantReconnected")).toEqual({ participantId: seat });
	// The seat's transports were ICE-restarted, not rebuilt: no producer closed or was produced anew.
	const churn = ["participantLeft", "producerClosed", "newProducer"];
	expect(province.received.filter((r) => churn.includes(r.event))).toEqual([]);
	await province.awaitPacketsFrom(seat ?? "", "video");
	await province.awaitPacketsFrom(seat ?? "", "audio");
});
