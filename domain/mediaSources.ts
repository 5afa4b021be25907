/** Where a producer's media comes from; `screen` is the second video source (a shared document). */
export const MEDIA_SOURCES = ["microphone", "camera", "screen"] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

export const TRANSPORT_DIRECTIONS = ["send", "recv"] as const;
export type TransportDirection = (typeof TRANSPORT_DIRECTIONS)[number];

/** The microphone is the one audio source; the camera and the shared screen are video. */
export function kindOf(source: MediaSource): "audio" | "video" {
	return source === "microphone" ? "audio" : "video";
}
