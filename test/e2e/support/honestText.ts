import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { vi } from "../../../client/src/i18n/vi.js";

/** A date written with a two-digit year: "3/12/26", "03/12/26 14:05". */
const TWO_DIGIT_YEAR = /\b\d{1,2}\/\d{1,2}\/\d{2}(?!\d)/;

/** A fraction written with a decimal point ("6.3", "0.25"): Vietnamese writes "6,3" (dot groups thousands). */
const DECIMAL_POINT = /(?<![\d.,/:])\d+\.\d{1,2}(?![\d.])/;

/** Technical English that must never reach an official's Vietnamese page. */
const TECHNICAL =
	/invalid (body|query|params|changes)|cannot become|Cannot read propert|outside your endpoint scope|Too (small|big)|Invalid input|expected (string|number|one of)|is already recorded|\bundefined\b|\bNaN\b|\[object Object\]|\bError:|\brttMs\b|\bbitrateKbps\b|\bconnectMs\b/;

/** The literal pieces of every Vietnamese text (placeholders cut out): what catalogued wording contains. */
const VIETNAMESE_PIECES = Object.values(vi as Record<string, string>)
	.flatMap((text) => text.split(/\{\w+\}/))
	.map((piece) => piece.trim())
	.filter((piece) => piece.length >= 6);

/**
 * Watches what an official's browser is told by the server (HTTP error bodies, Socket.IO error
 * acknowledgements) and checks that the rendered text of each page shows none of those server
 * messages, no technical English, no two-digit year, no decimal point, and that every alert on the page is worded
 * from the app's Vietnamese texts.
 */
export class HonestText {
	readonly serverMessages = new Set<string>();
	readonly visited: string[] = [];

	watch(context: BrowserContext): void {
		context.on("response", async (res) => {
			if (res.status() < 400 || !(res.headers()["content-type"] ?? "").includes("json")) return;
			const body = (await res.json().catch(() => null)) as {
				error?: { message?: string; issues?: { message?: string }[] };
			} | null;
			this.#keep(body?.error?.message);
			for (const issue of body?.error?.issues ?? []) this.#keep(issue.message);
		});
		const onPage = (page: Page) =>
			page.on("websocket", (ws) =>
				ws.on("framereceived", ({ payload }) => {
					const text = typeof payload === "string" ? payload : payload.toString("utf8");
					if (!text.includes('"error"')) return;
					for (const m of text.matchAll(/"message":"((?:[^"\\]|\\.)*)"/g)) this.#keep(JSON.parse(`"${m[1]}"`));
				}),
			);
		for (const page of context.pages()) onPage(page);
		context.on("page", onPage);
	}

	/** Checks the page as it is rendered now; `label` names it in failures. */
	async check(page: Page, label: string): Promise<void> {
		this.visited.push(label);
		const { text, alerts } = await page.evaluate(() => ({
			// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (hidden text excluded)
			text: document.body.innerText,
			alerts: [...document.querySelectorAll('[role="alert"], .error')]
				// biome-ignore lint/performance/useDomNodeTextContent: what the official sees
				.map((e) => (e as HTMLElement).innerText.trim())
				.filter(Boolean),
		}));
		for (const message of this.serverMessages) {
			expect(text.includes(message), `${label} shows the server's message "${message}"`).toBe(false);
		}
		expect(text.match(TECHNICAL)?.[0], `${label} shows technical English`).toBeUndefined();
		expect(text.match(TWO_DIGIT_YEAR)?.[0], `${label} shows a two-digit year`).toBeUndefined();
		expect(text.match(DECIMAL_POINT)?.[0], `${label} writes a decimal point, not the Vietnamese comma`).toBeUndefined();
		for (const alert of alerts) {
			expect(
				VIETNAMESE_PIECES.some((piece) => alert.includes(piece)),
				`${label}: "${alert}" is not worded from the app's Vietnamese texts`,
			).toBe(true);
		}
	}

	#keep(message: string | undefined): void {
		if (message && message.length > 3) this.serverMessages.add(message);
	}
}
