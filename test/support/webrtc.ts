import wrtc from "@roamhq/wrtc";

/** mediasoup-client's Chrome111 handler looks for the browser's globals; libwebrtc for Node provides them. */
export function installWebRtcGlobals(): void {
	Object.assign(globalThis, {
		RTCPeerConnection: wrtc.RTCPeerConnection,
		RTCSessionDescription: wrtc.RTCSessionDescription,
		RTCIceCandidate: wrtc.RTCIceCandidate,
		MediaStream: wrtc.MediaStream,
		MediaStreamTrack: wrtc.MediaStreamTrack,
	});
}

const SAMPLE_RATE = 48_000;
const FRAME_SAMPLES = SAMPLE_RATE / 100;
/** Picture size: small enough for several peers on two cores. */
export interface PictureSize {
	width: number;
	height: number;
}
const SMALL: PictureSize = { width: 320, height: 180 };

/**
 * A synthetic microphone, camera and shared screen: 10 ms audio frames (a loud 440 Hz tone or near
 * silence) and a grey picture (320x180 unless told) at about 15 frames per second. libwebrtc sends
 * as many simulcast layers as the size allows: one at 320x180, two at 640x360.
 */
export class MediaPump {
	readonly microphone: wrtc.MediaStreamTrack;
	readonly camera: wrtc.MediaStreamTrack;
	/** The second video source: a shared document. */
	readonly screen: wrtc.MediaStreamTrack;
	loud: boolean;
	readonly #audio = new wrtc.nonstandard.RTCAudioSource();
	readonly #video = new wrtc.nonstandard.RTCVideoSource();
	readonly #document = new wrtc.nonstandard.RTCVideoSource({ isScreencast: true });
	readonly #timer: NodeJS.Timeout;
	#tick = 0;

	constructor(loud: boolean, size: PictureSize = SMALL) {
		this.loud = loud;
		this.microphone = this.#audio.createTrack();
		this.camera = this.#video.createTrack();
		this.screen = this.#document.createTrack();
		const frame = { ...size, data: new Uint8Array(size.width * size.height * 1.5) };
		this.#timer = setInterval(() => {
			this.#audio.onData({
				samples: this.#samples(),
				sampleRate: SAMPLE_RATE,
				bitsPerSample: 16,
				channelCount: 1,
				numberOfFrames: FRAME_SAMPLES,
			});
			if (this.#tick % 6 === 0) {
				frame.data.fill(this.#tick % 256);
				this.#video.onFrame(frame);
				this.#document.onFrame(frame);
			}
			this.#tick++;
		}, 10);
	}

	#samples(): Int16Array {
		const samples = new Int16Array(FRAME_SAMPLES);
		const amplitude = this.loud ? 20_000 : 2;
		for (let i = 0; i < FRAME_SAMPLES; i++) {
			const t = this.#tick * FRAME_SAMPLES + i;
			samples[i] = Math.round(Math.sin((2 * Math.PI * 440 * t) / SAMPLE_RATE) * amplitude);
		}
		return samples;
	}

	stop(): void {
		clearInterval(this.#timer);
		this.microphone.stop();
		this.camera.stop();
		this.screen.stop();
	}
}
