import type { MessageKey } from "../i18n/index.js";

export interface DeviceChoice {
	cameraId?: string;
	microphoneId?: string;
}

/** Camera (720p, so the camera can go out in three simulcast layers) and microphone. */
export async function openLocalMedia(choice: DeviceChoice): Promise<MediaStream> {
	return navigator.mediaDevices.getUserMedia({
		audio: choice.microphoneId ? { deviceId: { exact: choice.microphoneId } } : true,
		video: {
			...(choice.cameraId ? { deviceId: { exact: choice.cameraId } } : {}),
			width: { ideal: 1280 },
			height: { ideal: 720 },
			frameRate: { max: 25 },
		},
	});
}

export async function listDevices(): Promise<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }> {
	const devices = await navigator.mediaDevices.enumerateDevices();
	return {
		cameras: devices.filter((d) => d.kind === "videoinput"),
		microphones: devices.filter((d) => d.kind === "audioinput"),
	};
}

/** The message a person sees when the browser cannot give the camera or microphone. */
export function deviceErrorMessage(err: unknown): MessageKey {
	const name = (err as DOMException | undefined)?.name;
	if (name === "NotAllowedError" || name === "SecurityError") return "deviceDenied";
	if (name === "NotFoundError" || name === "OverconstrainedError") return "deviceMissing";
	if (name === "NotReadableError") return "deviceBusy";
	return "deviceFailed";
}
