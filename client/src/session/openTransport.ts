import type { Device, types } from "mediasoup-client";
import type { TransportInfo } from "../../../signaling/protocol.js";

/** How a transport's local events reach the server: its DTLS parameters, and each new producer. */
export interface TransportSignals {
	connect(transportId: string, dtlsParameters: types.DtlsParameters): Promise<unknown>;
	produce(
		transportId: string,
		producer: { kind: types.MediaKind; rtpParameters: types.RtpParameters; appData: types.AppData },
	): Promise<{ producerId: string }>;
}

/** The client side of a server WebRtcTransport, with its `connect` and `produce` events signalled. */
export function openTransport(device: Device, info: TransportInfo, signals: TransportSignals): types.Transport {
	const options = {
		id: info.id,
		iceParameters: info.iceParameters,
		iceCandidates: info.iceCandidates as types.IceCandidate[],
		dtlsParameters: info.dtlsParameters as types.DtlsParameters,
	};
	const transport =
		info.direction === "send" ? device.createSendTransport(options) : device.createRecvTransport(options);
	transport.on("connect", ({ dtlsParameters }, done, fail) => {
		signals.connect(transport.id, dtlsParameters).then(() => done(), fail);
	});
	transport.on("produce", ({ kind, rtpParameters, appData }, done, fail) => {
		signals
			.produce(transport.id, { kind, rtpParameters, appData })
			.then(({ producerId }) => done({ id: producerId }), fail);
	});
	return transport;
}
