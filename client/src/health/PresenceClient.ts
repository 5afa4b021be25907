import { io, type Socket } from "socket.io-client";
import type { Alert } from "../../../domain/alerts.js";
import type { ClientQuality } from "../../../domain/quality.js";
import { SafeEmitter } from "../../../domain/SafeEmitter.js";
import { PRESENCE_NAMESPACE } from "../../../signaling/namespaces.js";
import type {
	EndpointHealthInfo,
	EndpointPresenceInfo,
	PresenceClientToServerEvents,
	PresenceRequestResults,
	PresenceServerToClientEvents,
	SessionChange,
} from "../../../signaling/presenceProtocol.js";
import { ackRequest } from "../session/ackRequest.js";

export interface PresenceClientEvents {
	presence: [endpoints: EndpointPresenceInfo[]];
	health: [health: EndpointHealthInfo];
	alert: [alert: Alert];
	checkRequested: [by: string];
	sessionChanged: [change: SessionChange];
	/** This client's own presence connection opened (true) or dropped (false). */
	connection: [connected: boolean];
}

/**
 * The endpoint's always-on presence connection: heartbeats while signed in, quality reports during a
 * session; for IT staff, every endpoint's presence and health as they change.
 */
export class PresenceClient extends SafeEmitter<PresenceClientEvents> {
	readonly #socket: Socket<PresenceServerToClientEvents, PresenceClientToServerEvents>;
	readonly #endpoints = new Map<string, EndpointPresenceInfo>();
	#heartbeat: ReturnType<typeof setInterval> | null = null;

	constructor(options: { url?: string; token: string }) {
		super();
		// Socket.IO reconnects by itself here: presence has no seat to keep, only a state to restore.
		this.#socket = io(`${options.url ?? ""}${PRESENCE_NAMESPACE}`, {
			auth: { token: options.token },
			transports: ["websocket", "polling"],
		});
		this.#socket.on("welcome", ({ heartbeatMs, endpoints }) => {
			for (const e of endpoints) this.#endpoints.set(e.endpointId, e);
			this.safeEmit("presence", this.endpoints);
			if (this.#heartbeat) clearInterval(this.#heartbeat);
			this.#heartbeat = setInterval(() => {
				this.#socket.emit("heartbeat", { sentAt: Date.now() }, () => undefined);
			}, heartbeatMs);
		});
		this.#socket.on("presenceChanged", (p) => {
			this.#endpoints.set(p.endpointId, p);
			this.safeEmit("presence", this.endpoints);
		});
		this.#socket.on("healthChanged", (h) => this.safeEmit("health", h));
		this.#socket.on("alert", (a) => this.safeEmit("alert", a));
		this.#socket.on("checkRequested", ({ by }) => this.safeEmit("checkRequested", by));
		this.#socket.on("sessionChanged", (change) => this.safeEmit("sessionChanged", change));
		this.#socket.on("connect", () => this.safeEmit("connection", true));
		this.#socket.on("disconnect", () => this.safeEmit("connection", false));
	}

	/** Whether this client's own presence connection is open: the endpoint's own state, as it knows it. */
	get connected(): boolean {
		return this.#socket.connected;
	}

	get endpoints(): EndpointPresenceInfo[] {
		return [...this.#endpoints.values()];
	}

	/** Sends a quality report; the server answers with its verdict on this endpoint's health. */
	async report(quality: ClientQuality): Promise<EndpointHealthInfo> {
		return ackRequest(this.#socket, "qualityReport", quality, 10_000);
	}

	async requestCheck(endpointId: string): Promise<number> {
		const { clients } = await ackRequest<PresenceRequestResults["requestCheck"]>(
			this.#socket,
			"requestCheck",
			{ endpointId },
			10_000,
		);
		return clients;
	}

	close(): void {
		if (this.#heartbeat) clearInterval(this.#heartbeat);
		this.#socket.disconnect();
	}
}
