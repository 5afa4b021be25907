import type { types } from "mediasoup";
import type { Logger } from "pino";
import type { MediaSource, TransportDirection } from "../domain/mediaSources.js";
import { SafeEmitter } from "../domain/SafeEmitter.js";
import { MediaError, mediaCall } from "./errors.js";

type WebRtcTransport = types.WebRtcTransport<{ direction: TransportDirection }>;
export type PeerProducer = types.Producer<{ source: MediaSource; peerId: string }>;

/** What a peer shares with the rest of its session's router. */
export interface PeerContext {
	/** The router of the peer's transports: the session's router on the worker the peer was placed on. */
	router: types.Router;
	webRtcServer: types.WebRtcServer;
	/** Makes a producer of the session consumable on `router` (piping it from another worker if need be). */
	reach(producerId: string): Promise<void>;
	/** A new producer of this peer, for the session to know (its origin, the active-speaker observer). */
	published(producer: PeerProducer): Promise<void>;
	/** Cap on what one send transport may receive, in bits per second. */
	maxIncomingBitrate: number;
	logger: Logger;
}

export interface MediaPeerEvents {
	/** A producer went away for any reason: closed, replaced, its transport closed. */
	producerclose: [producer: PeerProducer];
	/** The peer released everything it held. */
	close: [];
}

/**
 * One participant's media in the router: at most one send and one receive WebRtcTransport, its
 * producers (one per source) and its consumers. Closing the peer releases all of it in the worker.
 */
export class MediaPeer extends SafeEmitter<MediaPeerEvents> {
	readonly id: string;
	readonly #context: PeerContext;
	readonly #transports = new Map<string, WebRtcTransport>();
	readonly #producers = new Map<string, PeerProducer>();
	readonly #consumers = new Map<string, types.Consumer>();
	/** Producers a consume is under way for. */
	readonly #consuming = new Set<string>();

	constructor(id: string, context: PeerContext) {
		super(context.logger);
		this.id = id;
		this.#context = context;
	}

	/** A new transport replaces the peer's previous one of the same direction (a client starting over). */
	async createTransport(direction: TransportDirection): Promise<WebRtcTransport> {
		for (const old of this.#transports.values()) if (old.appData.direction === direction) old.close();
		const { router, webRtcServer, maxIncomingBitrate } = this.#context;
		const transport = await router.createWebRtcTransport<{ direction: TransportDirection }>({
			webRtcServer,
			enableUdp: true,
			enableTcp: true,
			preferUdp: true,
			appData: { direction },
		});
		if (direction === "send") await transport.setMaxIncomingBitrate(maxIncomingBitrate);
		this.#transports.set(transport.id, transport);
		transport.observer.once("close", () => this.#transports.delete(transport.id));
		transport.on("dtlsstatechange", (state) => {
			if (state === "failed") this.#context.logger.warn({ transportId: transport.id }, "DTLS failed");
		});
		return transport;
	}

	get transports(): { transportId: string; direction: TransportDirection }[] {
		return [...this.#transports.values()].map((t) => ({ transportId: t.id, direction: t.appData.direction }));
	}

	transport(transportId: string, direction?: TransportDirection): WebRtcTransport {
		const transport = this.#transports.get(transportId);
		if (!transport || (direction && transport.appData.direction !== direction)) {
			throw new MediaError("NOT_FOUND", `no ${direction ?? ""} transport ${transportId} of this participant`);
		}
		return transport;
	}

	async connectTransport(transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
		const transport = this.transport(transportId);
		await mediaCall("connectTransport", () => transport.connect({ dtlsParameters }));
	}

	/** New ICE credentials for a transport whose network path changed (a reconnection). */
	async restartIce(transportId: string): Promise<types.IceParameters> {
		const transport = this.transport(transportId);
		return mediaCall("restartIce", () => transport.restartIce());
	}

	async produce(options: {
		transportId: string;
		kind: types.MediaKind;
		source: MediaSource;
		rtpParameters: types.RtpParameters;
		paused: boolean;
	}): Promise<PeerProducer> {
		const transport = this.transport(options.transportId, "send");
		this.producerOf(options.source)?.close();
		const producer = await mediaCall("produce", () =>
			transport.produce<{ source: MediaSource; peerId: string }>({
				kind: options.kind,
				rtpParameters: options.rtpParameters,
				paused: options.paused,
				appData: { source: options.source, peerId: this.id },
			}),
		);
		this.#producers.set(producer.id, producer);
		producer.observer.once("close", () => {
			this.#producers.delete(producer.id);
			this.safeEmit("producerclose", producer);
		});
		await this.#context.published(producer);
		return producer;
	}

	get producers(): PeerProducer[] {
		return [...this.#producers.values()];
	}

	producer(producerId: string): PeerProducer {
		const producer = this.#producers.get(producerId);
		if (!producer) throw new MediaError("NOT_FOUND", `no producer ${producerId} of this participant`);
		return producer;
	}

	producerOf(source: MediaSource): PeerProducer | undefined {
		return this.producers.find((p) => p.appData.source === source);
	}

	/** Consumers start paused: the client resumes each once its receiving side is ready. */
	async consume(options: {
		transportId: string;
		producerId: string;
		rtpCapabilities: types.RtpCapabilities;
	}): Promise<types.Consumer> {
		const transport = this.transport(options.transportId, "recv");
		const { producerId, rtpCapabilities } = options;
		// One consumer per producer and peer: more would multiply the worker's egress for nothing.
		if (this.#consuming.has(producerId) || [...this.#consumers.values()].some((c) => c.producerId === producerId)) {
			throw new MediaError("CANNOT_CONSUME", `already consuming producer ${producerId}`);
		}
		this.#consuming.add(producerId);
		try {
			return await this.#consume(transport, producerId, rtpCapabilities);
		} finally {
			this.#consuming.delete(producerId);
		}
	}

	async #consume(
		transport: types.WebRtcTransport,
		producerId: string,
		rtpCapabilities: types.RtpCapabilities,
	): Promise<types.Consumer> {
		await this.#context.reach(producerId);
		if (!this.#context.router.canConsume({ producerId, rtpCapabilities })) {
			throw new MediaError("CANNOT_CONSUME", `cannot consume producer ${producerId} with these RTP capabilities`);
		}
		const consumer = await mediaCall("consume", () => transport.consume({ producerId, rtpCapabilities, paused: true }));
		this.#consumers.set(consumer.id, consumer);
		consumer.observer.once("close", () => this.#consumers.delete(consumer.id));
		return consumer;
	}

	get consumerCount(): number {
		return this.#consumers.size;
	}

	consumer(consumerId: string): types.Consumer {
		const consumer = this.#consumers.get(consumerId);
		if (!consumer) throw new MediaError("NOT_FOUND", `no consumer ${consumerId} of this participant`);
		return consumer;
	}

	async resumeConsumer(consumerId: string): Promise<void> {
		const consumer = this.consumer(consumerId);
		await mediaCall("resumeConsumer", () => consumer.resume());
	}

	async setPreferredLayers(consumerId: string, layers: types.ConsumerLayers): Promise<void> {
		const consumer = this.consumer(consumerId);
		await mediaCall("setPreferredLayers", () => consumer.setPreferredLayers(layers));
	}

	close(): void {
		for (const transport of this.#transports.values()) transport.close();
		this.safeEmit("close");
	}
}
