import type { types } from "mediasoup";
import type { Logger } from "pino";
import type { Namespace, Socket } from "socket.io";
import { ConflictError } from "../domain/errors.js";
import type { TokenClaims, TokenVerifier } from "../domain/identity.js";
import type { MediaPeer } from "../media/MediaPeer.js";
import { type MediaSettings, SessionRouter } from "../media/SessionRouter.js";
import type { WorkerPool } from "../media/WorkerPool.js";
import { authenticateAccess } from "./authenticateAccess.js";
import {
	type CheckClientToServerEvents,
	type CheckRequestResults,
	type CheckResultStore,
	checkRequestSchemas,
} from "./checkProtocol.js";
import { NotInSessionError, RateLimitedError } from "./errors.js";
import { consumeAnswer, transportInfo } from "./mediaAnswers.js";
import { type RequestLimits, type RequestObserver, serveRequests } from "./serveRequests.js";

type CheckSocket = Socket<CheckClientToServerEvents, Record<string, never>, object, { claims: TokenClaims }>;
export type CheckServerNamespace = Namespace<
	CheckClientToServerEvents,
	Record<string, never>,
	object,
	{ claims: TokenClaims }
>;

export interface CheckNamespaceOptions {
	onRequest?: RequestObserver;
	/** Per-socket request rate and message size. */
	limits?: RequestLimits;
	tokens: TokenVerifier;
	workers: WorkerPool;
	media: MediaSettings;
	checks: CheckResultStore;
	iceServers: (userId: string) => CheckRequestResults["start"]["iceServers"];
	/** Checks one user may hold at once (each holds a private router). */
	maxChecksPerUser: number;
	logger: Logger;
}

/** Serves `/check`: each connection gets a private router to test its paths and loop media back. */
export function serveChecks(namespace: CheckServerNamespace, options: CheckNamespaceOptions): void {
	namespace.use(authenticateAccess(options.tokens));
	/** Routers held per user, across their sockets. */
	const held = new Map<string, number>();
	const hold = (userId: string, delta: number) => {
		const count = (held.get(userId) ?? 0) + delta;
		if (count > 0) held.set(userId, count);
		else held.delete(userId);
	};
	namespace.on("connection", (socket: CheckSocket) => {
		const { claims } = socket.data;
		const logger = options.logger.child({ endpointId: claims.endpointId, userId: claims.sub, check: socket.id });
		let router: SessionRouter | null = null;
		let peer: MediaPeer | null = null;
		/** Bumped by every start and release: a start overtaken by another, or by the socket leaving, gives its router back. */
		let generation = 0;
		let starting = false;
		const release = () => {
			generation += 1;
			if (router) hold(claims.sub, -1);
			router?.close();
			router = null;
			peer = null;
		};
		const seated = (): MediaPeer => {
			if (!peer) throw new NotInSessionError("send start first");
			return peer;
		};
		socket.on("disconnect", release);

		serveRequests<typeof checkRequestSchemas, CheckRequestResults>(
			socket,
			checkRequestSchemas,
			{
				start: async () => {
					if (starting) throw new ConflictError("a check is already starting on this connection");
					release();
					if ((held.get(claims.sub) ?? 0) >= options.maxChecksPerUser) {
						throw new RateLimitedError(`at most ${options.maxChecksPerUser} connectivity checks at once per user`);
					}
					const mine = generation;
					starting = true;
					hold(claims.sub, 1);
					let own: SessionRouter | null = null;
					try {
						own = await SessionRouter.create(options.workers, options.media, logger);
						const created = await own.createPeer(socket.id, logger);
						if (mine !== generation || socket.disconnected) throw new NotInSessionError("the check was abandoned");
						router = own;
						peer = created;
					} catch (err) {
						own?.close();
						hold(claims.sub, -1);
						throw err;
					} finally {
						starting = false;
					}
					return {
						routerRtpCapabilities: own.rtpCapabilities as unknown as Record<string, unknown>,
						iceServers: options.iceServers(claims.sub),
					};
				},
				createTransport: async ({ direction }) => transportInfo(await seated().createTransport(direction)),
				connectTransport: async ({ transportId, dtlsParameters }) => {
					await seated().connectTransport(transportId, dtlsParameters as unknown as types.DtlsParameters);
					return {};
				},
				produce: async ({ transportId, kind, rtpParameters }) => {
					const producer = await seated().produce({
						transportId,
						kind,
						source: kind === "audio" ? "microphone" : "camera",
						rtpParameters: rtpParameters as unknown as types.RtpParameters,
						paused: false,
					});
					return { producerId: producer.id };
				},
				consume: async (request) => consumeAnswer(seated(), request),
				resumeConsumer: async ({ consumerId }) => {
					await seated().resumeConsumer(consumerId);
					return {};
				},
				transportState: async ({ transportId }) => {
					const transport = seated().transport(transportId);
					const tuple = transport.iceSelectedTuple;
					return {
						iceState: transport.iceState,
						dtlsState: transport.dtlsState,
						...(tuple
							? {
									tuple: {
										protocol: tuple.protocol,
										remoteIp: tuple.remoteIp ?? "",
										remotePort: tuple.remotePort ?? 0,
									},
								}
							: {}),
					};
				},
				finish: async ({ steps }) => {
					release();
					const stored = await options.checks.store({
						endpointId: claims.endpointId,
						userId: claims.sub,
						at: new Date(),
						steps,
					});
					logger.info(
						{ passed: stored.passed, steps: steps.map((s) => `${s.step}:${s.status}`) },
						"connectivity check",
					);
					return stored;
				},
			},
			logger,
			{ onRequest: options.onRequest, limits: options.limits },
		);
	});
}
