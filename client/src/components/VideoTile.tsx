import { useEffect, useRef, useState } from "preact/hooks";
import type { ParticipantInfo } from "../../../signaling/protocol.js";
import { useApp } from "../AppContext.js";
import { useI18n } from "../i18n/index.js";
import { inboundSample, type LinkQuality, linkQuality } from "../media/linkQuality.js";
import type { RemoteTrack } from "../session/SessionClient.js";

export interface TileProps {
	participant: ParticipantInfo;
	/** Video and audio tracks of this participant (camera, or a screen share tile). */
	tracks: MediaStreamTrack[];
	/** Receive-side consumers, for the connection quality indicator; empty for the local tile. */
	remotes: RemoteTrack[];
	dominant: boolean;
	local?: boolean;
	label?: string;
}

/** One endpoint's video with its name, level, chair-mute state and connection quality. */
export function VideoTile({ participant, tracks, remotes, dominant, local, label }: TileProps) {
	const { t } = useI18n();
	const video = useRef<HTMLVideoElement>(null);
	const quality = useLinkQuality(remotes);
	const trackKey = tracks.map((track) => track.id).join(",");

	useEffect(() => {
		if (video.current) video.current.srcObject = tracks.length > 0 ? new MediaStream(tracks) : null;
	}, [trackKey]);

	const endpoint = useApp().endpoints.get(participant.endpointId)?.name ?? t(`level_${participant.endpointLevel}`);
	const name = `${endpoint} · ${participant.displayName}`;
	return (
		<figure
			class={`tile${dominant ? " dominant" : ""}`}
			data-participant={participant.participantId}
			data-testid={local ? "local-tile" : "remote-tile"}
			aria-label={name}
		>
			<video ref={video} autoplay playsInline muted={local} />
			<figcaption>
				<span>{label ? `${label} · ${name}` : name}</span>
				{participant.chairMuted && <span class="badge">{t("chairMutedBadge")}</span>}
				{participant.status === "reconnecting" && <span class="badge">{t("reconnectingBadge")}</span>}
				{!local && (
					<span
						class={`quality ${quality}`}
						role="img"
						title={t(`quality_${quality}`)}
						aria-label={t(`quality_${quality}`)}
					/>
				)}
			</figcaption>
		</figure>
	);
}

/**
 * Samples the tile's video consumer (else its audio) every 2 s. Keyed by the consumer, not by the
 * `remotes` array the room rebuilds on every render: a speaker change must not restart the timer.
 */
function useLinkQuality(remotes: RemoteTrack[]): LinkQuality {
	const [quality, setQuality] = useState<LinkQuality>("unknown");
	const consumer = remotes.find((r) => r.producer.kind === "video")?.consumer ?? remotes[0]?.consumer;
	useEffect(() => {
		if (!consumer) return;
		let previous: ReturnType<typeof inboundSample> = null;
		const timer = setInterval(async () => {
			const sample = inboundSample(await consumer.getStats());
			if (!sample) return;
			setQuality(linkQuality(previous, sample));
			previous = sample;
		}, 2000);
		return () => clearInterval(timer);
	}, [consumer]);
	return quality;
}
