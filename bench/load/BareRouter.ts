import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import * as mediasoup from "mediasoup";
import { transportInfo } from "../../signaling/mediaAnswers.js";
import type { ProducerInfo, RequestPayload, RequestResults } from "../../signaling/protocol.js";
import { type Sfu, udpPortOf } from "./BenchPlatform.js";
import type { Joined, MediaRequest, SfuSession } from "./SfuSession.js";

const CODECS: mediasoup.types.RtpCodecCapability[] = [
	{ kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2 },
	{ kind: "video", mimeType: "video/VP8", clockRate: 90000 },
];

/**
 * The comparison point: one mediasoup worker with one router and a WebRtcServer on loopback, served
 * in-process with nothing else around it (no signalling server, no database, no observer), for the
 * same load endpoints and the same media sidecar as the platform.
 */
export class BareRouter extends EventEmitter<{ newProducer: [ProducerInfo] }> {
	readonly worker: mediasoup.types.Worker;
	readonly router: mediasoup.types.Router;
	readonly server: mediasoup.types.WebRtcServer;
	readonly producers = new Map<string, ProducerInfo>();

	private constructor(
		worker: mediasoup.types.Worker,
		router: mediasoup.types.Router,
		server: mediasoup.types.WebRtcServer,
	) {
		super();
		this.setMaxListeners(0);
		this.worker = worker;
		this.router = router;
		this.server = server;
	}

	static async start(): Promise<BareRouter> {
		const worker = await mediasoup.createWorker({ logLevel: "warn" });
		const server = await worker.createWebRtcServer({
			listenInfos: [{ protocol: "udp", ip: "127.0.0.1", port: 0 }],
		});
		const router = await worker.createRouter({ mediaCodecs: CODECS });
		return new BareRouter(worker, router, server);
	}

	session(): SfuSession {
		return new BareSession(this);
	}

	close(): void {
		this.worker.close();
	}
}

class BareSession implements SfuSession {
	readonly #bare: BareRouter;
	readonly #participantId = randomUUID();
	readonly #transports = new Map<string, mediasoup.types.WebRtcTransport>();
	readonly #consumers = new Map<string, mediasoup.types.Consumer>();
	#listener: ((p: ProducerInfo) => void) | null = null;

	constructor(bare: BareRouter) {
		this.#bare = bare;
	}

	async join(): Promise<Joined> {
		return {
			status: "joined",
			participantId: this.#participantId,
			resumed: false,
			routerRtpCapabilities: this.#bare.router.rtpCapabilities as Joined["routerRtpCapabilities"],
			participants: [],
			producers: [...this.#bare.producers.values()],
			transports: [],
			lobbyEnabled: false,
			lobby: [],
			dominantSpeakerId: null,
		};
	}

	onNewProducer(listener: (producer: ProducerInfo) => void): void {
		this.#listener = (p) => {
			if (p.participantId !== this.#participantId) listener(p);
		};
		this.#bare.on("newProducer", this.#listener);
	}

	async request<K extends MediaRequest>(name: K, payload: RequestPayload<K>): Promise<RequestResults[K]> {
		const handler = this.#handlers[name] as (p: RequestPayload<K>) => Promise<RequestResults[K]>;
		return handler(payload);
	}

	readonly #handlers: { [K in MediaRequest]: (p: RequestPayload<K>) => Promise<RequestResults[K]> } = {
		createTransport: async ({ direction }) => {
			const transport = await this.#bare.router.createWebRtcTransport<{ direction: typeof direction }>({
				webRtcServer: this.#bare.server,
				enableUdp: true,
				appData: { direction },
			});
			this.#transports.set(transport.id, transport);
			return transportInfo(transport);
		},
		connectTransport: async ({ transportId, dtlsParameters }) => {
			await this.#transport(transportId).connect({ dtlsParameters: dtlsParameters as mediasoup.types.DtlsParameters });
			return {};
		},
		produce: async ({ transportId, kind, source, rtpParameters }) => {
			const producer = await this.#transport(transportId).produce({
				kind,
				rtpParameters: rtpParameters as mediasoup.types.RtpParameters,
			});
			const info: ProducerInfo = {
				producerId: producer.id,
				participantId: this.#participantId,
				kind,
				source,
				paused: false,
			};
			this.#bare.producers.set(producer.id, info);
			this.#bare.emit("newProducer", info);
			return { producerId: producer.id, paused: false };
		},
		consume: async ({ transportId, producerId, rtpCapabilities }) => {
			const consumer = await this.#transport(transportId).consume({
				producerId,
				rtpCapabilities: rtpCapabilities as mediasoup.types.RtpCapabilities,
				paused: true,
			});
			this.#consumers.set(consumer.id, consumer);
			return {
				id: consumer.id,
				consumerId: consumer.id,
				producerId,
				kind: consumer.kind,
				rtpParameters: consumer.rtpParameters as RequestResults["consume"]["rtpParameters"],
				paused: true,
			};
		},
		resumeConsumer: async ({ consumerId }) => {
			await this.#consumer(consumerId).resume();
			return {};
		},
		setPreferredLayers: async ({ consumerId, spatialLayer, temporalLayer }) => {
			await this.#consumer(consumerId).setPreferredLayers({
				spatialLayer,
				...(temporalLayer === undefined ? {} : { temporalLayer }),
			});
			return {};
		},
	};

	#transport(id: string): mediasoup.types.WebRtcTransport {
		const transport = this.#transports.get(id);
		if (!transport) throw new Error(`no transport ${id}`);
		return transport;
	}

	#consumer(id: string): mediasoup.types.Consumer {
		const consumer = this.#consumers.get(id);
		if (!consumer) throw new Error(`no consumer ${id}`);
		return consumer;
	}

	async close(): Promise<void> {
		if (this.#listener) this.#bare.off("newProducer", this.#listener);
		for (const transport of this.#transports.values()) transport.close();
		for (const [id, info] of this.#bare.producers)
			if (info.participantId === this.#participantId) this.#bare.producers.delete(id);
	}
}

/** The bare router as the scenarios see it: one router, whatever the session. */
export function bareSfu(bare: BareRouter): Sfu {
	return {
		name: "bare mediasoup",
		connect: async () => bare.session(),
		workerPids: async () => ({ "worker 0": bare.worker.pid }),
		mediaSockets: async () => (await udpPortOf(bare.server)).map((port) => ({ pid: bare.worker.pid, port })),
	};
}
