import { useState } from "preact/hooks";
import { useApp, useLoad } from "../AppContext.js";
import type { List, SessionView, UserView } from "../api/records.js";
import { useWriteKey } from "../api/writeKey.js";
import { errorText } from "../errorText.js";
import { useI18n } from "../i18n/index.js";
import { EndpointSelect } from "./EndpointSelect.js";

/** The central office asks a province for a session now (đột xuất), with its reason. */
export function RequestSessionForm({ onCreated }: { onCreated: () => void }) {
	const i18n = useI18n();
	const { t } = i18n;
	const { api, identity, endpoints } = useApp();
	const provinces = [...endpoints.values()].filter((e) => e.level === "province");
	const [province, setProvince] = useState(provinces[0]?.id ?? "");
	const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
	const [sending, setSending] = useState(false);
	// A retry after a lost answer returns the first session, never a second.
	const requestKey = useWriteKey();
	const chairs = useLoad(
		() => (province ? api.get<List<UserView>>(`/api/users?role=chair&endpoint=${province}`) : Promise.resolve(null)),
		province,
	);

	const submit = async (event: Event) => {
		event.preventDefault();
		// Read the form now: after an await the event no longer has a current target.
		const formElement = event.currentTarget as HTMLFormElement;
		const form = new FormData(formElement);
		const start = new Date(Date.now() + Number(form.get("inMinutes")) * 60_000);
		setSending(true);
		setResult(null);
		try {
			await api.post<SessionView>(
				"/api/sessions",
				{
					kind: "unscheduled",
					origin: { type: "on-demand", reason: String(form.get("reason") ?? "").trim() },
					title: String(form.get("title") ?? "").trim(),
					plannedStart: start.toISOString(),
					plannedEnd: new Date(start.getTime() + 90 * 60_000).toISOString(),
					hostEndpointId: province,
					chairUserId: form.get("chair"),
					participantEndpointIds: [identity.endpointId],
				},
				requestKey.current,
			);
			requestKey.settle();
			formElement.reset();
			setResult({ ok: true, text: t("requestSent") });
			onCreated();
		} catch (err) {
			requestKey.settle(err);
			setResult({ ok: false, text: `${t("requestFailed")}: ${errorText(i18n, err)}` });
		} finally {
			setSending(false);
		}
	};

	return (
		<form class="card stack" onSubmit={submit} aria-labelledby="request-title" data-testid="request-form">
			<h3 id="request-title">{t("requestSession")}</h3>
			<EndpointSelect label="province" endpoints={provinces} value={province} onChange={setProvince} />
			<label>
				{t("chair")}
				<select name="chair" required>
					{(chairs.data?.items ?? []).map((u) => (
						<option key={u.id} value={u.id}>
							{u.name}
						</option>
					))}
				</select>
			</label>
			<label>
				{t("sessionTitle")}
				<input name="title" required minLength={3} maxLength={300} />
			</label>
			<label>
				{t("reason")}
				<textarea name="reason" required minLength={3} maxLength={2000} rows={2} />
			</label>
			<label>
				{t("startsIn")}
				<select name="inMinutes">
					<option value="15">15 {t("minutesUnit")}</option>
					<option value="30">30 {t("minutesUnit")}</option>
					<option value="60">60 {t("minutesUnit")}</option>
				</select>
			</label>
			{result && (
				<p role={result.ok ? "status" : "alert"} class={result.ok ? "success" : "error"}>
					{result.text}
				</p>
			)}
			<button type="submit" disabled={sending}>
				{t("sendRequest")}
			</button>
		</form>
	);
}
