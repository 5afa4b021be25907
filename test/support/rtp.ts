/** Builds RTP packets a mediasoup router will parse and forward, for tests and benchmarks. */
export interface RtpStreamParams {
	payloadType: number;
	ssrc: number;
	clockRate: number;
}

const RTP_HEADER_BYTES = 12;

/**
 * A VP8 keyframe packet. mediasoup ignores VP8 payloads without the X bit, so the descriptor carries
 * X=1, S=1, PID=0 and a two-byte picture id; then a keyframe header (P bit 0).
 */
export function vp8KeyframePacket(stream: RtpStreamParams, seq: number, payloadBytes = 1000): Buffer {
	const packet = Buffer.alloc(RTP_HEADER_BYTES + payloadBytes);
	packet[0] = 0x80; // version 2
	packet[1] = 0x80 | stream.payloadType; // marker: one packet per frame
	packet.writeUInt16BE(seq & 0xffff, 2);
	packet.writeUInt32BE(Math.floor((seq * stream.clockRate) / 30) >>> 0, 4);
	packet.writeUInt32BE(stream.ssrc, 8);
	const pictureId = seq & 0x7fff;
	packet.set([0x90, 0x80, 0x80 | (pictureId >> 8), pictureId & 0xff, 0x10, 0x9d, 0x01, 0x2a], RTP_HEADER_BYTES);
	return packet;
}

export interface ParsedRtp {
	payloadType: number;
	sequenceNumber: number;
	ssrc: number;
}

/** RTCP shares the port (rtcpMux); its packet types 200–206 land in 72–78 of the masked byte. */
export function parseRtp(packet: Buffer): ParsedRtp | null {
	if (packet.length < RTP_HEADER_BYTES || packet[0] === undefined || packet[0] >> 6 !== 2) return null;
	const payloadType = (packet[1] ?? 0) & 0x7f;
	if (payloadType >= 72 && payloadType <= 78) return null;
	return { payloadType, sequenceNumber: packet.readUInt16BE(2), ssrc: packet.readUInt32BE(8) };
}
