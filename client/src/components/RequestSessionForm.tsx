import { useState } from "preact/hooks";
import { useApp, useLoad } from "../AppContext.js";
import type { List, UserView } from "../api/records.js";
import { useI18n } from "../i18n/index.js";

/** The central office asks a province for a session now (đột xuất), with its reason. */
export function RequestSessionForm({ onCreated }: { onCreated: () => void }) {
	const { t } = useI18n();
	const { api, identity, endpoints } = useApp();
	const provinces = [...endpoints.values()].filter((e) => e.level === "province");
	const [province, setProvince] = useState(provinces[0]?.id ?? "");
	const [message, setMessage] = useState<string | null>(null);
	const chairs = useLoad(
		() => (province ? api.get<List<UserView>>(`/api/users?role=chair&endpoint=${province}`) : Promise.resolve(null)),
		province,
	);

	const submit = async (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		const start = new Date(Date.now() + Number(form.get("inMinutes")) * 60_000);
		try {
			await api.post("/api/sessions", {
				kind: "unscheduled",
				origin: { type: "on-demand", reason: form.get("reason") },
				title: form.get("title"),
				plannedStart: start.toISOString(),
				plannedEnd: new Date(start.getTime() + 90 * 60_000).toISOString(),
				hostEndpointId: province,
				chairUserId: form.get("chair"),
				participantEndpointIds: [identity.endpointId],
			});
			setMessage(t("requestSent"));
			(event.currentTarget as HTMLFormElement).reset();
			onCreated();
		} catch (err) {
			setMessage(`${t("requestFailed")}: ${(err as Error).message}`);
		}
	};

	return (
		<form class="card stack" onSubmit={submit} aria-labelledby="request-title">
			<h3 id="request-title">{t("requestSession")}</h3>
			<label>
				{t("province")}
				<select value={province} onChange={(e) => setProvince((e.currentTarget as HTMLSelectElement).value)}>
					{provinces.map((p) => (
						<option key={p.id} value={p.id}>
							{p.name}
						</option>
					))}
				</select>
			</label>
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
				<input name="title" required minLength={3} />
			</label>
			<label>
				{t("reason")}
				<textarea name="reason" required minLength={3} rows={2} />
			</label>
			<label>
				{t("startsIn")}
				<select name="inMinutes">
					<option value="15">15′</option>
					<option value="30">30′</option>
					<option value="60">60′</option>
				</select>
			</label>
			{message && <p role="status">{message}</p>}
			<button type="submit">{t("sendRequest")}</button>
		</form>
	);
}
