import { useEffect, useMemo, useState } from "preact/hooks";
import type { MediaSource, ParticipantInfo } from "../../../signaling/protocol.js";
import { useApp } from "../AppContext.js";
import { ChairPanel } from "../components/ChairPanel.js";
import { VideoTile } from "../components/VideoTile.js";
import { errorText } from "../errorText.js";
import { QualityReporter } from "../health/QualityReporter.js";
import { useI18n } from "../i18n/index.js";
import { type ConnectionState, type RemoteTrack, SessionClient } from "../session/SessionClient.js";

export interface RoomProps {
	sessionId: string;
	sessionToken: string;
	stream: MediaStream;
	chair: boolean;
	/** Extra panels for the role (the secretariat's record of the session). */
	aside?: preact.ComponentChildren;
	onLeft: (reason: string) => void;
}

/** The live session: tiles, own controls, the chair's panel, reconnect and lobby states. */
export function RoomPage({ sessionId, sessionToken, stream, chair, aside, onLeft }: RoomProps) {
	const i18n = useI18n();
	const { t } = i18n;
	const { presence } = useApp();
	const client = useMemo(() => new SessionClient({ token: sessionToken, simulcast: true }), [sessionToken]);
	const [state, setState] = useState<ConnectionState>("connecting");
	const [participants, setParticipants] = useState<ParticipantInfo[]>([]);
	const [waiting, setWaiting] = useState<ParticipantInfo[]>([]);
	const [remotes, setRemotes] = useState<RemoteTrack[]>([]);
	const [dominant, setDominant] = useState<string | null>(null);
	const [micOn, setMicOn] = useState(true);
	const [camOn, setCamOn] = useState(true);
	const [sharing, setSharing] = useState(false);
	const [error, setError] = useState<string | null>(null);

	const showError = (err: unknown) => setError(errorText(i18n, err));

	useEffect(() => {
		const offs = [
			client.on("connectionState", setState),
			client.on("participants", setParticipants),
			client.on("lobby", setWaiting),
			client.on("trackAdded", () => setRemotes(client.remoteTracks())),
			client.on("trackRemoved", () => setRemotes(client.remoteTracks())),
			client.on("dominantSpeaker", setDominant),
			client.on("chairMute", (id, muted) => {
				if (id === client.participantId && muted) setMicOn(false);
			}),
			client.on("ended", (reason) => onLeft(reason)),
		];
		// Publish once, when first seated (at once, or on admission from the lobby); after a reconnect
		// the client re-publishes by itself.
		let published = false;
		const offSeated = client.on("connectionState", (s) => {
			if (s !== "connected" || published) return;
			published = true;
			(async () => {
				for (const track of stream.getTracks()) {
					await client.publish(track.kind === "audio" ? "microphone" : "camera", track);
				}
			})().catch(showError);
		});
		client.connect().catch(showError);
		const reporter = new QualityReporter(presence, sessionId, async () => Object.values(await client.stats()), 5000);
		return () => {
			reporter.stop();
			for (const off of [...offs, offSeated]) off();
			client.close();
			for (const track of stream.getTracks()) track.stop();
		};
	}, [client]);

	const me = participants.find((p) => p.participantId === client.participantId);
	const chairMuted = me?.chairMuted ?? false;

	const toggle = async (source: MediaSource, on: boolean) => {
		try {
			await client.setPaused(source, !on);
			if (source === "microphone") setMicOn(on);
			else setCamOn(on);
		} catch (err) {
			showError(err);
		}
	};

	const toggleShare = async () => {
		try {
			if (sharing) {
				await client.unpublish("screen");
				setSharing(false);
				return;
			}
			const display = await navigator.mediaDevices.getDisplayMedia({ video: true });
			const [track] = display.getVideoTracks();
			if (!track) return;
			track.addEventListener("ended", () => {
				void client.unpublish("screen");
				setSharing(false);
			});
			await client.publish("screen", track);
			setSharing(true);
		} catch (err) {
			showError(err);
		}
	};

	if (state === "waiting") {
		return (
			<section class="card lobby" role="status" data-testid="lobby">
				<h2>{t("lobbyTitle")}</h2>
				<p>{t("lobbyWaiting")}</p>
			</section>
		);
	}

	const tracksOf = (participantId: string, sources: MediaSource[]) =>
		remotes.filter((r) => r.producer.participantId === participantId && sources.includes(r.producer.source));

	return (
		<div class="room">
			{state === "reconnecting" && (
				<div class="banner" role="status" data-testid="reconnecting">
					{t("reconnecting")}
				</div>
			)}
			{chairMuted && (
				<div class="banner" role="status" data-testid="chair-muted">
					{t("chairMutedYou")}
				</div>
			)}
			{error && (
				<div class="banner error" role="alert">
					{error}
					<button type="button" class="link" onClick={() => setError(null)} aria-label={t("dismiss")}>
						×
					</button>
				</div>
			)}
			<div class="room-body">
				<section class="tiles" aria-label={t("participants")}>
					{me && (
						<VideoTile
							participant={me}
							tracks={stream.getVideoTracks()}
							remotes={[]}
							dominant={dominant === me.participantId}
							local
						/>
					)}
					{participants
						.filter((p) => p.participantId !== client.participantId)
						.flatMap((p) => {
							const main = tracksOf(p.participantId, ["camera", "microphone"]);
							const screen = tracksOf(p.participantId, ["screen"]);
							const tiles = [
								<VideoTile
									key={p.participantId}
									participant={p}
									tracks={main.map((r) => r.track)}
									remotes={main}
									dominant={dominant === p.participantId}
								/>,
							];
							if (screen.length > 0) {
								tiles.push(
									<VideoTile
										key={`${p.participantId}-screen`}
										participant={p}
										tracks={screen.map((r) => r.track)}
										remotes={screen}
										dominant={false}
										label={t("screenShare")}
									/>,
								);
							}
							return tiles;
						})}
				</section>
				{chair && <ChairPanel client={client} participants={participants} waiting={waiting} onError={showError} />}
				{aside}
			</div>
			<nav class="controls" aria-label={t("controls")}>
				<button
					type="button"
					aria-pressed={!micOn}
					disabled={chairMuted}
					title={chairMuted ? t("chairMutedYou") : undefined}
					onClick={() => toggle("microphone", !micOn)}
				>
					{micOn ? t("muteMic") : t("unmuteMic")}
				</button>
				<button type="button" aria-pressed={!camOn} onClick={() => toggle("camera", !camOn)}>
					{camOn ? t("cameraOff") : t("cameraOn")}
				</button>
				<button type="button" aria-pressed={sharing} onClick={toggleShare}>
					{sharing ? t("stopShare") : t("shareScreen")}
				</button>
				<button type="button" class="danger" onClick={() => client.leave().then(() => onLeft("left"))}>
					{t("leave")}
				</button>
			</nav>
		</div>
	);
}
