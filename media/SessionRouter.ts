import type { types } from "mediasoup";
import type { Logger } from "pino";
import { SafeEmitter } from "../domain/SafeEmitter.js";
import { MEDIA_CODECS } from "./codecs.js";
import { MediaError } from "./errors.js";
import { MediaPeer, type PeerProducer } from "./MediaPeer.js";
import { ProducerPipes } from "./ProducerPipes.js";
import { placePeer, type SpreadSettings } from "./placement.js";
import type { WorkerPool } from "./WorkerPool.js";

export interface MediaSettings {
	/** Cap on what one participant's send transport may receive, in bits per second. */
	maxIncomingBitrate: number;
	/** How often the active-speaker observer may change its mind, in ms. */
	speakerIntervalMs: number;
	/** When a session takes routers on more workers. */
	spread: SpreadSettings;
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
	/** A router went away with its worker: the session's media is broken. */
	workerclose: [];
}

/** The session's router on one worker, and how many of its participants it holds. */
interface Room {
	worker: types.Worker;
	router: types.Router;
	webRtcServer: types.WebRtcServer;
	peers: number;
}

/**
 * One reception session's media: a router on the least-loaded worker (its home, with the
 * active-speaker observer), and, once that worker is loaded past the spread threshold, routers on
 * other workers for the participants who join next. Producers reach the routers of the participants
 * who consume them through `pipeToRouter`; clients see one session either way.
 */
export class SessionRouter extends SafeEmitter<SessionRouterEvents> {
	readonly #pool: WorkerPool;
	readonly #settings: MediaSettings;
	readonly #logger: Logger;
	/** Home first, then the others in the order the session took them. */
	readonly #rooms: Room[] = [];
	readonly #speakers: types.ActiveSpeakerObserver;
	readonly #peers = new Map<string, MediaPeer>();
	/** Each producer of the session, and the router it was produced on. */
	readonly #origins = new Map<string, { producer: PeerProducer; router: types.Router }>();
	readonly #pipes = new ProducerPipes();
	/** Placements run one at a time, so a join storm does not open several routers on one worker. */
	#placing: Promise<unknown> = Promise.resolve();

	static async create(pool: WorkerPool, settings: MediaSettings, logger: Logger): Promise<SessionRouter> {
		const worker = pool.leastLoaded((w) => pool.routerCount(w));
		if (!worker) throw new MediaError("MEDIA_UNAVAILABLE", "no media worker is running; try again shortly");
		const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
		const speakers = await router.createActiveSpeakerObserver({ interval: settings.speakerIntervalMs });
		const home: Room = { worker, router, webRtcServer: pool.webRtcServer(worker), peers: 0 };
		return new SessionRouter(pool, home, speakers, settings, logger);
	}

	private constructor(
		pool: WorkerPool,
		home: Room,
		speakers: types.ActiveSpeakerObserver,
		settings: MediaSettings,
		logger: Logger,
	) {
		super(logger);
		this.#pool = pool;
		this.#speakers = speakers;
		this.#settings = settings;
		this.#logger = logger;
		this.#addRoom(home);
		speakers.on("dominantspeaker", ({ producer }) => {
			this.safeEmit("dominantspeaker", (producer as PeerProducer).appData.peerId);
		});
	}

	get rtpCapabilities(): types.RtpCapabilities {
		// Every router of the session has the same codecs, hence the same capabilities.
		return this.#home.router.rtpCapabilities;
	}

	get #home(): Room {
		const home = this.#rooms[0];
		if (!home) throw new MediaError("MEDIA_UNAVAILABLE", "the session's media is closed");
		return home;
	}

	/** A participant's media, on the router of the worker that placement chose for it. */
	async createPeer(peerId: string, logger: Logger): Promise<MediaPeer> {
		const room = await this.#place();
		const peer = new MediaPeer(peerId, {
			router: room.router,
			webRtcServer: room.webRtcServer,
			maxIncomingBitrate: this.#settings.maxIncomingBitrate,
			reach: (producerId) => this.#reach(producerId, room.router),
			published: (producer) => this.#published(producer, room.router),
			logger: logger.child({ pid: room.worker.pid }),
		});
		this.#peers.set(peerId, peer);
		peer.once("close", () => {
			this.#peers.delete(peerId);
			room.peers--;
			// A router on another worker that nobody uses any more goes, with its pipes.
			if (room.peers === 0 && room !== this.#rooms[0]) {
				this.#rooms.splice(this.#rooms.indexOf(room), 1);
				room.router.close();
			}
		});
		return peer;
	}

	get producers(): PeerProducer[] {
		return [...this.#peers.values()].flatMap((p) => p.producers);
	}

	/** How the session's participants are spread: one entry per worker it uses, home first. */
	get spread(): { workerPid: number; participants: number }[] {
		return this.#rooms.map((r) => ({ workerPid: r.worker.pid, participants: r.peers }));
	}

	/** The workers' own view of the session's routers, to prove that closing released everything. */
	async dump(): Promise<RouterDump> {
		const dumps = (await Promise.all(this.#rooms.map((r) => r.router.dump()))) as RouterDump[];
		const merged: RouterDump = {
			transportIds: [],
			rtpObserverIds: [],
			mapProducerIdConsumerIds: {},
			mapConsumerIdProducerId: {},
		};
		for (const d of dumps) {
			merged.transportIds.push(...d.transportIds);
			merged.rtpObserverIds.push(...d.rtpObserverIds);
			for (const [producerId, consumerIds] of Object.entries(d.mapProducerIdConsumerIds)) {
				merged.mapProducerIdConsumerIds[producerId] = [
					...(merged.mapProducerIdConsumerIds[producerId] ?? []),
					...consumerIds,
				];
			}
			Object.assign(merged.mapConsumerIdProducerId, d.mapConsumerIdProducerId);
		}
		return merged;
	}

	close(): void {
		for (const peer of this.#peers.values()) peer.close();
		this.#peers.clear();
		for (const room of this.#rooms.splice(0)) room.router.close();
	}

	#addRoom(room: Room): void {
		this.#rooms.push(room);
		room.router.on("workerclose", () => {
			this.#logger.error({ routerId: room.router.id, pid: room.worker.pid }, "session router lost with its worker");
			this.safeEmit("workerclose");
		});
	}

	#place(): Promise<Room> {
		const placing = this.#placing.then(() => this.#choose());
		this.#placing = placing.catch(() => undefined);
		return placing;
	}

	async #choose(): Promise<Room> {
		const pool = this.#pool;
		const rooms = this.#rooms.filter((r) => !r.worker.closed);
		const others = pool.workers.filter((w) => !rooms.some((r) => r.worker === w));
		const worker = placePeer(
			[
				...rooms.map((r) => ({ worker: r.worker, consumers: pool.consumerCount(r.worker), sessionPeers: r.peers })),
				...others.map((w) => ({ worker: w, consumers: pool.consumerCount(w), sessionPeers: undefined })),
			],
			this.#settings.spread,
		);
		let room = rooms.find((r) => r.worker === worker);
		if (!room) {
			const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
			room = { worker, router, webRtcServer: pool.webRtcServer(worker), peers: 0 };
			this.#addRoom(room);
			this.#logger.info({ pid: worker.pid, routers: this.#rooms.length }, "session spread to another worker");
		}
		room.peers++;
		return room;
	}

	/** Makes the producer consumable on `router`: piped from the router it was produced on. */
	async #reach(producerId: string, router: types.Router): Promise<void> {
		const origin = this.#origins.get(producerId);
		if (!origin) throw new MediaError("NOT_FOUND", `no producer ${producerId} in this session`);
		if (origin.router !== router) await this.#pipes.ensure(origin.router, origin.producer, router);
	}

	async #published(producer: PeerProducer, router: types.Router): Promise<void> {
		this.#origins.set(producer.id, { producer, router });
		producer.observer.once("close", () => this.#origins.delete(producer.id));
		if (producer.kind !== "audio") return;
		// The one active-speaker observer lives on the home router and hears every microphone.
		await this.#reach(producer.id, this.#home.router);
		await this.#speakers.addProducer({ producerId: producer.id });
	}
}
