import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../../server/records/demoTopology.js";
import { artifactPath } from "./browser.js";

/** A signed-in official: a fresh browser context (its own storage and fake devices) on the app. */
export async function signIn(
	browser: Browser,
	baseUrl: string,
	username: string,
	/** Runs on the new context before anything loads (e.g. to watch what the server tells it). */
	prepare?: (context: BrowserContext) => void,
	/** The browser's own language (the app stays Vietnamese until switched). */
	locale = "vi-VN",
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
	prepare?.(context);
	const page = await context.newPage();
	await page.goto(baseUrl);
	await page.getByLabel("Tên đăng nhập").fill(username);
	await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
	await page.getByRole("button", { name: "Đăng nhập" }).click();
	await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
	// The home page: the user's sessions have loaded.
	await page.getByRole("heading", { level: 2 }).first().waitFor();
	return { context, page };
}

/** From the session page through the device check into the room. */
export async function joinSession(page: Page, baseUrl: string, sessionId: string): Promise<void> {
	await page.goto(`${baseUrl}/sessions/${sessionId}/join`);
	const join = page.getByRole("button", { name: "Vào phiên tiếp" });
	await join.waitFor();
	await page.waitForFunction(() => {
		const video = document.querySelector<HTMLVideoElement>("video.preview");
		return video !== null && video.videoWidth > 0;
	});
	await join.click();
}

/** Every remote tile's video has a size and keeps decoding frames (checked twice, a moment apart). */
export async function decodesRemoteVideos(page: Page, count: number): Promise<void> {
	// Counted afresh each time: tiles rebuilt since an earlier call (a reconnect) start again from zero.
	await page.evaluate(() => {
		delete (window as unknown as { frames0?: number[] }).frames0;
	});
	await page.waitForFunction(
		(n) => {
			const videos = [...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video')];
			const w = window as unknown as { frames0?: number[] };
			const frames = videos.map((v) => v.getVideoPlaybackQuality().totalVideoFrames);
			const ready = videos.length === n && videos.every((v) => v.videoWidth > 0);
			const advancing =
				ready && w.frames0 !== undefined && frames.every((f, i) => f > (w.frames0?.[i] ?? Number.POSITIVE_INFINITY));
			if (ready && !advancing) w.frames0 = frames;
			return advancing;
		},
		count,
		// Bounded by the test's own limit: on a loaded machine frames come later, not differently.
		{ polling: 1000, timeout: 0 },
	);
}

/**
 * Every remote tile's link dot shows a verdict (good, fair or poor), not "unknown": its stats timer
 * survives the room's re-renders (speaker changes) long enough to compare two samples.
 */
export async function judgesEveryLink(page: Page): Promise<void> {
	await page.waitForFunction(
		() => {
			const dots = [...document.querySelectorAll('[data-testid="remote-tile"] .quality')];
			return dots.length > 0 && dots.every((d) => !d.classList.contains("unknown"));
		},
		undefined,
		{ polling: 500, timeout: 30_000 },
	);
}

/** The two screens officials use: a 1366×768 laptop and a 1920×1080 meeting-room display. */
export const SCREEN_SIZES = [
	{ width: 1366, height: 768 },
	{ width: 1920, height: 1080 },
] as const;

/** Screenshots of the page at both sizes (`<name>-1366.png`, `<name>-1920.png`), back at 1366×768 after. */
export async function shootBoth(page: Page, name: string, fullPage = true): Promise<void> {
	for (const size of SCREEN_SIZES) {
		await page.setViewportSize(size);
		// Let the layout settle at the new size (video tiles re-fit).
		await page.waitForTimeout(300);
		await page.screenshot({ path: await artifactPath(`${name}-${size.width}.png`), fullPage });
	}
	await page.setViewportSize(SCREEN_SIZES[0]);
}

/** No input on the page leaves a date or time to the browser's locale (mm/dd/yyyy, AM/PM in English). */
export async function noLocaleDateInputs(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll("input")]
			.filter((i) => ["date", "time", "datetime-local", "month", "week"].includes(i.type))
			.map((i) => i.name || i.type),
	);
}
