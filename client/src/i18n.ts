import { createContext } from "preact";
import { useContext } from "preact/hooks";

/** Vietnamese first: officials use the app; English is the switchable second language. */
const vi = {
	appTitle: "Tiếp công dân trực tuyến",
	appSubtitle: "Hệ thống điểm cầu Trung ương – tỉnh – cơ sở",
	language: "English",
	signIn: "Đăng nhập",
	signOut: "Đăng xuất",
	username: "Tên đăng nhập",
	password: "Mật khẩu",
	signingIn: "Đang đăng nhập…",
	signInFailed: "Tên đăng nhập hoặc mật khẩu không đúng",
	networkError: "Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.",
} as const;

export type MessageKey = keyof typeof vi;
export type Language = "vi" | "en";

const en: Record<MessageKey, string> = {
	appTitle: "Online citizen reception",
	appSubtitle: "Central – provincial – local reception endpoints",
	language: "Tiếng Việt",
	signIn: "Sign in",
	signOut: "Sign out",
	username: "Username",
	password: "Password",
	signingIn: "Signing in…",
	signInFailed: "Wrong username or password",
	networkError: "Cannot reach the server. Check the network and try again.",
};

const messages: Record<Language, Record<MessageKey, string>> = { vi, en };

export function translator(language: Language): (key: MessageKey) => string {
	return (key) => messages[language][key];
}

export const I18nContext = createContext<{ language: Language; t: (key: MessageKey) => string }>({
	language: "vi",
	t: translator("vi"),
});

export function useI18n(): { language: Language; t: (key: MessageKey) => string } {
	return useContext(I18nContext);
}

export function storedLanguage(): Language {
	return localStorage.getItem("language") === "en" ? "en" : "vi";
}
