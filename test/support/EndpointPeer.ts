import { Device, type types } from "mediasoup-client";
import { Chrome111 } from "mediasoup-client/handlers/Chrome111";
import { io, type Socket } from "socket.io-client";
import { openTransport } from "../../client/src/session/openTransport.js";
import type {
	Ack,
	ClientToServerEvents,
	JoinResult,
	MediaSource,
	ProducerInfo,
	RequestName,
	RequestPayload,
	RequestResults,
	ServerToClientEvents,
	TransportInfo,
} from "../../signaling/protocol.js";
import { eventually } from "./platform.js";
import { installWebRtcGlobals, MediaPump, type PictureSize } from "./webrtc.js";

installWebRtcGlobals();

/** What a receiving peer connection reports of one incoming stream (frame sizes once decoded). */
export interface InboundStats {
	ssrc?: number;
	packetsReceived?: number;
	frameWidth?: number;
	frameHeight?: number;
	framesDecoded?: number;
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Notification = keyof ServerToClientEvents;
export interface Received {
	event: Notification;
	payload: Record<string, unknown>;
}

/** A Socket.IO connection with a session token; resolves once connected, rejects with `connect_error`. */
export function connectSocket(url: string, token: unknown): Promise<ClientSocket> {
	const socket: ClientSocket = io(url, {
		auth: { token },
		transports: ["websocket"],
		reconnection: false,
		forceNew: true,
	});
	return new Promise((resolve, reject) => {
		socket.once("connect", () => resolve(socket));
		socket.once("connect_error", (err) => {
			socket.close();
			reject(err);
		});
	});
}

/**
 * A reception endpoint as a real client: Socket.IO with the shared protocol types, mediasoup-client
 * over libwebrtc, a synthetic microphone and camera, and every notification it received.
 */
export class EndpointPeer {
	readonly url: string;
	readonly token: string;
	socket!: ClientSocket;
	readonly received: Received[] = [];
	joined: Extract<JoinResult, { status: "joined" }> | null = null;
	pump: MediaPump | null = null;
	readonly #device = new Device({ handlerFactory: Chrome111.createFactory() });
	#send: types.Transport | null = null;
	#recv: types.Transport | null = null;
	readonly #producers = new Map<MediaSource, types.Producer>();
	/** Consumers by producer id, with whose media each carries. */
	readonly consumers = new Map<string, { consumer: types.Consumer; info: ProducerInfo }>();
	#autoConsume = false;
	#closed = false;
	/** Consumes under way: libwebrtc may crash if a peer connection closes mid-negotiation. */
	readonly #inflight = new Set<Promise<void>>();

	private constructor(url: string, token: string) {
		this.url = url;
		this.token = token;
	}

	static async connect(url: string, token: string): Promise<EndpointPeer> {
		const peer = new EndpointPeer(url, token);
		await peer.reconnect();
		return peer;
	}

	/** A fresh socket with the same identity, as after a network drop. */
	async reconnect(): Promise<void> {
		this.socket = await connectSocket(this.url, this.token);
		this.socket.onAny((event: Notification, payload: Record<string, unknown>) => {
			this.received.push({ event, payload });
			if (event === "newProducer" && this.#autoConsume) {
				// A consume cut short by this peer closing is expected; any other failure surfaces.
				const consuming = this.#consume(payload as unknown as ProducerInfo).catch((err: unknown) => {
					if (!this.#closed) throw err;
				});
				this.#inflight.add(consuming);
				void consuming.finally(() => this.#inflight.delete(consuming));
			}
			if (event === "producerClosed") this.consumers.delete(String(payload.producerId));
		});
	}

	/** Sends a request and returns its acknowledgement as it came. */
	request<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<Ack<RequestResults[K]>> {
		const emit = this.socket.timeout(20_000).emitWithAck as unknown as (
			event: K,
			payload: RequestPayload<K>,
		) => Promise<Ack<RequestResults[K]>>;
		return emit.call(this.socket.timeout(20_000), name, payload);
	}

	/** Sends a request and returns its result; a refusal throws with the error code. */
	async call<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<RequestResults[K]> {
		const ack = await this.request(name, payload);
		if ("error" in ack) throw new Error(`${name} refused: ${ack.error.code} ${ack.error.message}`);
		return ack.data;
	}

	async join(): Promise<JoinResult> {
		const result = await this.call("join", {});
		if (result.status === "joined") {
			this.joined = result;
			if (!this.#device.loaded)
				await this.#device.load({ routerRtpCapabilities: result.routerRtpCapabilities as types.RtpCapabilities });
		}
		return result;
	}

	/** The id of the send transport, once media was sent. */
	get sendTransportId(): string | undefined {
		return this.#send?.id;
	}

	get participantId(): string {
		if (!this.joined) throw new Error("not joined");
		return this.joined.participantId;
	}

	/** Sends a microphone and a three-layer simulcast camera (as many layers as the picture size allows). */
	async sendMedia(loud = false, size?: PictureSize): Promise<void> {
		this.pump = new MediaPump(loud, size);
		this.#send = await this.#transport("send");
		this.#producers.set(
			"microphone",
			await this.#send.produce({ track: this.pump.microphone, appData: { source: "microphone" } }),
		);
		this.#producers.set(
			"camera",
			await this.#send.produce({
				track: this.pump.camera,
				encodings: [
					{ scaleResolutionDownBy: 4, maxBitrate: 100_000 },
					{ scaleResolutionDownBy: 2, maxBitrate: 300_000 },
					{ maxBitrate: 900_000 },
				],
				appData: { source: "camera" },
			}),
		);
	}

	/** Shares a document as the second video source. */
	async shareScreen(): Promise<void> {
		if (!this.#send || !this.pump) throw new Error("send media first");
		this.#producers.set("screen", await this.#send.produce({ track: this.pump.screen, appData: { source: "screen" } }));
	}

	producer(source: MediaSource): types.Producer {
		const producer = this.#producers.get(source);
		if (!producer) throw new Error(`no ${source} producer`);
		return producer;
	}

	/** Consumes every producer of the others, now and as they appear. */
	async receiveMedia(): Promise<void> {
		this.#recv = await this.#transport("recv");
		this.#autoConsume = true;
		for (const info of this.joined?.producers ?? []) await this.#consume(info);
	}

	/** The receiving peer connection's inbound-rtp stats of one participant's audio or video. */
	async inboundFrom(participantId: string, kind: "audio" | "video"): Promise<InboundStats[]> {
		if (!this.#recv) return [];
		const ssrcs = new Set<number>();
		for (const { consumer, info } of this.consumers.values()) {
			if (info.participantId !== participantId || info.kind !== kind) continue;
			for (const encoding of consumer.rtpParameters.encodings ?? []) if (encoding.ssrc) ssrcs.add(encoding.ssrc);
		}
		const stats = (await this.#recv.getStats()) as Map<string, InboundStats & { type: string }>;
		return [...stats.values()].filter((s) => s.type === "inbound-rtp" && s.ssrc !== undefined && ssrcs.has(s.ssrc));
	}

	/** Packets received so far from one participant's audio or video. */
	async packetsFrom(participantId: string, kind: "audio" | "video"): Promise<number> {
		const inbound = await this.inboundFrom(participantId, kind);
		return inbound.reduce((sum, s) => sum + (s.packetsReceived ?? 0), 0);
	}

	/** Waits until the packet count from a participant's media grows by `more`. */
	async awaitPacketsFrom(participantId: string, kind: "audio" | "video", more = 20, timeoutMs = 20_000): Promise<void> {
		const start = await this.packetsFrom(participantId, kind);
		await eventually(
			async () => ((await this.packetsFrom(participantId, kind)) >= start + more ? true : undefined),
			timeoutMs,
		);
	}

	/** Waits for a notification matching `match`, received before or after the call. */
	waitFor<E extends Notification>(
		event: E,
		match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
		timeoutMs = 20_000,
	): Promise<Parameters<ServerToClientEvents[E]>[0]> {
		return eventually(async () => {
			const hit = this.received.find(
				(r) => r.event === event && match(r.payload as unknown as Parameters<ServerToClientEvents[E]>[0]),
			);
			return hit?.payload as Parameters<ServerToClientEvents[E]>[0] | undefined;
		}, timeoutMs);
	}

	/** After a reconnection: restarts ICE on the kept transports so media flows on the same seat. */
	async restartIce(): Promise<void> {
		for (const transport of [this.#send, this.#recv]) {
			if (!transport) continue;
			const { iceParameters } = await this.call("restartIce", { transportId: transport.id });
			await transport.restartIce({ iceParameters });
		}
	}

	/** Closes once any consume under way has settled; the socket goes first so nothing new starts. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#autoConsume = false;
		this.socket.close();
		await Promise.allSettled([...this.#inflight]);
		this.#send?.close();
		this.#recv?.close();
		this.pump?.stop();
	}

	async #transport(direction: "send" | "recv"): Promise<types.Transport> {
		const info: TransportInfo = await this.call("createTransport", { direction });
		return openTransport(this.#device, info, {
			connect: (transportId, dtlsParameters) => this.call("connectTransport", { transportId, dtlsParameters }),
			produce: (transportId, { kind, rtpParameters, appData }) =>
				this.call("produce", {
					transportId,
					kind,
					source: appData.source as MediaSource,
					rtpParameters: rtpParameters as never,
				}),
		});
	}

	async #consume(info: ProducerInfo): Promise<void> {
		if (!this.#recv || info.participantId === this.joined?.participantId || this.consumers.has(info.producerId)) return;
		const result = await this.call("consume", {
			transportId: this.#recv.id,
			producerId: info.producerId,
			rtpCapabilities: this.#device.rtpCapabilities as never,
		});
		const consumer = await this.#recv.consume({
			id: result.id,
			producerId: result.producerId,
			kind: result.kind,
			rtpParameters: result.rtpParameters as types.RtpParameters,
		});
		this.consumers.set(info.producerId, { consumer, info });
		await this.call("resumeConsumer", { consumerId: result.consumerId });
	}
}
