import { EventEmitter } from "node:events";
import type { types } from "mediasoup";
import type { Logger } from "pino";
import { MEDIA_CODECS } from "./codecs.js";
import { MediaError } from "./errors.js";
import { MediaPeer, type PeerProducer } from "./MediaPeer.js";
import type { WorkerPool } from "./WorkerPool.js";

export interface MediaSettings {
	/** Cap on what one participant's send transport may receive, in bits per second. */
	maxIncomingBitrate: number;
	/** How often the active-speaker observer may change its mind, in ms. */
	speakerIntervalMs: number;
}

/** The parts of the worker's router dump that show what it still holds (mediasoup types it `any`). */
export interface RouterDump {
	transportIds: string[];
	rtpObserverIds: string[];
	mapProducerIdConsumerIds: Record<string, string[]>;
	mapConsumerIdProducerId: Record<string, string>;
}

export interface SessionRouterEvents {
	dominantspeaker: [peerId: string];
	/** The router went away with its worker: every peer's media is gone. */
	workerclose: [];
}

/** One reception session's router on the least-loaded worker, its peers and its active-speaker observer. */
export class SessionRouter extends EventEmitter<SessionRouterEvents> {
	readonly #router: types.Router;
	readonly #speakers: types.ActiveSpeakerObserver;
	readonly #webRtcServer: types.WebRtcServer;
	readonly #settings: MediaSettings;
	readonly #logger: Logger;
	readonly #peers = new Map<string, MediaPeer>();

	static async create(pool: WorkerPool, settings: MediaSettings, logger: Logger): Promise<SessionRouter> {
		const worker = pool.leastLoaded((w) => pool.routerCount(w));
		if (!worker) throw new MediaError("MEDIA_UNAVAILABLE", "no media worker is running; try again shortly");
		const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
		const speakers = await router.createActiveSpeakerObserver({ interval: settings.speakerIntervalMs });
		return new SessionRouter(router, speakers, pool.webRtcServer(worker), settings, logger.child({ pid: worker.pid }));
	}

	private constructor(
		router: types.Router,
		speakers: types.ActiveSpeakerObserver,
		webRtcServer: types.WebRtcServer,
		settings: MediaSettings,
		logger: Logger,
	) {
		super();
		this.#router = router;
		this.#speakers = speakers;
		this.#webRtcServer = webRtcServer;
		this.#settings = settings;
		this.#logger = logger;
		speakers.on("dominantspeaker", ({ producer }) => {
			this.emit("dominantspeaker", (producer as PeerProducer).appData.peerId);
		});
		router.on("workerclose", () => {
			this.#logger.error({ routerId: router.id }, "session router lost with its worker");
			this.emit("workerclose");
		});
	}

	get rtpCapabilities(): types.RtpCapabilities {
		return this.#router.rtpCapabilities;
	}

	createPeer(peerId: string, logger: Logger): MediaPeer {
		const peer = new MediaPeer(peerId, {
			router: this.#router,
			webRtcServer: this.#webRtcServer,
			speakers: this.#speakers,
			maxIncomingBitrate: this.#settings.maxIncomingBitrate,
			logger,
		});
		this.#peers.set(peerId, peer);
		peer.once("close", () => this.#peers.delete(peerId));
		return peer;
	}

	get producers(): PeerProducer[] {
		return [...this.#peers.values()].flatMap((p) => p.producers);
	}

	/** The worker's own view of the router, to prove that closing released everything. */
	dump(): Promise<RouterDump> {
		return this.#router.dump();
	}

	close(): void {
		for (const peer of this.#peers.values()) peer.close();
		this.#peers.clear();
		this.#router.close();
	}
}
