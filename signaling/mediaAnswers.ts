import type { types } from "mediasoup";
import type { MediaPeer } from "../media/MediaPeer.js";
import type { ConsumeResult, TransportInfo } from "./protocol.js";

/** What a client needs to open its side of a WebRtcTransport. */
export function transportInfo(transport: types.WebRtcTransport<{ direction: "send" | "recv" }>): TransportInfo {
	return {
		id: transport.id,
		transportId: transport.id,
		direction: transport.appData.direction,
		iceParameters: transport.iceParameters,
		iceCandidates: transport.iceCandidates,
		dtlsParameters: transport.dtlsParameters,
	};
}

/** A paused consumer of the producer on the peer's receive transport, as the client opens it. */
export async function consumeAnswer(
	peer: MediaPeer,
	request: { transportId: string; producerId: string; rtpCapabilities: unknown },
): Promise<ConsumeResult> {
	const consumer = await peer.consume({
		transportId: request.transportId,
		producerId: request.producerId,
		rtpCapabilities: request.rtpCapabilities as types.RtpCapabilities,
	});
	return {
		id: consumer.id,
		consumerId: consumer.id,
		producerId: request.producerId,
		kind: consumer.kind,
		rtpParameters: consumer.rtpParameters,
		paused: true,
	};
}
