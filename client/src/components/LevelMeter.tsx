import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/index.js";

/** Microphone level, so an official can see the microphone works before joining. */
export function LevelMeter({ stream }: { stream: MediaStream | null }) {
	const { t } = useI18n();
	const [level, setLevel] = useState(0);
	useEffect(() => {
		if (!stream || stream.getAudioTracks().length === 0) return;
		const context = new AudioContext();
		const analyser = context.createAnalyser();
		analyser.fftSize = 512;
		context.createMediaStreamSource(stream).connect(analyser);
		const samples = new Float32Array(analyser.fftSize);
		const timer = setInterval(() => {
			analyser.getFloatTimeDomainData(samples);
			const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
			setLevel(Math.min(100, Math.round(rms * 300)));
		}, 100);
		return () => {
			clearInterval(timer);
			void context.close();
		};
	}, [stream]);
	return (
		<meter class="level" min={0} max={100} low={10} high={85} optimum={50} value={level} aria-label={t("micLevel")} />
	);
}
