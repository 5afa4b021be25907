import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../../server/records/demoTopology.js";

/** A signed-in official: a fresh browser context (its own storage and fake devices) on the app. */
export async function signIn(
	browser: Browser,
	baseUrl: string,
	username: string,
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "vi-VN" });
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
		{ polling: 1000, timeout: 60_000 },
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
