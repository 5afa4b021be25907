import type { Logger } from "pino";
import type { HealthState } from "../../domain/presence.js";
import type { ClientQuality, HealthStatus } from "../../domain/quality.js";
import { SafeEmitter } from "../../domain/SafeEmitter.js";
import type { PeerQuality as ServerQuality } from "../../media/peerQuality.js";
import type { HealthHistory } from "./HealthHistory.js";
import type { QualityAssessor } from "./QualityAssessor.js";

export interface EndpointHealthState extends HealthState {
	client: ClientQuality;
	server: ServerQuality;
}

export interface EndpointHealthOptions {
	assessor: QualityAssessor;
	history: HealthHistory;
	/** The server's own view of the endpoint's media (transports, producer scores). */
	serverView: (endpointId: string) => Promise<ServerQuality>;
	/** A sample is stored at most this often per endpoint, and on every change of status. */
	sampleEveryMs: number;
	logger: Logger;
}

export interface EndpointHealthEvents {
	statuschange: [state: EndpointHealthState, previous: HealthStatus | null];
}

/** Each endpoint's media health during sessions, from its reports and the server's view. */
export class EndpointHealth extends SafeEmitter<EndpointHealthEvents> {
	readonly #options: EndpointHealthOptions;
	readonly #latest = new Map<string, EndpointHealthState>();
	readonly #lastStored = new Map<string, number>();

	constructor(options: EndpointHealthOptions) {
		super(options.logger);
		this.#options = options;
	}

	async report(endpointId: string, client: ClientQuality): Promise<EndpointHealthState> {
		const server = await this.#options.serverView(endpointId);
		const state: EndpointHealthState = {
			endpointId,
			...(client.sessionId ? { sessionId: client.sessionId } : {}),
			at: new Date(),
			client,
			server,
			...this.#options.assessor.assess(client, server),
		};
		const previous = this.#latest.get(endpointId)?.status ?? null;
		this.#latest.set(endpointId, state);
		const changed = previous !== state.status;
		if (changed) this.safeEmit("statuschange", state, previous);
		if (changed || Date.now() - (this.#lastStored.get(endpointId) ?? 0) >= this.#options.sampleEveryMs) {
			this.#lastStored.set(endpointId, Date.now());
			this.#options.history.append(state).catch((err: unknown) => {
				this.#options.logger.warn({ err, endpointId }, "health sample not stored");
			});
		}
		return state;
	}

	get(endpointId: string): EndpointHealthState | undefined {
		return this.#latest.get(endpointId);
	}

	all(): EndpointHealthState[] {
		return [...this.#latest.values()];
	}
}
