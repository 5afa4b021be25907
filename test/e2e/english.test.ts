import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { en } from "../../client/src/i18n/en.js";
import { vi } from "../../client/src/i18n/vi.js";
import { seedDemoRegister } from "../../server/register/demoRegister.js";
import { shootBoth } from "./support/app.js";
import { deskFixture } from "./support/desk.js";

/**
 * An official switches to English: the main pages read in English, with no Vietnamese wording of
 * the app's own left over and no message key shown in its place. (Records stay as written: names,
 * titles and summaries are data, so only the app's own words are read: headings, column heads,
 * field labels, buttons, legends, terms.)
 */
const desk = deskFixture({ seed: (fx) => seedDemoRegister(fx.platform.records, fx.seed) });

/** Letters only Vietnamese uses (with its tone marks). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
/** English texts that name Vietnamese things on purpose (Tết, Hà Nội, the language switch). */
const NAMED_IN_VIETNAMESE = Object.values(en as Record<string, string>).filter((text) => VIETNAMESE.test(text));
const KEYS = new Set([...Object.keys(vi), ...Object.keys(en)]);

/** The app's own words on the page: text written directly in headings, labels, buttons, column heads. */
async function ownWords(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const own = (e: Element) =>
			[...e.childNodes]
				.filter((n) => n.nodeType === Node.TEXT_NODE)
				.map((n) => n.textContent?.trim() ?? "")
				.join(" ")
				.trim();
		return (
			[...document.querySelectorAll("h1, h2, h3, h4, th, label, legend, button, dt, nav a, [role=alert]")]
				// Records and choices among them (a checkbox per endpoint, person or case) are data, not wording.
				.filter((e) => !e.closest("[data-record], td") && !e.querySelector("input[type=checkbox], input[type=radio]"))
				.map(own)
				.filter(Boolean)
		);
	});
}

/** Names the records hold (places, people, titles, agencies): data shown inside the app's own wording. */
let dataNames: string[] = [];
async function loadDataNames(): Promise<void> {
	const api = await desk.fx.as("vanphong.kh");
	const names: string[] = [];
	for (const path of ["/endpoints?limit=200", "/users?limit=200", "/sessions?limit=100", "/agencies?limit=200"]) {
		const { body } = await api.request<{ items: Record<string, unknown>[] }>("GET", path);
		for (const item of body.items ?? [])
			for (const key of ["name", "title", "positionTitle", "summary"])
				if (typeof item[key] === "string") names.push(item[key] as string);
	}
	// A province is also named on its own ("Khánh Hòa" in "Reception calendar of Khánh Hòa").
	for (const n of [...names]) {
		const place = /tỉnh\s+(.+)$/.exec(n)?.[1];
		if (place) names.push(place);
	}
	dataNames = [...new Set(names)].sort((a, b) => b.length - a.length);
}

const withoutData = (word: string) => dataNames.reduce((w, name) => w.split(name).join(" "), word);

async function readsEnglish(page: Page, label: string): Promise<void> {
	// Wait for the page to have loaded its data (no busy marker left).
	await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
	const words = await ownWords(page);
	expect(words.length, `${label}: the page shows no words of its own`).toBeGreaterThan(0);
	const vietnamese = words
		.map(withoutData)
		.filter((w) => VIETNAMESE.test(w) && !NAMED_IN_VIETNAMESE.some((n) => w.includes(n)));
	expect(vietnamese, `${label}: Vietnamese left in the English page`).toEqual([]);
	expect(
		words.filter((w) => KEYS.has(w)),
		`${label}: a message key shown instead of its text`,
	).toEqual([]);
}

it("switching to English shows English on the main pages, with no Vietnamese left over and no keys", {
	timeout: 180_000,
}, async () => {
	await loadDataNames();
	const { page } = await desk.as("vanphong.kh");
	await page.getByRole("button", { name: "English" }).click();
	await page.getByRole("button", { name: "Sign out" }).waitFor();
	const sessionId = desk.fx.seed.sessionId ?? "";
	const pages: [string, string][] = [
		["home", "/"],
		["session page", `/sessions/${sessionId}`],
		["scheduling", "/sessions/new"],
		["calendar", "/calendar/KH"],
		["archive", "/archive"],
		["compliance", "/compliance"],
		["register", "/register"],
		["new case", "/register/new"],
		["tasks", "/register/tasks"],
		["reports", "/reports"],
		["duty", "/duty"],
		["hot spots", "/hotspots"],
		["readiness", `/sessions/${sessionId}/readiness`],
	];
	for (const [label, path] of pages) {
		await page.goto(`${desk.baseUrl}${path}`);
		await page.getByRole("button", { name: "Sign out" }).waitFor();
		await readsEnglish(page, label);
	}
	await page.goto(`${desk.baseUrl}/sessions/${sessionId}`);
	await shootBoth(page, "journey-english-session");
});
