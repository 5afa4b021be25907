import type { types } from "mediasoup";

/** What every session router offers: Opus, and VP8, VP9 and H264 so any browser finds a video codec. */
export const MEDIA_CODECS: types.RtpCodecCapability[] = [
	{ kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2 },
	{ kind: "video", mimeType: "video/VP8", clockRate: 90000, parameters: { "x-google-start-bitrate": 1000 } },
	{ kind: "video", mimeType: "video/VP9", clockRate: 90000, parameters: { "profile-id": 0 } },
	{
		kind: "video",
		mimeType: "video/H264",
		clockRate: 90000,
		parameters: { "packetization-mode": 1, "profile-level-id": "42e01f", "level-asymmetry-allowed": 1 },
	},
];
