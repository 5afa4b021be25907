/** Where a producer's media comes from; `screen` is the second video source (a shared document). */
export const MEDIA_SOURCES = ["microphone", "camera", "screen"] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

export const TRANSPORT_DIRECTIONS = ["send", "recv"] as const;
export type TransportDirection = (typeof TRANSPORT_DIRECTIONS)[number];

/** The microphone is the one audio source; the camera and the shared screen are video. */
export function kindOf(source: MediaSource): "audio" | "video" {
	return source === "microphone" ? "audio" : "video";
}

/**
 * Whether every codec of a producer's RTP parameters is of its kind (`audio/opus` for audio, `video/…`
 * for video): an audio codec sent as a video producer would escape what is decided per kind (a chair
 * mute, publishing rights, bitrates).
 */
export function codecsMatchKind(kind: "audio" | "video", codecs: readonly { mimeType: string }[]): boolean {
	return codecs.every((c) => c.mimeType.toLowerCase().startsWith(`${kind}/`));
}
