import { useState } from "preact/hooks";
import { useI18n } from "../i18n.js";

export function SignInPage() {
	const { t } = useI18n();
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);

	const submit = async (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		setBusy(true);
		setError(null);
		try {
			const res = await fetch("/api/auth/login", {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
			});
			if (!res.ok) setError(t("signInFailed"));
		} catch {
			setError(t("networkError"));
		} finally {
			setBusy(false);
		}
	};

	return (
		<form class="card signin" onSubmit={submit}>
			<h2>{t("signIn")}</h2>
			<label>
				{t("username")}
				<input name="username" autocomplete="username" required />
			</label>
			<label>
				{t("password")}
				<input name="password" type="password" autocomplete="current-password" required />
			</label>
			{error && (
				<p role="alert" class="error">
					{error}
				</p>
			)}
			<button type="submit" disabled={busy}>
				{busy ? t("signingIn") : t("signIn")}
			</button>
		</form>
	);
}
