import { afterAll, beforeAll, expect, it } from "vitest";
import type { Platform } from "../../server/Platform.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

const METRICS_TOKEN = "scrape-token-for-tests-0123456789";
let platform: Platform;

beforeAll(async () => {
	platform = await startPlatform({ METRICS_TOKEN, SESSION_LOBBY: "off" });
});
const peers: EndpointPeer[] = [];
afterAll(async () => {
	for (const peer of peers) await peer.close();
	await platform?.stop();
});

function scrape(authorization?: string): Promise<Response> {
	return fetch(`http://127.0.0.1:${platform.port}/metrics`, {
		headers: authorization ? { authorization } : {},
	});
}

it("refuses /metrics without the token or with a wrong one", async () => {
	expect((await scrape()).status).toBe(401);
	expect((await scrape("Bearer wrong-token-of-the-same-length-xx")).status).toBe(401);
	expect((await scrape(METRICS_TOKEN)).status).toBe(401);
});

it("exposes the workers' CPU and memory with the token", async () => {
	const res = await scrape(`Bearer ${METRICS_TOKEN}`);
	expect(res.status).toBe(200);
	const text = await res.text();
	const pid = platform.workers.status()[0]?.pid;
	expect(text).toMatch(/^rb_mediasoup_workers_alive 1$/m);
	expect(text).toMatch(new RegExp(`^rb_mediasoup_worker_max_rss_bytes\\{slot="0",pid="${pid}"\\} [1-9]\\d*$`, "m"));
	expect(text).toMatch(/^rb_mediasoup_worker_cpu_seconds\{slot="0",pid="\d+"\} [\d.e-]+$/m);
	expect(text).toMatch(/^rb_process_resident_memory_bytes \d+/m);
});

it("exposes the counts of a live session and its signalling traffic", async () => {
	const sessionId = newSessionId();
	const province = await connectPeer(platform, sessionId, identity("Khánh Hòa", "chair", "province"));
	const district = await connectPeer(platform, sessionId, identity("Nha Trang", "operator", "commune"));
	peers.push(province, district);
	await province.join();
	await district.join();
	await district.receiveMedia();
	await province.sendMedia();
	const refused = await district.socket.emitWithAck("setChairMute", { participantId: "x", muted: true });
	expect(refused).toMatchObject({ error: { code: "FORBIDDEN" } });

	const valueIn = (text: string, line: string) =>
		Number(new RegExp(`^${line.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);
	// The receiving side consumes as the producers reach it: scrape until both are consumed.
	const text = await eventually(async () => {
		const scraped = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text();
		return valueIn(scraped, 'rb_media_objects{kind="consumers"}') === 2 ? scraped : undefined;
	});
	const value = (line: string) => valueIn(text, line);
	expect(value('rb_media_objects{kind="sessions"}')).toBe(1);
	expect(value('rb_media_objects{kind="participants"}')).toBe(2);
	expect(value('rb_media_objects{kind="producers"}')).toBe(2);
	expect(value('rb_media_objects{kind="consumers"}')).toBe(2);
	expect(value('rb_media_objects{kind="transports"}')).toBe(2);
	expect(value('rb_signaling_events_total{event="join"}')).toBe(2);
	expect(value('rb_signaling_errors_total{event="setChairMute",code="FORBIDDEN"}')).toBe(1);
});
