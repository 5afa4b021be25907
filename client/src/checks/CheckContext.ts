import type { Device, types } from "mediasoup-client";
import type { Socket } from "socket.io-client";
import type {
	CheckClientToServerEvents,
	CheckReasonCode,
	CheckRequestName,
	CheckRequestResults,
	IceServerInfo,
} from "../../../signaling/checkProtocol.js";
import { ackRequest } from "../session/ackRequest.js";
import { openTransport } from "../session/openTransport.js";

export type CheckSocket = Socket<Record<string, never>, CheckClientToServerEvents>;

/** What every step of a connectivity check shares: the connection, the device and a test track. */
export class CheckContext {
	device: Device | null = null;
	iceServers: IceServerInfo[] = [];

	constructor(
		readonly socket: CheckSocket,
		readonly createDevice: () => Device,
		/** A fresh video track to send (a canvas in the browser, a synthetic source elsewhere). */
		readonly createTrack: () => MediaStreamTrack,
		readonly timeoutMs: number,
	) {}

	async request<K extends CheckRequestName>(
		name: K,
		payload: Parameters<CheckClientToServerEvents[K]>[0],
	): Promise<CheckRequestResults[K]> {
		return ackRequest(this.socket, name, payload, this.timeoutMs);
	}

	/** A mediasoup transport on the check's router; `only` keeps the candidates of one protocol. */
	async transport(direction: "send" | "recv", only?: "udp" | "tcp"): Promise<types.Transport> {
		if (!this.device) throw new Error("the check has not started");
		const info = await this.request("createTransport", { direction });
		const candidates = info.iceCandidates.filter((c) => !only || c.protocol === only);
		if (candidates.length === 0) {
			throw new StepFailure("no-candidate", `the server offers no ${only?.toUpperCase()} candidate`, {
				protocol: only?.toUpperCase() ?? "",
			});
		}
		return openTransport(
			this.device,
			{ ...info, iceCandidates: candidates },
			{
				connect: (transportId, dtlsParameters) => this.request("connectTransport", { transportId, dtlsParameters }),
				produce: (transportId, { kind, rtpParameters }) =>
					this.request("produce", {
						transportId,
						kind,
						rtpParameters: rtpParameters as unknown as { codecs: { mimeType: string }[] },
					}),
			},
		);
	}

	/** Resolves when the transport's ICE and DTLS connect; fails the step after `ms`. */
	connected(transport: types.Transport, ms: number, what: string): Promise<void> {
		return new Promise((resolve, reject) => {
			if (transport.connectionState === "connected") return resolve();
			const timer = setTimeout(
				() =>
					reject(
						new StepFailure("connect-timeout", `${what} did not connect within ${ms / 1000} s`, {
							what,
							seconds: ms / 1000,
						}),
					),
				ms,
			);
			transport.on("connectionstatechange", (state) => {
				if (state === "connected") {
					clearTimeout(timer);
					resolve();
				} else if (state === "failed") {
					clearTimeout(timer);
					reject(new StepFailure("connect-failed", `${what} failed`, { what }));
				}
			});
		});
	}
}

/** A step that ran and found a problem: a code the app words, and the English message for the record. */
export class StepFailure extends Error {
	override name = "StepFailure";

	constructor(
		readonly code: CheckReasonCode,
		message: string,
		readonly params: Record<string, string | number> = {},
	) {
		super(message);
	}
}
