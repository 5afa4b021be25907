import { useEffect, useRef, useState } from "preact/hooks";
import { LevelMeter } from "../components/LevelMeter.js";
import { useI18n } from "../i18n/index.js";
import { type DeviceChoice, deviceErrorMessage, listDevices, openLocalMedia } from "../media/devices.js";

/** Camera and microphone choice with a preview and a level meter, before entering the session. */
export function PreJoinPage({ title, onJoin }: { title: string; onJoin: (stream: MediaStream) => void }) {
	const { t } = useI18n();
	const [choice, setChoice] = useState<DeviceChoice>({});
	const [stream, setStream] = useState<MediaStream | null>(null);
	const [error, setError] = useState<string | null>(null);
	const [devices, setDevices] = useState<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }>({
		cameras: [],
		microphones: [],
	});
	const preview = useRef<HTMLVideoElement>(null);
	const handedOver = useRef<MediaStream | null>(null);

	useEffect(() => {
		let opened: MediaStream | null = null;
		setError(null);
		openLocalMedia(choice)
			.then(async (s) => {
				opened = s;
				setStream(s);
				setDevices(await listDevices());
			})
			.catch((err: unknown) => setError(t(deviceErrorMessage(err))));
		return () => {
			// The room owns the stream it was handed; any other preview stream is released.
			if (opened !== handedOver.current) for (const track of opened?.getTracks() ?? []) track.stop();
		};
	}, [choice, t]);

	useEffect(() => {
		if (preview.current) preview.current.srcObject = stream;
	}, [stream]);

	const join = () => {
		if (!stream) return;
		handedOver.current = stream;
		onJoin(stream);
	};

	return (
		<section class="card prejoin" aria-labelledby="prejoin-title">
			<h2 id="prejoin-title">{title}</h2>
			<p>{t("prejoinHint")}</p>
			<video ref={preview} class="preview" autoplay muted playsInline aria-label={t("cameraPreview")} />
			<div class="device-row">
				<DeviceSelect
					label={t("camera")}
					devices={devices.cameras}
					value={choice.cameraId}
					onChange={(cameraId) => setChoice({ ...choice, cameraId })}
				/>
				<DeviceSelect
					label={t("microphone")}
					devices={devices.microphones}
					value={choice.microphoneId}
					onChange={(microphoneId) => setChoice({ ...choice, microphoneId })}
				/>
			</div>
			<LevelMeter stream={stream} />
			{error && (
				<p role="alert" class="error">
					{error}
				</p>
			)}
			<button type="button" onClick={join} disabled={!stream}>
				{t("joinSession")}
			</button>
		</section>
	);
}

function DeviceSelect(props: {
	label: string;
	devices: MediaDeviceInfo[];
	value: string | undefined;
	onChange: (deviceId: string) => void;
}) {
	return (
		<label>
			{props.label}
			<select value={props.value ?? ""} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
				{props.devices.map((d) => (
					<option key={d.deviceId} value={d.deviceId}>
						{d.label || d.deviceId}
					</option>
				))}
			</select>
		</label>
	);
}
