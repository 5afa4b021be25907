import type { MediaPeer } from "./MediaPeer.js";

/** The SFU's view of one peer's media, for health checks. */
export interface PeerQuality {
	iceState?: string;
	dtlsState?: string;
	/** e.g. "udp 203.0.113.5:50000", or "tcp …" when UDP is blocked on the way. */
	tuple?: string;
	/** Lowest score (0–10) of the peer's producers: mediasoup's view of what it receives from it. */
	minProducerScore?: number;
	recvBitrateKbps?: number;
	sendBitrateKbps?: number;
}

/** Reads the peer's transports and producers in the worker: ICE/DTLS state, tuple, bitrates, scores. */
export async function peerQuality(peer: MediaPeer): Promise<PeerQuality> {
	const quality: PeerQuality = {};
	let recvBps = 0;
	let sendBps = 0;
	for (const { transportId, direction } of peer.transports) {
		const transport = peer.transport(transportId);
		const [stats] = await transport.getStats();
		if (direction === "send") {
			quality.iceState = transport.iceState;
			quality.dtlsState = transport.dtlsState;
			const tuple = transport.iceSelectedTuple;
			if (tuple) quality.tuple = `${tuple.protocol} ${tuple.remoteIp}:${tuple.remotePort}`;
		}
		recvBps += stats?.recvBitrate ?? 0;
		sendBps += stats?.sendBitrate ?? 0;
	}
	const scores = peer.producers.flatMap((p) => p.score.map((s) => s.score));
	if (scores.length > 0) quality.minProducerScore = Math.min(...scores);
	if (peer.transports.length > 0) {
		quality.recvBitrateKbps = Math.round(recvBps / 1000);
		quality.sendBitrateKbps = Math.round(sendBps / 1000);
	}
	return quality;
}
