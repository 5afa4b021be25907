import { Device, type types } from "mediasoup-client";
import { io, type Socket } from "socket.io-client";
import { SafeEmitter } from "../../../domain/SafeEmitter.js";
import type {
	ClientToServerEvents,
	JoinResult,
	MediaSource,
	ParticipantInfo,
	ProducerInfo,
	RequestName,
	RequestPayload,
	RequestResults,
	ServerToClientEvents,
	SessionEndReason,
	TransportInfo,
} from "../../../signaling/protocol.js";
import { ackRequest } from "./ackRequest.js";
import { openTransport } from "./openTransport.js";
import { DefaultReconnectPolicy, type ReconnectPolicy } from "./ReconnectPolicy.js";
import { RequestError } from "./RequestError.js";

export type ConnectionState = "connecting" | "waiting" | "connected" | "reconnecting" | "disconnected";
type Joined = Extract<JoinResult, { status: "joined" }>;

export interface RemoteTrack {
	producer: ProducerInfo;
	track: MediaStreamTrack;
	consumer: types.Consumer;
}

export interface SessionClientEvents {
	connectionState: [state: ConnectionState];
	participants: [participants: ParticipantInfo[]];
	lobby: [waiting: ParticipantInfo[]];
	trackAdded: [remote: RemoteTrack];
	trackRemoved: [producerId: string];
	producerPaused: [producerId: string, paused: boolean];
	dominantSpeaker: [participantId: string];
	chairMute: [participantId: string, muted: boolean];
	ended: [reason: SessionEndReason | "removed" | "denied"];
}

export interface SessionClientOptions {
	/** Origin of the platform; the page's own origin by default. */
	url?: string;
	/** A `session` token from POST /api/sessions/:id/token. */
	token: string;
	reconnectPolicy?: ReconnectPolicy;
	requestTimeoutMs?: number;
	/** For non-browser peers (tests): the mediasoup-client handler to use. */
	handlerFactory?: types.HandlerFactory;
	/** Send three simulcast layers for the camera (needs a 720p capture to be useful). */
	simulcast?: boolean;
}

const SIMULCAST_ENCODINGS: types.RtpEncodingParameters[] = [
	{ rid: "r0", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
	{ rid: "r1", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
	{ rid: "r2", scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

/**
 * One endpoint's seat in a live reception session: the signalling connection, the mediasoup
 * transports, what it sends and what it receives. Reconnects by its policy and, when the server kept
 * the seat, restarts ICE instead of rebuilding.
 */
export class SessionClient extends SafeEmitter<SessionClientEvents> {
	readonly #options: SessionClientOptions;
	readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	readonly #policy: ReconnectPolicy;
	#device: Device | null = null;
	#send: types.Transport | null = null;
	#recv: types.Transport | null = null;
	/** Transports being created: concurrent consumes must share one, not race to make two. */
	readonly #creating = new Map<"send" | "recv", Promise<types.Transport>>();
	/** The seat being taken: producers announced meanwhile are consumed once it is ready. */
	#seating: Promise<void> = Promise.resolve();
	readonly #producers = new Map<MediaSource, types.Producer>();
	/** What this endpoint means to send: published again after any rebuild, even one cut short. */
	readonly #published = new Map<MediaSource, MediaStreamTrack>();
	readonly #remote = new Map<string, RemoteTrack>();
	readonly #consuming = new Map<string, Promise<void>>();
	#participants = new Map<string, ParticipantInfo>();
	#participantId: string | null = null;
	#state: ConnectionState = "connecting";
	#lostAt = 0;
	#retries = 0;
	#closed = false;

	constructor(options: SessionClientOptions) {
		super();
		this.#options = options;
		this.#policy = options.reconnectPolicy ?? new DefaultReconnectPolicy();
		this.#socket = io(options.url ?? "", {
			auth: { token: options.token },
			reconnection: false,
			autoConnect: false,
			transports: ["websocket", "polling"],
		});
		this.#listen();
	}

	get participantId(): string | null {
		return this.#participantId;
	}

	get state(): ConnectionState {
		return this.#state;
	}

	get participants(): ParticipantInfo[] {
		return [...this.#participants.values()];
	}

	get me(): ParticipantInfo | undefined {
		return this.#participantId ? this.#participants.get(this.#participantId) : undefined;
	}

	remoteTracks(): RemoteTrack[] {
		return [...this.#remote.values()];
	}

	/** Connects and joins; resolves once seated or placed in the lobby. */
	async connect(): Promise<ConnectionState> {
		this.#socket.connect();
		await new Promise<void>((resolve, reject) => {
			this.#socket.once("connect", () => resolve());
			this.#socket.once("connect_error", (err) => reject(handshakeError(err)));
		});
		await this.#join();
		return this.#state;
	}

	async request<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<RequestResults[K]> {
		if (!this.#socket.connected) throw new RequestError({ code: "DISCONNECTED", message: "not connected" });
		return ackRequest(this.#socket, name, payload, this.#options.requestTimeoutMs ?? 10_000);
	}

	/** Sends a track from this endpoint; the camera goes out as simulcast when enabled. */
	async publish(source: MediaSource, track: MediaStreamTrack): Promise<void> {
		this.#published.set(source, track);
		const send = await this.#sendTransport();
		const encodings = source === "camera" && this.#options.simulcast ? SIMULCAST_ENCODINGS : undefined;
		const producer = await send.produce({
			track,
			...(encodings ? { encodings } : {}),
			appData: { source },
			stopTracks: false,
		});
		this.#producers.set(source, producer);
	}

	/** Mutes or unmutes one of this endpoint's sources; refused with CHAIR_MUTED while the chair holds it. */
	async setPaused(source: MediaSource, paused: boolean): Promise<void> {
		const producer = this.#producers.get(source);
		if (!producer) return;
		await this.request(paused ? "pauseProducer" : "resumeProducer", { producerId: producer.id });
		if (paused) producer.pause();
		else producer.resume();
	}

	async unpublish(source: MediaSource): Promise<void> {
		this.#published.delete(source);
		const producer = this.#producers.get(source);
		if (!producer) return;
		this.#producers.delete(source);
		producer.close();
		await this.request("closeProducer", { producerId: producer.id });
	}

	/** Asks the SFU for a lower or higher simulcast layer of a remote camera (small tile vs. speaker). */
	async preferLayer(producerId: string, spatialLayer: 0 | 1 | 2): Promise<void> {
		const remote = this.#remote.get(producerId);
		if (remote) await this.request("setPreferredLayers", { consumerId: remote.consumer.id, spatialLayer });
	}

	/** Connection statistics of the transports, for the quality indicator and health reports. */
	async stats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }> {
		return { send: (await this.#send?.getStats()) ?? null, recv: (await this.#recv?.getStats()) ?? null };
	}

	async leave(): Promise<void> {
		if (this.#socket.connected) await this.request("leave", {}).catch(() => undefined);
		this.close();
	}

	close(): void {
		this.#closed = true;
		this.#socket.disconnect();
		this.#teardownMedia();
		this.#setState("disconnected");
	}

	#setState(state: ConnectionState): void {
		if (state === this.#state) return;
		this.#state = state;
		this.safeEmit("connectionState", state);
	}

	async #join(): Promise<void> {
		const result = await this.request("join", {});
		this.#participantId = result.participantId;
		if (result.status === "waiting") {
			this.#setState("waiting");
			return;
		}
		this.#seating = this.#seat(result);
		await this.#seating;
		this.#setState("connected");
	}

	async #seat(joined: Joined): Promise<void> {
		this.#participants = new Map(joined.participants.map((p) => [p.participantId, p]));
		this.safeEmit("participants", this.participants);
		if (joined.lobby.length > 0) this.safeEmit("lobby", joined.lobby);
		if (joined.dominantSpeakerId) this.safeEmit("dominantSpeaker", joined.dominantSpeakerId);
		if (!this.#device) {
			this.#device = this.#options.handlerFactory
				? new Device({ handlerFactory: this.#options.handlerFactory })
				: new Device();
			await this.#device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as types.RtpCapabilities });
		}
		const kept = new Set(joined.transports.map((t) => t.transportId));
		const mine = [this.#send, this.#recv].filter((t): t is types.Transport => t !== null);
		if (joined.resumed && mine.length > 0 && mine.every((t) => kept.has(t.id))) {
			// The seat survived the outage: only the network path changed.
			for (const transport of mine) {
				const { iceParameters } = await this.request("restartIce", { transportId: transport.id });
				await transport.restartIce({ iceParameters });
			}
			await this.#publishMissing();
		} else {
			await this.#rebuildMedia();
		}
		// Consumes what is not consumed yet: everything after a rebuild, what appeared meanwhile otherwise.
		for (const producer of joined.producers) {
			if (producer.participantId !== this.#participantId) await this.#consume(producer);
		}
	}

	/** A new seat: fresh transports, and everything this endpoint was sending goes out again. */
	async #rebuildMedia(): Promise<void> {
		this.#teardownMedia();
		await this.#publishMissing();
	}

	/** Sends again whatever this endpoint means to send and has no producer for (a rebuild was cut short). */
	async #publishMissing(): Promise<void> {
		for (const [source, track] of [...this.#published])
			if (!this.#producers.has(source)) await this.publish(source, track);
	}

	#teardownMedia(): void {
		for (const producer of this.#producers.values()) producer.close();
		this.#producers.clear();
		for (const producerId of [...this.#remote.keys()]) this.#dropRemote(producerId);
		this.#send?.close();
		this.#recv?.close();
		this.#send = null;
		this.#recv = null;
	}

	#sendTransport(): Promise<types.Transport> {
		return this.#transport("send");
	}

	#recvTransport(): Promise<types.Transport> {
		return this.#transport("recv");
	}

	async #transport(direction: "send" | "recv"): Promise<types.Transport> {
		const existing = direction === "send" ? this.#send : this.#recv;
		if (existing) return existing;
		let creating = this.#creating.get(direction);
		if (!creating) {
			creating = this.#createTransport(direction).finally(() => this.#creating.delete(direction));
			this.#creating.set(direction, creating);
		}
		const transport = await creating;
		if (direction === "send") this.#send = transport;
		else this.#recv = transport;
		return transport;
	}

	async #createTransport(direction: "send" | "recv"): Promise<types.Transport> {
		const device = this.#device;
		if (!device) throw new RequestError({ code: "NOT_IN_SESSION", message: "join first" });
		const info: TransportInfo = await this.request("createTransport", { direction });
		return openTransport(device, info, {
			connect: (transportId, dtlsParameters) => this.request("connectTransport", { transportId, dtlsParameters }),
			produce: (transportId, { kind, rtpParameters, appData }) =>
				this.request("produce", {
					transportId,
					kind,
					source: (appData as { source: MediaSource }).source,
					rtpParameters,
				}),
		});
	}

	/** One consume per producer at a time: a join's list and a `newProducer` may name the same one. */
	#consume(producer: ProducerInfo): Promise<void> {
		if (this.#remote.has(producer.producerId) || !this.#device) return Promise.resolve();
		let consuming = this.#consuming.get(producer.producerId);
		if (!consuming) {
			consuming = this.#consumeNow(producer).finally(() => this.#consuming.delete(producer.producerId));
			this.#consuming.set(producer.producerId, consuming);
		}
		return consuming;
	}

	async #consumeNow(producer: ProducerInfo): Promise<void> {
		if (this.#remote.has(producer.producerId) || !this.#device) return;
		const recv = await this.#recvTransport();
		const result = await this.request("consume", {
			transportId: recv.id,
			producerId: producer.producerId,
			rtpCapabilities: this.#device.rtpCapabilities,
		});
		const consumer = await recv.consume({
			id: result.id,
			producerId: result.producerId,
			kind: result.kind,
			rtpParameters: result.rtpParameters as types.RtpParameters,
		});
		const remote = { producer, track: consumer.track, consumer };
		this.#remote.set(producer.producerId, remote);
		await this.request("resumeConsumer", { consumerId: consumer.id });
		this.safeEmit("trackAdded", remote);
	}

	#dropRemote(producerId: string): void {
		const remote = this.#remote.get(producerId);
		if (!remote) return;
		remote.consumer.close();
		this.#remote.delete(producerId);
		this.safeEmit("trackRemoved", producerId);
	}

	#updateParticipant(participantId: string, change: Partial<ParticipantInfo>): void {
		const p = this.#participants.get(participantId);
		if (!p) return;
		this.#participants.set(participantId, { ...p, ...change });
		this.safeEmit("participants", this.participants);
	}

	#listen(): void {
		const s = this.#socket;
		// A producer announced while the seat is still being taken waits for it (the device must be loaded).
		const consumeLater = (producer: ProducerInfo) => {
			this.#seating
				.catch(() => undefined)
				.then(() => this.#consume(producer))
				.catch(() => undefined);
		};
		s.on("participantJoined", (p) => {
			this.#participants.set(p.participantId, p);
			this.safeEmit("participants", this.participants);
		});
		s.on("participantLeft", ({ participantId }) => {
			this.#participants.delete(participantId);
			this.safeEmit("participants", this.participants);
		});
		s.on("participantReconnecting", ({ participantId }) =>
			this.#updateParticipant(participantId, { status: "reconnecting" }),
		);
		s.on("participantReconnected", ({ participantId }) => this.#updateParticipant(participantId, { status: "active" }));
		s.on("newProducer", (producer) => {
			if (producer.participantId !== this.#participantId) consumeLater(producer);
		});
		s.on("producerClosed", ({ producerId }) => this.#dropRemote(producerId));
		s.on("producerPaused", ({ producerId }) => this.safeEmit("producerPaused", producerId, true));
		s.on("producerResumed", ({ producerId }) => this.safeEmit("producerPaused", producerId, false));
		s.on("dominantSpeaker", ({ participantId }) => this.safeEmit("dominantSpeaker", participantId));
		s.on("chairMuteChanged", ({ participantId, muted }) => {
			this.#updateParticipant(participantId, { chairMuted: muted });
			if (participantId === this.#participantId && muted) this.#producers.get("microphone")?.pause();
			this.safeEmit("chairMute", participantId, muted);
		});
		s.on("lobbyChanged", ({ waiting }) => this.safeEmit("lobby", waiting));
		s.on("admitted", () => {
			this.#join().catch(() => undefined);
		});
		s.on("denied", () => this.#end("denied"));
		s.on("removed", () => this.#end("removed"));
		s.on("sessionEnded", ({ reason }) => this.#end(reason));
		// Another node of the cluster hosts the session now: the same seat, media built again there.
		s.on("sessionMoved", () => {
			this.#setState("reconnecting");
			this.#join().catch(() => {
				this.#lostAt = Date.now();
				this.#retries = 0;
				this.#scheduleReconnect();
			});
		});
		s.on("disconnect", (reason) => {
			if (this.#closed || reason === "io client disconnect") return;
			this.#lostAt = Date.now();
			this.#retries = 0;
			this.#setState("reconnecting");
			this.#scheduleReconnect();
		});
	}

	#scheduleReconnect(): void {
		const delay = this.#policy.nextRetryDelayMs({ retryCount: this.#retries, elapsedMs: Date.now() - this.#lostAt });
		if (delay === null || this.#closed) {
			this.close();
			return;
		}
		this.#retries++;
		setTimeout(() => {
			if (this.#closed) return;
			// Still connected (the join failed, not the socket): only the join is tried again.
			if (this.#socket.connected) {
				this.#join().catch(() => this.#scheduleReconnect());
				return;
			}
			// One attempt, one outcome: the listener of the outcome that did not happen goes too.
			const connected = () => {
				this.#socket.off("connect_error", failed);
				this.#join().catch(() => this.#scheduleReconnect());
			};
			const failed = () => {
				this.#socket.off("connect", connected);
				this.#scheduleReconnect();
			};
			this.#socket.once("connect", connected);
			this.#socket.once("connect_error", failed);
			this.#socket.connect();
		}, delay);
	}

	#end(reason: SessionClientEvents["ended"][0]): void {
		this.safeEmit("ended", reason);
		this.close();
	}
}

function handshakeError(err: Error): RequestError {
	const code = (err as Error & { data?: { code?: string } }).data?.code;
	return new RequestError({ code: (code as RequestError["code"]) ?? "DISCONNECTED", message: err.message });
}
