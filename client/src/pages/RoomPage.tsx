import { useEffect, useMemo, useState } from "preact/hooks";
import type { MediaSource, ParticipantInfo } from "../../../signaling/protocol.js";
import { useApp } from "../AppContext.js";
import type { SessionView } from "../api/records.js";
import { ChairPanel } from "../components/ChairPanel.js";
import { VideoTile } from "../components/VideoTile.js";
import { errorText } from "../errorText.js";
import { QualityReporter } from "../health/QualityReporter.js";
import { useI18n } from "../i18n/index.js";
import { type ConnectionState, type RemoteTrack, SessionClient } from "../session/SessionClient.js";
import { useCaseBeingHeard } from "../session/useCaseBeingHeard.js";

/** One video tile: a participant's camera (or this endpoint's own), or a screen they share. */
interface Tile {
	key: string;
	participant: ParticipantInfo;
	tracks: MediaStreamTrack[];
	remotes: RemoteTrack[];
	local?: boolean;
	screen?: boolean;
}

/**
 * The speaker view's large tile: a shared document first, then whoever speaks (never one's own
 * camera), then the chair, then anyone else.
 */
function featuredTile(tiles: Tile[], dominant: string | null, self: string | null): Tile | undefined {
	const others = tiles.filter((x) => !x.local);
	return (
		others.find((x) => x.screen) ??
		others.find((x) => x.participant.participantId === dominant && x.participant.participantId !== self) ??
		others.find((x) => x.participant.role === "chair") ??
		others[0] ??
		tiles[0]
	);
}

export interface RoomProps {
	session: SessionView;
	sessionId: string;
	sessionToken: string;
	stream: MediaStream;
	chair: boolean;
	/** Extra panels for the role (the secretariat's record of the session). */
	aside?: preact.ComponentChildren;
	onLeft: (reason: string) => void;
}

/**
 * The live session: the session's title and the case being heard on top, a speaker view (the
 * speaker large, a strip of the others) or a grid filling the screen, the chair's or the
 * secretariat's panel beside it, own controls below; reconnect and lobby states.
 */
export function RoomPage({ session, sessionId, sessionToken, stream, chair, aside, onLeft }: RoomProps) {
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
	const [layout, setLayout] = useState<"speaker" | "grid">("speaker");
	const hearing = useCaseBeingHeard(session);

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

	// Every tile of the room: this endpoint's own, each other participant's camera, and shared screens.
	const tiles: Tile[] = [];
	if (me)
		tiles.push({ key: me.participantId, participant: me, tracks: stream.getVideoTracks(), remotes: [], local: true });
	for (const p of participants) {
		if (p.participantId === client.participantId) continue;
		const main = tracksOf(p.participantId, ["camera", "microphone"]);
		tiles.push({ key: p.participantId, participant: p, tracks: main.map((r) => r.track), remotes: main });
		const screen = tracksOf(p.participantId, ["screen"]);
		if (screen.length > 0) {
			tiles.push({
				key: `${p.participantId}-screen`,
				participant: p,
				tracks: screen.map((r) => r.track),
				remotes: screen,
				screen: true,
			});
		}
	}
	const featured = featuredTile(tiles, dominant, client.participantId);
	const renderTile = (tile: Tile) => (
		<VideoTile
			key={tile.key}
			participant={tile.participant}
			tracks={tile.tracks}
			remotes={tile.remotes}
			dominant={!tile.screen && dominant === tile.participant.participantId}
			local={tile.local}
			label={tile.screen ? t("screenShare") : undefined}
		/>
	);
	const side = chair || aside;
	const columns = Math.ceil(Math.sqrt(tiles.length || 1));

	return (
		<div class="room" data-layout={layout}>
			<header class="room-head">
				<div class="room-title">
					<h2 data-testid="room-title">{session.title}</h2>
					{hearing && (
						<p data-testid="case-being-heard">
							<span class="muted">{t("caseBeingHeard")}:</span> {hearing}
						</p>
					)}
				</div>
				<fieldset class="segmented" aria-label={t("roomLayout")}>
					<button
						type="button"
						class={layout === "speaker" ? "" : "secondary"}
						aria-pressed={layout === "speaker"}
						onClick={() => setLayout("speaker")}
					>
						{t("speakerView")}
					</button>
					<button
						type="button"
						class={layout === "grid" ? "" : "secondary"}
						aria-pressed={layout === "grid"}
						onClick={() => setLayout("grid")}
					>
						{t("gridView")}
					</button>
				</fieldset>
			</header>
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
			<div class={`room-body${side ? "" : " no-side"}`}>
				{layout === "speaker" && featured ? (
					<section class="stage speaker" aria-label={t("participants")}>
						<div class="featured">{renderTile(featured)}</div>
						{tiles.length > 1 && <div class="strip">{tiles.filter((x) => x !== featured).map(renderTile)}</div>}
					</section>
				) : (
					<section
						class="stage grid"
						aria-label={t("participants")}
						style={{
							gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
							gridTemplateRows: `repeat(${Math.ceil(tiles.length / columns) || 1}, minmax(0, 1fr))`,
						}}
					>
						{tiles.map(renderTile)}
					</section>
				)}
				{side && (
					<div class="side">
						{chair && <ChairPanel client={client} participants={participants} waiting={waiting} onError={showError} />}
						{aside}
					</div>
				)}
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
