import { io, type Socket } from "socket.io-client";
import { ackRequest } from "../../client/src/session/ackRequest.js";
import type {
	ClientToServerEvents,
	JoinResult,
	ProducerInfo,
	RequestName,
	RequestPayload,
	RequestResults,
	ServerToClientEvents,
} from "../../signaling/protocol.js";

export type Joined = Extract<JoinResult, { status: "joined" }>;

/** The media requests a load endpoint makes, whoever serves them: the platform, or a bare router. */
export type MediaRequest =
	| "createTransport"
	| "connectTransport"
	| "produce"
	| "consume"
	| "resumeConsumer"
	| "setPreferredLayers";

/** One endpoint's conversation with an SFU about one session. */
export interface SfuSession {
	join(): Promise<Joined>;
	request<K extends MediaRequest>(name: K, payload: RequestPayload<K>): Promise<RequestResults[K]>;
	/** Producers that appear after the join. */
	onNewProducer(listener: (producer: ProducerInfo) => void): void;
	close(): Promise<void>;
}

/** POST /api/auth/login, then POST /api/sessions/:id/token: the session token docs/protocol.md names. */
export async function sessionTokenFor(
	origin: string,
	credentials: { username: string; password: string },
	sessionId: string,
): Promise<string> {
	const login = await postJson(`${origin}/api/auth/login`, credentials);
	const { accessToken } = login as { accessToken: string };
	const issued = await postJson(`${origin}/api/sessions/${encodeURIComponent(sessionId)}/token`, {}, accessToken);
	return (issued as { token: string }).token;
}

async function postJson(url: string, body: unknown, bearer?: string): Promise<unknown> {
	const res = await fetch(url, {
		method: "POST",
		headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
		body: JSON.stringify(body),
	});
	const answer = (await res.json()) as unknown;
	if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(answer)}`);
	return answer;
}

/** The platform's live-session protocol over Socket.IO (docs/protocol.md). */
export class PlatformSession implements SfuSession {
	readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;

	private constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
		this.#socket = socket;
	}

	static connect(origin: string, token: string): Promise<PlatformSession> {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin, {
			auth: { token },
			transports: ["websocket"],
			reconnection: false,
			forceNew: true,
		});
		return new Promise((resolve, reject) => {
			socket.once("connect", () => resolve(new PlatformSession(socket)));
			socket.once("connect_error", (err) => {
				socket.close();
				reject(err);
			});
		});
	}

	async join(): Promise<Joined> {
		const result = await this.#call("join", {});
		if (result.status !== "joined") throw new Error("held in the lobby: run the platform with SESSION_LOBBY=off");
		return result;
	}

	request<K extends MediaRequest>(name: K, payload: RequestPayload<K>): Promise<RequestResults[K]> {
		return this.#call(name, payload);
	}

	onNewProducer(listener: (producer: ProducerInfo) => void): void {
		this.#socket.on("newProducer", listener);
	}

	async close(): Promise<void> {
		if (this.#socket.connected) await this.#call("leave", {}).catch(() => undefined);
		this.#socket.close();
	}

	#call<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<RequestResults[K]> {
		return ackRequest<RequestResults[K]>(this.#socket, name, payload, 30_000);
	}
}
