import type { Device, types } from "mediasoup-client";
import { type CheckContext, StepFailure } from "./CheckContext.js";
import type { CheckStep, StepOutcome } from "./CheckStep.js";

/** The signalling server answers: the check's router opens and its round trip is measured. */
export class SignalingStep implements CheckStep {
	readonly name = "signaling" as const;

	async run(context: CheckContext): Promise<StepOutcome> {
		const started = performance.now();
		const { routerRtpCapabilities, iceServers } = await context.request("start", {});
		const rttMs = Math.round(performance.now() - started);
		context.iceServers = iceServers;
		const device: Device = context.createDevice();
		await device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
		context.device = device;
		return { status: "passed", metrics: { rttMs } };
	}
}

/** ICE and DTLS complete over one protocol only, and the server sees media arrive that way. */
export class IceStep implements CheckStep {
	readonly name;
	readonly requires = "signaling" as const;

	constructor(
		private readonly protocol: "udp" | "tcp",
		private readonly connectMs = 8000,
	) {
		this.name = protocol === "udp" ? ("ice-udp" as const) : ("ice-tcp" as const);
	}

	async run(context: CheckContext): Promise<StepOutcome> {
		const what = `ICE over ${this.protocol.toUpperCase()}`;
		const transport = await context.transport("send", this.protocol);
		const track = context.createTrack();
		try {
			const started = performance.now();
			const producing = transport.produce({ track });
			await context.connected(transport, this.connectMs, what);
			await producing;
			const state = await context.request("transportState", { transportId: transport.id });
			if (state.tuple?.protocol !== this.protocol) {
				const seen = state.tuple?.protocol ?? "no";
				throw new StepFailure("wrong-path", `${what}: the server saw ${seen} traffic`, { what, seen });
			}
			return {
				status: "passed",
				metrics: {
					connectMs: Math.round(performance.now() - started),
					tuple: `${state.tuple.protocol} ${state.tuple.remoteIp}:${state.tuple.remotePort}`,
				},
			};
		} finally {
			track.stop();
			transport.close();
		}
	}
}

/** With TURN configured, the TURN server hands out a relay candidate (the path for UDP-blocking networks). */
export class TurnStep implements CheckStep {
	readonly name = "turn" as const;
	readonly requires = "signaling" as const;

	constructor(private readonly gatherMs = 6000) {}

	async run(context: CheckContext): Promise<StepOutcome> {
		if (context.iceServers.length === 0) {
			return { status: "skipped", reason: "no TURN server is configured", reasonCode: "no-turn-configured" };
		}
		const pc = new RTCPeerConnection({ iceServers: context.iceServers, iceTransportPolicy: "relay" });
		try {
			const relay = new Promise<RTCIceCandidate>((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new StepFailure("no-relay", "the TURN server gave no relay candidate")),
					this.gatherMs,
				);
				pc.addEventListener("icecandidate", ({ candidate }) => {
					if (candidate?.type === "relay") {
						clearTimeout(timer);
						resolve(candidate);
					}
				});
			});
			pc.createDataChannel("turn-check");
			await pc.setLocalDescription(await pc.createOffer());
			const candidate = await relay;
			return { status: "passed", metrics: { relay: `${candidate.protocol} ${candidate.address}:${candidate.port}` } };
		} finally {
			pc.close();
		}
	}
}

/** Publishes a test stream and receives it back through the SFU: bitrate and round trip. */
export class MediaLoopbackStep implements CheckStep {
	readonly name = "media" as const;
	readonly requires = "signaling" as const;

	constructor(
		private readonly measureMs = 3000,
		private readonly connectMs = 8000,
	) {}

	async run(context: CheckContext): Promise<StepOutcome> {
		const device = context.device;
		if (!device) throw new StepFailure("prerequisite-failed", "the check has not started", { step: "signaling" });
		const send = await context.transport("send");
		const recv = await context.transport("recv");
		const track = context.createTrack();
		try {
			const producer = await send.produce({ track });
			const answer = await context.request("consume", {
				transportId: recv.id,
				producerId: producer.id,
				rtpCapabilities: device.rtpCapabilities as unknown as Record<string, unknown>,
			});
			const consumer = await recv.consume({
				id: answer.id,
				producerId: answer.producerId,
				kind: answer.kind,
				rtpParameters: answer.rtpParameters as unknown as types.RtpParameters,
			});
			await context.request("resumeConsumer", { consumerId: consumer.id });
			await context.connected(recv, this.connectMs, "the receiving transport");
			// Transport-level stats: the only receive statistics every WebRTC implementation offers.
			const before = inbound(await recv.getStats());
			await new Promise((r) => setTimeout(r, this.measureMs));
			const after = inbound(await recv.getStats());
			const bytes = after.bytes - before.bytes;
			if (bytes <= 0) throw new StepFailure("no-media-back", "no media came back from the server");
			const rttMs = roundTripMs(await send.getStats());
			return {
				status: "passed",
				metrics: {
					bitrateKbps: Math.round((bytes * 8) / this.measureMs),
					...(rttMs !== undefined ? { rttMs } : {}),
				},
			};
		} finally {
			track.stop();
			send.close();
			recv.close();
		}
	}
}

function inbound(report: RTCStatsReport): { bytes: number } {
	for (const s of report.values()) if (s.type === "inbound-rtp") return { bytes: s.bytesReceived ?? 0 };
	return { bytes: 0 };
}

function roundTripMs(report: RTCStatsReport): number | undefined {
	for (const s of report.values()) {
		if (s.type === "candidate-pair" && s.nominated && typeof s.currentRoundTripTime === "number") {
			return Math.round(s.currentRoundTripTime * 1000);
		}
	}
	return undefined;
}
