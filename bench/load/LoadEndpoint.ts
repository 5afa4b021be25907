import type { ProducerInfo } from "../../signaling/protocol.js";
import type { MediaGenerator } from "./MediaGenerator.js";
import type { Joined, SfuSession } from "./SfuSession.js";

/** The browser app's camera encodings (client/src/session/SessionClient.ts): low, medium, full. */
export const SIMULCAST_BITRATES = [150_000, 500_000, 1_500_000] as const;
export const CAMERA_FPS = 30;
const OPUS_PT = 100;
const VP8_PT = 96;
const VIDEO_FEEDBACK = [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "ccm", parameter: "fir" }];

/** Which simulcast layer a receiver asks for, given whose camera it is (the app: speaker 2, tiles 0). */
export type LayerPolicy = (producer: ProducerInfo) => 0 | 1 | 2;

/** One consumer as the orchestrator knows it; `tag` names it in the sidecar's reports. */
export interface ConsumerInfo {
	tag: string;
	consumerId: string;
	receiver: string;
	senderParticipantId: string;
	kind: "audio" | "video";
	layer?: number;
}

let nextSsrc = 0x10000000 + Math.floor(Math.random() * 0x10000000);
const ssrc = (): number => nextSsrc++;

/**
 * One reception endpoint of the load: joins through its SFU session, opens its transports in the
 * media sidecar, sends a microphone and a three-layer camera, and consumes every other participant's
 * producers, choosing camera layers by the policy. Records when it sent `join`.
 */
export class LoadEndpoint {
	readonly name: string;
	readonly #sfu: SfuSession;
	readonly #media: MediaGenerator;
	readonly #policy: LayerPolicy;
	readonly consumers: ConsumerInfo[] = [];
	readonly #consumed = new Set<string>();
	joined: Joined | null = null;
	/** Wall-clock ms when `join` was sent. */
	joinAt = 0;
	#recvTransportId: string | null = null;
	#transportIds: string[] = [];
	#consuming: Promise<void> = Promise.resolve();
	#receiveAudio = true;

	constructor(name: string, sfu: SfuSession, media: MediaGenerator, policy: LayerPolicy) {
		this.name = name;
		this.#sfu = sfu;
		this.#media = media;
		this.#policy = policy;
	}

	get participantId(): string {
		if (!this.joined) throw new Error(`${this.name} has not joined`);
		return this.joined.participantId;
	}

	/** Joins, opens its transports, publishes (if `send`) and consumes the others' audio and video, or video only. */
	async start(options: { send: boolean; receive: "all" | "video" | false }): Promise<void> {
		this.#receiveAudio = options.receive === "all";
		// Listen before joining: a producer announced right after the join must not slip past.
		let recvReady: () => void = () => undefined;
		if (options.receive) {
			this.#consuming = new Promise<void>((resolve) => {
				recvReady = resolve;
			});
			this.#sfu.onNewProducer((producer) => this.#enqueue(producer));
		}
		this.joinAt = Date.now();
		this.joined = await this.#sfu.join();
		const opening: Promise<unknown>[] = [];
		if (options.receive) {
			// Consumes queue behind the receive transport (whose failure `start` reports).
			const recv = this.#openTransport("recv").then((id) => {
				this.#recvTransportId = id;
			});
			recv.then(recvReady, recvReady);
			for (const producer of this.joined.producers) this.#enqueue(producer);
			opening.push(recv);
		}
		if (options.send) opening.push(this.#openTransport("send").then((id) => this.#publish(id)));
		await Promise.all(opening);
		await this.#consuming;
	}

	/** Waits until every consume asked for so far is done. */
	settled(): Promise<void> {
		return this.#consuming;
	}

	async close(): Promise<void> {
		await this.#sfu.close();
		await Promise.all(this.#transportIds.map((id) => this.#media.close(id).catch(() => undefined)));
	}

	async #openTransport(direction: "send" | "recv"): Promise<string> {
		const transport = await this.#sfu.request("createTransport", { direction });
		this.#transportIds.push(transport.transportId);
		await this.#media.open(transport);
		await this.#sfu.request("connectTransport", {
			transportId: transport.transportId,
			dtlsParameters: this.#media.dtlsParameters,
		});
		await this.#media.handshake(transport.transportId);
		return transport.transportId;
	}

	async #publish(transportId: string): Promise<void> {
		const cname = this.name;
		const audio = ssrc();
		await this.#sfu.request("produce", {
			transportId,
			kind: "audio",
			source: "microphone",
			rtpParameters: {
				codecs: [{ mimeType: "audio/opus", payloadType: OPUS_PT, clockRate: 48000, channels: 2, rtcpFeedback: [] }],
				headerExtensions: [],
				encodings: [{ ssrc: audio }],
				rtcp: { cname, reducedSize: true },
			},
		});
		await this.#media.sendAudio(transportId, audio, OPUS_PT);
		const layers = SIMULCAST_BITRATES.map((bitrate) => ({ ssrc: ssrc(), bitrate }));
		await this.#sfu.request("produce", {
			transportId,
			kind: "video",
			source: "camera",
			rtpParameters: {
				codecs: [{ mimeType: "video/VP8", payloadType: VP8_PT, clockRate: 90000, rtcpFeedback: VIDEO_FEEDBACK }],
				headerExtensions: [],
				encodings: layers.map((l, i) => ({ ssrc: l.ssrc, maxBitrate: l.bitrate, scaleResolutionDownBy: 2 ** (2 - i) })),
				rtcp: { cname, reducedSize: true },
			},
		});
		await this.#media.sendVideo(transportId, layers, VP8_PT, CAMERA_FPS);
	}

	/** Consumes one at a time, in arrival order, as mediasoup-client does on one receive transport. */
	#enqueue(producer: ProducerInfo): void {
		if (producer.participantId === this.joined?.participantId || this.#consumed.has(producer.producerId)) return;
		if (producer.kind === "audio" && !this.#receiveAudio) return;
		this.#consumed.add(producer.producerId);
		this.#consuming = this.#consuming.then(() =>
			this.#consume(producer).catch((err: unknown) => {
				process.stderr.write(`${this.name}: consume ${producer.producerId} failed: ${String(err)}\n`);
			}),
		);
	}

	async #consume(producer: ProducerInfo): Promise<void> {
		const transportId = this.#recvTransportId;
		if (!transportId || !this.joined) return;
		const result = await this.#sfu.request("consume", {
			transportId,
			producerId: producer.producerId,
			rtpCapabilities: receiveCapabilities(this.joined.routerRtpCapabilities),
		});
		const encoding = (result.rtpParameters.encodings ?? [])[0] as { ssrc?: number } | undefined;
		const codec = result.rtpParameters.codecs[0];
		if (!encoding?.ssrc || !codec) throw new Error("consumer without SSRC");
		const tag = `${this.name}<${producer.participantId}:${producer.kind}`;
		const layer = producer.kind === "video" ? this.#policy(producer) : undefined;
		await this.#media.receive(transportId, tag, encoding.ssrc, codec.clockRate);
		if (layer !== undefined)
			await this.#sfu.request("setPreferredLayers", { consumerId: result.consumerId, spatialLayer: layer });
		await this.#sfu.request("resumeConsumer", { consumerId: result.consumerId });
		this.consumers.push({
			tag,
			consumerId: result.consumerId,
			receiver: this.name,
			senderParticipantId: producer.participantId,
			kind: producer.kind,
			...(layer === undefined ? {} : { layer }),
		});
	}
}

/**
 * What the sidecar can receive: Opus and VP8 with NACK and key-frame requests, no RTX and no header
 * extensions. Without transport-cc or REMB the SFU runs no bandwidth estimation towards it, so each
 * consumer gets the layer it asked for.
 */
function receiveCapabilities(router: Joined["routerRtpCapabilities"]) {
	const codecs = (router.codecs ?? []) as {
		kind: "audio" | "video";
		mimeType: string;
		rtcpFeedback?: { type: string }[];
	}[];
	return {
		codecs: codecs
			.filter((c) => c.mimeType === "audio/opus" || c.mimeType === "video/VP8")
			.map((c) => ({
				...c,
				rtcpFeedback: (c.rtcpFeedback ?? []).filter((f) => f.type === "nack" || f.type === "ccm"),
			})),
		headerExtensions: [],
	};
}
