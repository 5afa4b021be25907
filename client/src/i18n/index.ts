import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { en } from "./en.js";
import { type MessageKey, vi } from "./vi.js";

export type { MessageKey };
export type Language = "vi" | "en";

const messages: Record<Language, Record<MessageKey, string>> = { vi, en };

export interface I18n {
	language: Language;
	t: (key: MessageKey) => string;
}

export function translator(language: Language): I18n["t"] {
	return (key) => messages[language][key] ?? key;
}

export const I18nContext = createContext<I18n>({ language: "vi", t: translator("vi") });

export function useI18n(): I18n {
	return useContext(I18nContext);
}

export function storedLanguage(): Language {
	return localStorage.getItem("language") === "en" ? "en" : "vi";
}
