import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

export const ARTIFACTS_DIR = path.resolve("test-artifacts");

/**
 * Debian's Chromium, headless, with fake camera and microphone and none of its background traffic
 * (this network reaches only package registries). Never `npx playwright install`.
 */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
		headless: true,
		args: [
			"--no-sandbox",
			"--use-fake-device-for-media-stream",
			"--use-fake-ui-for-media-stream",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
			"--no-first-run",
			"--disable-gpu",
			"--disable-quic",
			"--allow-loopback-in-peer-connection",
		],
	});
}

export async function artifactPath(name: string): Promise<string> {
	await mkdir(ARTIFACTS_DIR, { recursive: true });
	return path.join(ARTIFACTS_DIR, name);
}
