import { Chrome111 } from "mediasoup-client/handlers/Chrome111";
import { type ConnectionState, SessionClient } from "../../client/src/session/SessionClient.js";
import type { IdentityClaims } from "../../domain/identity.js";
import type { Platform } from "../../server/Platform.js";
import { ensureLiveRecord } from "./liveRecord.js";
import { installWebRtcGlobals, MediaPump } from "./webrtc.js";

installWebRtcGlobals();

/** An endpoint seated through the load balancer with the app's own SessionClient, sending and receiving. */
export interface SeatedEndpoint {
	who: IdentityClaims;
	client: SessionClient;
	pump: MediaPump;
	participantId: string;
	states: ConnectionState[];
	/** Every `ended` the client saw (a drain or failover must leave it empty). */
	ended: string[];
}

/**
 * Seats each identity in the session through `url` (nginx in front of the nodes): a live record
 * made by `records` (a platform on the same database), a session token signed with the nodes'
 * secret, a microphone and a camera published.
 */
export async function seatEndpoints(
	url: string,
	records: Platform,
	sessionId: string,
	identities: IdentityClaims[],
): Promise<SeatedEndpoint[]> {
	const seated: SeatedEndpoint[] = [];
	for (const who of identities) {
		await ensureLiveRecord(records, sessionId, who);
		const client = new SessionClient({
			url,
			token: records.tokens.sign(who, "session", sessionId),
			handlerFactory: Chrome111.createFactory(),
		});
		const states: ConnectionState[] = [];
		const ended: string[] = [];
		client.on("connectionState", (s) => states.push(s));
		client.on("ended", (reason) => ended.push(reason));
		await client.connect();
		const pump = new MediaPump(false);
		await client.publish("microphone", pump.microphone as unknown as MediaStreamTrack);
		await client.publish("camera", pump.camera as unknown as MediaStreamTrack);
		seated.push({ who, client, pump, participantId: client.participantId ?? "", states, ended });
	}
	return seated;
}

/** Packets each consumer has received so far, by consumer id (from the receiving transport's stats). */
async function received(
	endpoint: SeatedEndpoint,
): Promise<Map<string, { from: string; kind: string; packets: number }>> {
	const { recv } = await endpoint.client.stats();
	const bySsrc = new Map<number, number>();
	for (const s of (recv ?? new Map()).values() as Iterable<{ type: string; ssrc?: number; packetsReceived?: number }>) {
		if (s.type === "inbound-rtp" && s.ssrc !== undefined) bySsrc.set(s.ssrc, s.packetsReceived ?? 0);
	}
	const counts = new Map<string, { from: string; kind: string; packets: number }>();
	for (const remote of endpoint.client.remoteTracks()) {
		if (remote.consumer.closed) continue;
		const packets = (remote.consumer.rtpParameters.encodings ?? []).reduce(
			(sum, e) => sum + (e.ssrc ? (bySsrc.get(e.ssrc) ?? 0) : 0),
			0,
		);
		counts.set(remote.consumer.id, { from: remote.producer.participantId, kind: remote.producer.kind, packets });
	}
	return counts;
}

/**
 * Resolves once every endpoint receives audio and video from every other one on consumers it did
 * not have before (`after`), their packet counts growing; the time it took.
 */
export async function awaitMediaEverywhere(
	endpoints: SeatedEndpoint[],
	timeoutMs: number,
	after: Set<string> = new Set(),
): Promise<number> {
	const started = Date.now();
	const first = new Map<string, number>();
	for (;;) {
		let all = true;
		for (const endpoint of endpoints) {
			const counts = await received(endpoint);
			for (const other of endpoints) {
				if (other === endpoint) continue;
				for (const kind of ["audio", "video"]) {
					const flowing = [...counts].some(([id, c]) => {
						if (after.has(id) || c.from !== other.participantId || c.kind !== kind) return false;
						const before = first.get(id);
						if (before === undefined) first.set(id, c.packets);
						return c.packets > 0 && before !== undefined && c.packets > before;
					});
					all &&= flowing;
				}
			}
		}
		if (all) return Date.now() - started;
		if (Date.now() - started > timeoutMs) throw new Error(`media not flowing everywhere within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** The consumer ids every endpoint has now (to tell media that comes back from media that never left). */
export function consumersNow(endpoints: SeatedEndpoint[]): Set<string> {
	return new Set(endpoints.flatMap((e) => e.client.remoteTracks().map((r) => r.consumer.id)));
}

export function closeEndpoints(endpoints: SeatedEndpoint[]): void {
	for (const e of endpoints) {
		e.client.close();
		e.pump.stop();
	}
}
