import { useMemo, useState } from "preact/hooks";
import { I18nContext, type Language, storedLanguage, translator } from "./i18n.js";
import { SignInPage } from "./pages/SignInPage.js";

export function App() {
	const [language, setLanguage] = useState<Language>(storedLanguage);
	const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);
	const toggleLanguage = () => {
		const next = language === "vi" ? "en" : "vi";
		localStorage.setItem("language", next);
		document.documentElement.lang = next;
		setLanguage(next);
	};
	return (
		<I18nContext.Provider value={i18n}>
			<header class="topbar">
				<div>
					<h1>{i18n.t("appTitle")}</h1>
					<p class="subtitle">{i18n.t("appSubtitle")}</p>
				</div>
				<button type="button" class="link" onClick={toggleLanguage} lang={language === "vi" ? "en" : "vi"}>
					{i18n.t("language")}
				</button>
			</header>
			<main>
				<SignInPage />
			</main>
		</I18nContext.Provider>
	);
}
