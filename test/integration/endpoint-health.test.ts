import { Chrome111 } from "mediasoup-client/handlers/Chrome111";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PresenceClient } from "../../client/src/health/PresenceClient.js";
import { QualityReporter } from "../../client/src/health/QualityReporter.js";
import { SessionClient } from "../../client/src/session/SessionClient.js";
import { describeReason } from "../../domain/healthReason.js";
import type { IdentityClaims } from "../../domain/identity.js";
import type { Platform } from "../../server/Platform.js";
import type { EndpointHealthInfo } from "../../signaling/presenceProtocol.js";
import { freeUdpPort, PacketLoss } from "../support/packetLoss.js";
import { eventually, startPlatform } from "../support/platform.js";
import { ensureLiveRecord, newSessionId } from "../support/session.js";
import { installWebRtcGlobals, MediaPump } from "../support/webrtc.js";

installWebRtcGlobals();

const SESSION = newSessionId();
const operator: IdentityClaims = {
	sub: "u-op-ninhson",
	name: "Điểm cầu Ninh Sơn",
	role: "operator",
	endpointId: "NT-NINHSON",
	endpointLevel: "commune",
};
const itStaff: IdentityClaims = {
	...operator,
	sub: "u-it",
	name: "Cán bộ CNTT",
	role: "it",
	endpointId: "TW-CNTT",
	endpointLevel: "central",
};

let platform: Platform;
let loss: PacketLoss;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
	const port = await freeUdpPort();
	// UDP only, so media cannot escape the loss by falling back to TCP.
	platform = await startPlatform({
		RTC_PROTOCOLS: "udp",
		RTC_UDP_PORT_BASE: String(port),
		SESSION_LOBBY: "off",
	});
	loss = new PacketLoss(port, 0.2);
});

afterAll(async () => {
	loss?.stop();
	for (const close of closers.reverse()) await close();
	await platform?.stop();
});

it("reports an endpoint behind packet loss as degraded, naming the loss", async () => {
	const url = `http://127.0.0.1:${platform.port}`;
	const watcher = new PresenceClient({ url, token: platform.tokens.sign(itStaff, "access") });
	closers.push(() => watcher.close());
	const changes: EndpointHealthInfo[] = [];
	watcher.on("health", (h) => {
		if (h.endpointId === operator.endpointId) changes.push(h);
	});

	const pump = new MediaPump(false);
	closers.push(() => pump.stop());
	await ensureLiveRecord(platform, SESSION, operator);
	const session = new SessionClient({
		url,
		token: platform.tokens.sign(operator, "session", SESSION),
		handlerFactory: Chrome111.createFactory(),
	});
	closers.push(() => session.close());
	expect(await session.connect()).toBe("connected");
	await session.publish("microphone", pump.microphone as unknown as MediaStreamTrack);
	await session.publish("camera", pump.camera as unknown as MediaStreamTrack);

	const presence = new PresenceClient({ url, token: platform.tokens.sign(operator, "access") });
	closers.push(() => presence.close());
	const verdicts: EndpointHealthInfo[] = [];
	const reporter = new QualityReporter(
		presence,
		SESSION,
		async () => Object.values(await session.stats()),
		500,
		(v) => verdicts.push(v),
	);
	closers.push(() => reporter.stop());

	// A clean path first: the same endpoint is healthy.
	await eventually(async () => (verdicts.some((v) => v.status === "healthy") ? true : undefined), 20_000);

	loss.start();
	const degraded = await eventually(async () => changes.find((h) => h.status !== "healthy"), 30_000);
	expect(degraded).toMatchObject({ endpointId: "NT-NINHSON", sessionId: SESSION });
	expect(degraded.reasons.map(describeReason).join("; ")).toMatch(
		/packet loss \d+(\.\d)?% ≥ (3|15)%|producer score \d+ < [37]/,
	);
	expect(platform.monitoring.health.get("NT-NINHSON")?.status).toBe(degraded.status);

	const [sample] = await platform.monitoring.history.range("NT-NINHSON", new Date(Date.now() - 60_000), new Date());
	expect(sample).toMatchObject({ endpointId: "NT-NINHSON", status: degraded.status });
});
