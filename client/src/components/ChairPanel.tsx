import type { ParticipantInfo } from "../../../signaling/protocol.js";
import { useI18n } from "../i18n/index.js";
import type { SessionClient } from "../session/SessionClient.js";

/** The chair's controls: the lobby, muting and removing endpoints, ending the session. */
export function ChairPanel({
	client,
	participants,
	waiting,
	onError,
}: {
	client: SessionClient;
	participants: ParticipantInfo[];
	waiting: ParticipantInfo[];
	onError: (err: unknown) => void;
}) {
	const { t } = useI18n();
	const act = (action: Promise<unknown>) => {
		action.catch(onError);
	};
	const others = participants.filter((p) => p.participantId !== client.participantId);
	return (
		<aside class="card panel" aria-labelledby="chair-title" data-testid="chair-panel">
			<h2 id="chair-title">{t("chairPanel")}</h2>
			<h3>
				{t("lobby")} ({waiting.length})
			</h3>
			{waiting.length === 0 && <p class="muted">{t("lobbyEmpty")}</p>}
			<ul>
				{waiting.map((p) => (
					<li key={p.participantId}>
						<span>
							{p.displayName} · {t(`level_${p.endpointLevel}`)}
						</span>
						<button type="button" onClick={() => act(client.request("admit", { participantId: p.participantId }))}>
							{t("admit")}
						</button>
						<button
							type="button"
							class="secondary"
							onClick={() => act(client.request("deny", { participantId: p.participantId }))}
						>
							{t("deny")}
						</button>
					</li>
				))}
			</ul>
			{waiting.length > 1 && (
				<button type="button" onClick={() => act(client.request("admitAll", {}))}>
					{t("admitAll")}
				</button>
			)}
			<h3>{t("participants")}</h3>
			<ul>
				{others.map((p) => (
					<li key={p.participantId}>
						<span>
							{p.displayName} · {t(`level_${p.endpointLevel}`)}
						</span>
						<button
							type="button"
							aria-pressed={p.chairMuted}
							onClick={() =>
								act(client.request("setChairMute", { participantId: p.participantId, muted: !p.chairMuted }))
							}
						>
							{p.chairMuted ? t("unmuteEndpoint") : t("muteEndpoint")}
						</button>
						<button
							type="button"
							class="secondary"
							onClick={() => act(client.request("removeParticipant", { participantId: p.participantId }))}
						>
							{t("remove")}
						</button>
					</li>
				))}
			</ul>
			<button
				type="button"
				class="danger"
				onClick={() => {
					if (confirm(t("endSessionConfirm"))) act(client.request("endSession", {}));
				}}
			>
				{t("endSession")}
			</button>
		</aside>
	);
}
