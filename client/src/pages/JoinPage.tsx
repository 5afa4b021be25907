import { useEffect, useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { presides } from "../../../domain/presides.js";
import { useApp, useLoad } from "../AppContext.js";
import type { SessionView } from "../api/records.js";
import { SecretariatPanel } from "../components/SecretariatPanel.js";
import { errorText } from "../errorText.js";
import { useI18n } from "../i18n/index.js";
import { navigate } from "../router.js";
import { PreJoinPage } from "./PreJoinPage.js";
import { RoomPage } from "./RoomPage.js";

/** From the session list into the room: a session token, the device check, then the live session. */
export function JoinPage({ sessionId }: { sessionId: string }) {
	const i18n = useI18n();
	const { t } = i18n;
	const { api, identity } = useApp();
	const session = useLoad(() => api.get<SessionView>(`/api/sessions/${sessionId}`), `s-${sessionId}`);
	const [token, setToken] = useState<string | null>(null);
	const [error, setError] = useState<unknown>(null);
	const [stream, setStream] = useState<MediaStream | null>(null);
	const [left, setLeft] = useState<string | null>(null);

	useEffect(() => {
		api
			.post<{ token: string }>(`/api/sessions/${sessionId}/token`, {})
			.then((r) => setToken(r.token))
			.catch(setError);
	}, [sessionId]);

	if (error) {
		return (
			<p role="alert" class="error">
				{t("cannotJoin")}: {errorText(i18n, error)}
			</p>
		);
	}
	if (left) {
		return (
			<section class="card stack" role="status">
				<p>
					{t(
						left === "ended-by-chair"
							? "sessionEndedByChair"
							: left === "removed"
								? "sessionRemoved"
								: left === "denied"
									? "sessionDenied"
									: "sessionLeft",
					)}
				</p>
				<button type="button" onClick={() => navigate(`/sessions/${sessionId}`)}>
					{t("sessionDetail")}
				</button>
			</section>
		);
	}
	if (!token || !session.data) return <p aria-busy="true">{t("loading")}</p>;
	if (!stream) return <PreJoinPage title={session.data.title} onJoin={setStream} />;
	return (
		<RoomPage
			session={session.data}
			sessionId={sessionId}
			sessionToken={token}
			stream={stream}
			chair={presides(identity, session.data)}
			aside={can(identity, "record", { type: "sessions" }) ? <SecretariatPanel session={session.data} /> : undefined}
			onLeft={setLeft}
		/>
	);
}
