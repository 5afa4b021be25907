/**
 * The connectivity check (kiểm tra kết nối), Socket.IO namespace `/check`, authenticated with an
 * access token. The client runs its steps against a private router of its own: signalling, ICE over
 * UDP, ICE over TCP, TURN (when configured), then publishes a test stream and receives it back.
 */
import { z } from "zod";
import { codecsMatchKind } from "../domain/mediaSources.js";
import type { Ack, ConsumeResult, TransportInfo } from "./protocol.js";

export const CHECK_STEPS = ["signaling", "ice-udp", "ice-tcp", "turn", "media"] as const;
export type CheckStepName = (typeof CHECK_STEPS)[number];

/** Why a step failed or was skipped, for the app to word in its own language (`reason` is English). */
export const CHECK_REASON_CODES = [
	"unreachable",
	"no-candidate",
	"connect-timeout",
	"connect-failed",
	"wrong-path",
	"no-turn-configured",
	"no-relay",
	"no-media-back",
	"prerequisite-failed",
	"error",
] as const;
export type CheckReasonCode = (typeof CHECK_REASON_CODES)[number];

export const checkStepResultSchema = z.strictObject({
	step: z.enum(CHECK_STEPS),
	status: z.enum(["passed", "failed", "skipped"]),
	reason: z.string().max(500).optional(),
	reasonCode: z.enum(CHECK_REASON_CODES).optional(),
	reasonParams: z.record(z.string(), z.union([z.number(), z.string().max(200)])).optional(),
	/** Measurements of the step: round trip in ms, bitrate in kbps, the tuple used. */
	metrics: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
	durationMs: z.number().min(0),
});
export type CheckStepResult = z.infer<typeof checkStepResultSchema>;

/** One run of the check as stored and shown on the readiness board. */
export interface ConnectivityCheckRecord {
	endpointId: string;
	userId: string;
	at: Date;
	passed: boolean;
	steps: CheckStepResult[];
}

/** Where finished checks are kept (server/health/ConnectivityChecks implements it). */
export interface CheckResultStore {
	store(check: Omit<ConnectivityCheckRecord, "passed">): Promise<{ checkId: string; passed: boolean }>;
}

const id = z.string().min(1).max(128);
const looseObject = z.looseObject({});

export const checkRequestSchemas = {
	/** Opens the check's router; answers its RTP capabilities and the TURN servers to try. */
	start: z.strictObject({}),
	createTransport: z.strictObject({ direction: z.enum(["send", "recv"]) }),
	connectTransport: z.strictObject({ transportId: id, dtlsParameters: looseObject }),
	produce: z
		.strictObject({
			transportId: id,
			kind: z.enum(["audio", "video"]),
			rtpParameters: z.looseObject({
				codecs: z
					.array(z.looseObject({ mimeType: z.string().max(64) }))
					.min(1)
					.max(16),
			}),
		})
		.refine((p) => codecsMatchKind(p.kind, p.rtpParameters.codecs), {
			path: ["rtpParameters", "codecs"],
			message: "a codec's MIME type does not match kind",
		}),
	consume: z.strictObject({ transportId: id, producerId: id, rtpCapabilities: looseObject }),
	resumeConsumer: z.strictObject({ consumerId: id }),
	/** The server's side of a transport: which tuple ICE selected. */
	transportState: z.strictObject({ transportId: id }),
	/** Stores the result; the router is released. */
	finish: z.strictObject({ steps: z.array(checkStepResultSchema).min(1).max(CHECK_STEPS.length) }),
} as const;

export type CheckRequestName = keyof typeof checkRequestSchemas;

export interface IceServerInfo {
	urls: string[];
	username: string;
	credential: string;
}

export interface CheckRequestResults {
	start: { routerRtpCapabilities: Record<string, unknown>; iceServers: IceServerInfo[] };
	createTransport: TransportInfo;
	connectTransport: Record<string, never>;
	produce: { producerId: string };
	consume: ConsumeResult;
	resumeConsumer: Record<string, never>;
	transportState: {
		iceState: string;
		dtlsState: string;
		tuple?: { protocol: "udp" | "tcp"; remoteIp: string; remotePort: number };
	};
	finish: { checkId: string; passed: boolean };
}

export type CheckClientToServerEvents = {
	[K in CheckRequestName]: (
		payload: z.input<(typeof checkRequestSchemas)[K]>,
		ack: (result: Ack<CheckRequestResults[K]>) => void,
	) => void;
};
