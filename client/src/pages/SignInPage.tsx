import { useState } from "preact/hooks";
import { ApiError } from "../api/ApiClient.js";
import { useI18n } from "../i18n/index.js";

export function SignInPage({ onSignIn }: { onSignIn: (username: string, password: string) => Promise<void> }) {
	const { t } = useI18n();
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);

	const submit = async (event: Event) => {
		event.preventDefault();
		const form = new FormData(event.currentTarget as HTMLFormElement);
		setBusy(true);
		setError(null);
		try {
			await onSignIn(String(form.get("username")), String(form.get("password")));
		} catch (err) {
			if (!(err instanceof ApiError)) setError(t("networkError"));
			else setError(t(err.code === "TOO_MANY_ATTEMPTS" ? "tooManyAttempts" : "signInFailed"));
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
