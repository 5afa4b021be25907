import { isErrorCode } from "../../domain/errors.js";
import type { I18n, MessageKey } from "./i18n/index.js";

/** Codes the app itself gives a request that never got an answer. */
const CLIENT_CODES = ["TIMEOUT", "DISCONNECTED"] as const;

/**
 * What an official is told of a failure: the catalogue's text for its code, in the reader's language.
 * A server's own message (English, for logs) is never shown.
 */
export function errorText(t: I18n["t"], err: unknown): string {
	const code = (err as { code?: unknown } | null)?.code;
	if (isErrorCode(code) || CLIENT_CODES.includes(code as (typeof CLIENT_CODES)[number])) {
		return t(`error_${code as string}` as MessageKey);
	}
	// fetch() rejects with a TypeError when the server cannot be reached at all.
	if (err instanceof TypeError) return t("networkError");
	return t("error_INTERNAL_ERROR");
}
