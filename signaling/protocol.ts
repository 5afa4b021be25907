/**
 * The live-session wire protocol: the one definition of every event name, payload, acknowledgement
 * and error code, shared by the server (signaling/) and every client. docs/protocol.md explains it.
 * It imports no runtime code from the server or from mediasoup, so a client bundle can use it.
 */
import { z } from "zod";
import type { ErrorCode, ErrorIssue } from "../domain/errors.js";
import {
	codecsMatchKind,
	kindOf,
	MEDIA_SOURCES,
	type MediaSource,
	TRANSPORT_DIRECTIONS,
	type TransportDirection,
} from "../domain/mediaSources.js";
import type { EndpointLevel, Role } from "../domain/roles.js";

export { MEDIA_SOURCES, type MediaSource, TRANSPORT_DIRECTIONS, type TransportDirection };

// ── Error codes ──────────────────────────────────────────────────────────────────────────────────

/**
 * Codes a request's acknowledgement may carry in `{ error: { code } }`: a subset of the error
 * catalogue (domain/errors.ts), which gives each its HTTP status, retryability and message key.
 */
export const REQUEST_ERROR_CODES = [
	"VALIDATION_ERROR",
	"NOT_IN_SESSION",
	"NOT_FOUND",
	"FORBIDDEN",
	"CHAIR_MUTED",
	"SESSION_ENDED",
	"CANNOT_CONSUME",
	"MEDIA_UNAVAILABLE",
	"MEDIA_ERROR",
	"RATE_LIMITED",
	"PAYLOAD_TOO_LARGE",
	"CONFLICT",
	"INTERNAL_ERROR",
] as const satisfies readonly ErrorCode[];
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/** Codes a refused handshake carries in `connect_error`'s `data.code`. */
export const HANDSHAKE_ERROR_CODES = [
	"TOKEN_MISSING",
	"TOKEN_EXPIRED",
	"TOKEN_INVALID",
	"TOKEN_WRONG_SCOPE",
	"SESSION_ENDED",
	"FORBIDDEN",
] as const satisfies readonly ErrorCode[];
export type HandshakeErrorCode = (typeof HANDSHAKE_ERROR_CODES)[number];

export interface ProtocolError {
	code: RequestErrorCode;
	message: string;
	/** For VALIDATION_ERROR: where and why the payload was refused. */
	issues?: ErrorIssue[];
}

/** Every acknowledgement: either the result or an error, never both. */
export type Ack<T> = { data: T } | { error: ProtocolError };

// ── Shared shapes ────────────────────────────────────────────────────────────────────────────────

export type ParticipantStatus = "waiting" | "active" | "reconnecting";

export interface ParticipantInfo {
	participantId: string;
	userId: string;
	displayName: string;
	/** Chức vụ, when the user record names one. */
	position?: string;
	role: Role;
	endpointId: string;
	endpointLevel: EndpointLevel;
	status: ParticipantStatus;
	/** The chair muted this endpoint's microphone; only the chair can lift it. */
	chairMuted: boolean;
}

export interface ProducerInfo {
	producerId: string;
	participantId: string;
	kind: "audio" | "video";
	source: MediaSource;
	paused: boolean;
}

/**
 * mediasoup's RTP and DTLS structures, checked for shape here and in depth by mediasoup itself;
 * unknown fields pass through because browsers add their own.
 */
const id = z.string().min(1).max(128);
const rtpCodecParameters = z.looseObject({
	mimeType: z.string().min(1),
	payloadType: z.number().int().min(0).max(127),
	clockRate: z.number().int().positive(),
	channels: z.number().int().positive().optional(),
	parameters: z.record(z.string(), z.unknown()).optional(),
	rtcpFeedback: z.array(z.looseObject({ type: z.string(), parameter: z.string().optional() })).optional(),
});
const rtpParameters = z.looseObject({
	mid: z.string().optional(),
	codecs: z.array(rtpCodecParameters).min(1),
	headerExtensions: z.array(z.looseObject({ uri: z.string(), id: z.number().int() })).optional(),
	encodings: z.array(z.looseObject({})).optional(),
	rtcp: z.looseObject({}).optional(),
});
const rtpCapabilities = z.looseObject({
	codecs: z.array(z.looseObject({ kind: z.enum(["audio", "video"]), mimeType: z.string() })).optional(),
	headerExtensions: z.array(z.looseObject({ uri: z.string() })).optional(),
});
const dtlsParameters = z.looseObject({
	role: z.enum(["auto", "client", "server"]).optional(),
	fingerprints: z.array(z.object({ algorithm: z.string(), value: z.string() })).min(1),
});

// ── Requests (client → server, each acknowledged) ────────────────────────────────────────────────

const none = z.strictObject({});
const transportRef = z.strictObject({ transportId: id });
const producerRef = z.strictObject({ producerId: id });
const participantRef = z.strictObject({ participantId: id });

/** Every request's payload schema; the server validates each incoming payload with it. */
export const requestSchemas = {
	join: none,
	createTransport: z.strictObject({ direction: z.enum(TRANSPORT_DIRECTIONS) }),
	connectTransport: z.strictObject({ transportId: id, dtlsParameters }),
	restartIce: transportRef,
	produce: z
		.strictObject({
			transportId: id,
			kind: z.enum(["audio", "video"]),
			source: z.enum(MEDIA_SOURCES),
			rtpParameters,
			paused: z.boolean().optional(),
		})
		.refine((p) => kindOf(p.source) === p.kind, { path: ["source"], message: "does not match kind" })
		.refine((p) => codecsMatchKind(p.kind, p.rtpParameters.codecs), {
			path: ["rtpParameters", "codecs"],
			message: "a codec's MIME type does not match kind",
		}),
	consume: z.strictObject({ transportId: id, producerId: id, rtpCapabilities }),
	resumeConsumer: z.strictObject({ consumerId: id }),
	setPreferredLayers: z.strictObject({
		consumerId: id,
		spatialLayer: z.number().int().min(0).max(2),
		temporalLayer: z.number().int().min(0).max(2).optional(),
	}),
	pauseProducer: producerRef,
	resumeProducer: producerRef,
	closeProducer: producerRef,
	leave: none,
	// Chair powers.
	setChairMute: z.strictObject({ participantId: id, muted: z.boolean() }),
	removeParticipant: participantRef,
	setLobby: z.strictObject({ enabled: z.boolean() }),
	admit: participantRef,
	admitAll: none,
	deny: participantRef,
	endSession: none,
} as const;

export type RequestName = keyof typeof requestSchemas;
export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];
export type RequestPayload<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type ValidRequest<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

/** Requests only the chair may make; anyone else gets FORBIDDEN. */
export const CHAIR_REQUESTS = [
	"setChairMute",
	"removeParticipant",
	"setLobby",
	"admit",
	"admitAll",
	"deny",
	"endSession",
] as const satisfies readonly RequestName[];

/**
 * A transport as mediasoup-client's `device.createSendTransport()` / `createRecvTransport()` take it:
 * pass the answer as it is. `transportId` is the same as `id`, kept for clients written before.
 */
export interface TransportInfo {
	id: string;
	transportId: string;
	direction: TransportDirection;
	iceParameters: { usernameFragment: string; password: string; iceLite?: boolean };
	iceCandidates: {
		foundation: string;
		priority: number;
		ip: string;
		protocol: "udp" | "tcp";
		port: number;
		type: "host";
		tcpType?: "passive";
	}[];
	dtlsParameters: { role?: "auto" | "client" | "server"; fingerprints: { algorithm: string; value: string }[] };
}

export type JoinResult =
	| { status: "waiting"; participantId: string }
	| {
			status: "joined";
			participantId: string;
			/** True when this join took back a seat kept during the reconnection grace period. */
			resumed: boolean;
			routerRtpCapabilities: { codecs?: unknown[]; headerExtensions?: unknown[] };
			participants: ParticipantInfo[];
			producers: ProducerInfo[];
			/** Transports the kept seat still has: restart their ICE, or create new ones. */
			transports: { transportId: string; direction: TransportDirection }[];
			lobbyEnabled: boolean;
			/** Only for the chair: who waits in the lobby. */
			lobby: ParticipantInfo[];
			dominantSpeakerId: string | null;
	  };

/**
 * A consumer as mediasoup-client's `recvTransport.consume()` takes it: pass the answer as it is.
 * `consumerId` is the same as `id`, kept for clients written before.
 */
export interface ConsumeResult {
	id: string;
	consumerId: string;
	producerId: string;
	kind: "audio" | "video";
	rtpParameters: z.output<typeof rtpParameters>;
	/** Always true: resume with `resumeConsumer` once the client is ready. */
	paused: true;
}

type Empty = Record<string, never>;

/** What each request's acknowledgement carries on success. */
export interface RequestResults {
	join: JoinResult;
	createTransport: TransportInfo;
	connectTransport: Empty;
	restartIce: { iceParameters: TransportInfo["iceParameters"] };
	produce: { producerId: string; paused: boolean };
	consume: ConsumeResult;
	resumeConsumer: Empty;
	setPreferredLayers: Empty;
	pauseProducer: Empty;
	resumeProducer: Empty;
	closeProducer: Empty;
	leave: Empty;
	setChairMute: Empty;
	removeParticipant: Empty;
	setLobby: Empty;
	admit: Empty;
	admitAll: { admitted: string[] };
	deny: Empty;
	endSession: Empty;
}

// ── Notifications (server → client) ──────────────────────────────────────────────────────────────

export type LeaveReason = "left" | "removed" | "grace-expired" | "denied";
/** `closed-by-record`: the session was ended or cancelled in its record (over HTTP), or before a restart. */
export type SessionEndReason = "ended-by-chair" | "server-shutdown" | "media-failure" | "closed-by-record";

export interface ServerToClientEvents {
	participantJoined: (p: ParticipantInfo) => void;
	participantLeft: (p: { participantId: string; reason: LeaveReason }) => void;
	participantReconnecting: (p: { participantId: string }) => void;
	participantReconnected: (p: { participantId: string }) => void;
	newProducer: (p: ProducerInfo) => void;
	producerClosed: (p: { producerId: string; participantId: string }) => void;
	producerPaused: (p: { producerId: string; participantId: string; byChair: boolean }) => void;
	producerResumed: (p: { producerId: string; participantId: string; byChair: boolean }) => void;
	dominantSpeaker: (p: { participantId: string }) => void;
	chairMuteChanged: (p: { participantId: string; muted: boolean }) => void;
	/** To the chair: someone entered or left the lobby; the full current list. */
	lobbyChanged: (p: { waiting: ParticipantInfo[]; enabled: boolean }) => void;
	/** To a waiting endpoint: send `join` again to take the seat. */
	admitted: (p: { participantId: string }) => void;
	/** To a waiting endpoint, just before the server disconnects it. */
	denied: (p: { participantId: string }) => void;
	/** To a removed participant, just before the server disconnects it. */
	removed: (p: { participantId: string }) => void;
	/** `media-failure`: the media worker died; connect and join again to continue on another. */
	sessionEnded: (p: { reason: SessionEndReason }) => void;
	/**
	 * A cluster moved the session to another node (its host died, or drained for a deploy): send
	 * `join` again on this socket; the answer has `resumed: true`, the same participant id and no
	 * transports: create them again and publish again (docs/protocol.md, "Failover").
	 */
	sessionMoved: (p: { reason: SessionMoveReason }) => void;
}

/** Why a session moved to another node of a cluster. */
export type SessionMoveReason = "failover" | "drain";

/** Every notification name; a Record so that the compiler insists on each one. */
const notifications: Record<keyof ServerToClientEvents, true> = {
	participantJoined: true,
	participantLeft: true,
	participantReconnecting: true,
	participantReconnected: true,
	newProducer: true,
	producerClosed: true,
	producerPaused: true,
	producerResumed: true,
	dominantSpeaker: true,
	chairMuteChanged: true,
	lobbyChanged: true,
	admitted: true,
	denied: true,
	removed: true,
	sessionEnded: true,
	sessionMoved: true,
};
export const NOTIFICATION_NAMES = Object.keys(notifications) as (keyof ServerToClientEvents)[];

export type ClientToServerEvents = {
	[K in RequestName]: (payload: RequestPayload<K>, ack: (result: Ack<RequestResults[K]>) => void) => void;
};

/** What the client passes in Socket.IO's `auth` option. */
export interface HandshakeAuth {
	/** A `session` token, scoped to the session to join. */
	token: string;
}
