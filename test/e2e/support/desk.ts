import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type RecordsFixture, startRecordsFixture } from "../../support/records.js";
import { signIn } from "./app.js";
import { launchBrowser } from "./browser.js";

export interface Desk {
	readonly fx: RecordsFixture;
	readonly baseUrl: string;
	/** A signed-in official in a fresh context, closed with the file; `locale` is the browser's own language. */
	as(username: string, locale?: string): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * One records platform (demo topology, then `seed`) and one browser for a browser-test file, started
 * before its tests and stopped after them with every context it signed in.
 */
export function deskFixture(
	options: { env?: Record<string, string>; seed?: (fx: RecordsFixture) => Promise<unknown> } = {},
): Desk {
	let fx: RecordsFixture | undefined;
	let browser: Browser | undefined;
	const contexts: BrowserContext[] = [];
	beforeAll(async () => {
		fx = await startRecordsFixture(options.env);
		await options.seed?.(fx);
		browser = await launchBrowser();
	});
	afterAll(async () => {
		for (const c of contexts) await c.close();
		await browser?.close();
		await fx?.platform.stop();
	});
	const started = () => {
		if (!fx || !browser) throw new Error("the desk fixture has not started");
		return { fx, browser };
	};
	return {
		get fx() {
			return started().fx;
		},
		get baseUrl() {
			return `http://127.0.0.1:${started().fx.platform.port}`;
		},
		async as(username, locale) {
			const signedIn = await signIn(started().browser, this.baseUrl, username, undefined, locale);
			contexts.push(signedIn.context);
			return signedIn;
		},
	};
}
