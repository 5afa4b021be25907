import type { Language } from "./i18n/index.js";

/** Dates and times as officials read them: Vietnamese order, 24-hour clock, the server's own zone. */
export function formatDateTime(iso: string | Date, language: Language): string {
	return new Date(iso).toLocaleString(language === "vi" ? "vi-VN" : "en-GB", {
		dateStyle: "short",
		timeStyle: "short",
	});
}

export function formatTime(iso: string | Date, language: Language): string {
	return new Date(iso).toLocaleTimeString(language === "vi" ? "vi-VN" : "en-GB", { timeStyle: "short" });
}
