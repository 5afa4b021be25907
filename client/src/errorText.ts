import { type ErrorIssue, isErrorCode } from "../../domain/errors.js";
import { formatDate, formatDateTime } from "./format.js";
import { fill } from "./i18n/fill.js";
import type { I18n, MessageKey } from "./i18n/index.js";

/** Codes the app itself gives a request that never got an answer. */
const CLIENT_CODES: readonly string[] = ["TIMEOUT", "DISCONNECTED"];

/**
 * What an official is told of a failure: the catalogue's text for its code, in the reader's language,
 * then each refused field by its name in words and why. A server's own message (English, for logs)
 * is never shown.
 */
export function errorText(i18n: I18n, err: unknown): string {
	const { t } = i18n;
	const code = (err as { code?: unknown } | null)?.code;
	const issues = (err as { issues?: ErrorIssue[] } | null)?.issues ?? [];
	if (isErrorCode(code) || CLIENT_CODES.includes(code as string)) {
		const text = t(`error_${code as string}` as MessageKey);
		return issues.length > 0 ? `${text} ${issues.map((i) => issueText(i18n, i)).join("; ")}.` : text;
	}
	// fetch() rejects with a TypeError when the server cannot be reached at all.
	if (err instanceof TypeError) return t("networkError");
	return t("error_INTERNAL_ERROR");
}

/** "Kết luận: quá dài (tối đa 10000 ký tự)": the field's name, then what is wrong with it. */
export function issueText(i18n: I18n, issue: ErrorIssue): string {
	const { t, language } = i18n;
	const limit =
		typeof issue.limit === "string" ? dateLimit(issue.limit) : (issue.limit?.toLocaleString(language) ?? "");
	return `${fieldLabel(i18n, issue.path)}: ${fill(t(`issue_${issue.code ?? "invalid"}`), { limit })}`;
}

/** A date bound: the day alone when it is a day's start (a deadline's earliest day), else day and time. */
function dateLimit(iso: string): string {
	const full = formatDateTime(iso);
	return full.endsWith(" 00:00") ? formatDate(iso) : full;
}

/** `body.assignments.0.deadline` → "Thời hạn": the innermost named field that has a label. */
export function fieldLabel({ t }: I18n, path: string): string {
	const names = path.split(".").filter((part) => !/^\d+$/.test(part) && part !== "body" && part !== "query");
	for (const name of names.reverse()) {
		const label = t(`field_${name}` as MessageKey);
		if (label !== `field_${name}`) return label;
	}
	return t("field_other");
}
