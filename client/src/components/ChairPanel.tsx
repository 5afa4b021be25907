import { admittedTogether } from "../../../domain/lobby.js";
import type { ParticipantInfo } from "../../../signaling/protocol.js";
import { useApp } from "../AppContext.js";
import { fill } from "../i18n/fill.js";
import { useI18n } from "../i18n/index.js";
import type { SessionClient } from "../session/SessionClient.js";
import { ConfirmButton } from "./ConfirmButton.js";

/** Who someone is, as the chair needs to know before letting them in: endpoint, person, office, role. */
export type WhoIs = Pick<ParticipantInfo, "endpointId" | "displayName" | "position"> &
	Partial<Pick<ParticipantInfo, "role" | "endpointLevel">>;

export function ParticipantLabel({ participant }: { participant: WhoIs }) {
	const { t } = useI18n();
	const { endpoints } = useApp();
	const endpoint =
		endpoints.get(participant.endpointId)?.name ??
		(participant.endpointLevel ? t(`level_${participant.endpointLevel}`) : participant.endpointId);
	return (
		<span class="who-is">
			<strong data-testid="participant-endpoint">{endpoint}</strong>
			<span>
				{participant.displayName}
				{participant.position ? `, ${participant.position}` : ""}
			</span>
			{participant.role && <span class="tag">{t(`role_${participant.role}`)}</span>}
		</span>
	);
}

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
	const { endpoints } = useApp();
	const act = (action: Promise<unknown>) => {
		action.catch(onError);
	};
	const others = participants.filter((p) => p.participantId !== client.participantId);
	const together = waiting.filter((p) => admittedTogether(p.role));
	const endpointName = (p: ParticipantInfo) => endpoints.get(p.endpointId)?.name ?? t(`level_${p.endpointLevel}`);
	return (
		<aside class="card panel" aria-labelledby="chair-title" data-testid="chair-panel">
			<h2 id="chair-title">{t("chairPanel")}</h2>
			<h3>
				{t("lobby")} ({waiting.length})
			</h3>
			{waiting.length === 0 && <p class="muted">{t("lobbyEmpty")}</p>}
			<ul class="people" data-testid="lobby-list">
				{waiting.map((p) => (
					<li key={p.participantId}>
						<ParticipantLabel participant={p} />
						<span class="row-actions">
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
						</span>
					</li>
				))}
			</ul>
			{together.length > 1 && (
				<ConfirmButton
					title={fill(t("admitAllConfirm"), { count: together.length })}
					body={fill(t("admitAllConfirmBody"), {
						names: together.map((p) => `${p.displayName} (${endpointName(p)})`).join(", "),
					})}
					confirmLabel={t("admitAll")}
					onConfirm={() => act(client.request("admitAll", {}))}
				>
					{t("admitAll")}
				</ConfirmButton>
			)}
			<h3>{t("participants")}</h3>
			<ul class="people">
				{others.map((p) => (
					<li key={p.participantId}>
						<ParticipantLabel participant={p} />
						<span class="row-actions">
							<button
								type="button"
								aria-pressed={p.chairMuted}
								onClick={() =>
									act(client.request("setChairMute", { participantId: p.participantId, muted: !p.chairMuted }))
								}
							>
								{p.chairMuted ? t("unmuteEndpoint") : t("muteEndpoint")}
							</button>
							<ConfirmButton
								class="secondary"
								title={fill(t("removeConfirm"), { name: p.displayName })}
								body={fill(t("removeConfirmBody"), { endpoint: endpointName(p) })}
								confirmLabel={t("remove")}
								onConfirm={() => act(client.request("removeParticipant", { participantId: p.participantId }))}
							>
								{t("remove")}
							</ConfirmButton>
						</span>
					</li>
				))}
			</ul>
			<ConfirmButton
				class="danger"
				title={t("endSessionConfirm")}
				body={t("endSessionConfirmBody")}
				confirmLabel={t("endSession")}
				onConfirm={() => act(client.request("endSession", {}))}
			>
				{t("endSession")}
			</ConfirmButton>
		</aside>
	);
}
