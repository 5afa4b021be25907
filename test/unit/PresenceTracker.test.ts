import { afterEach, expect, it } from "vitest";
import { type EndpointPresence, PresenceTracker } from "../../server/health/PresenceTracker.js";

let clock = 0;
const trackers: PresenceTracker[] = [];
afterEach(() => {
	for (const t of trackers.splice(0)) t.close();
});

function tracker(): { tracker: PresenceTracker; changes: string[] } {
	clock = 1_000_000;
	const t = new PresenceTracker({ degradedAfterMs: 20_000, offlineAfterMs: 45_000, sweepMs: 60_000, now: () => clock });
	trackers.push(t);
	const changes: string[] = [];
	t.on("statechange", (p: EndpointPresence, prev) => changes.push(`${p.endpointId}:${prev ?? "new"}->${p.state}`));
	return { tracker: t, changes };
}

it("turns a silent endpoint degraded, then offline, and online again on its next heartbeat", () => {
	const { tracker: t, changes } = tracker();
	t.connected("HN-TCD");
	clock += 10_000;
	t.sweep();
	expect(t.get("HN-TCD")?.state).toBe("online");

	clock += 15_000;
	t.sweep();
	expect(t.get("HN-TCD")).toMatchObject({ state: "degraded", reason: "no heartbeat for 25 s" });

	clock += 25_000;
	t.sweep();
	expect(t.get("HN-TCD")?.state).toBe("offline");

	t.heartbeat("HN-TCD");
	expect(t.get("HN-TCD")).toMatchObject({ state: "online", connections: 1 });
	expect(changes).toEqual([
		"HN-TCD:new->online",
		"HN-TCD:online->degraded",
		"HN-TCD:degraded->offline",
		"HN-TCD:offline->online",
	]);
});

it("counts an endpoint's connections across devices", () => {
	const { tracker: t } = tracker();
	t.connected("NT-01");
	t.connected("NT-01");
	t.disconnected("NT-01");
	expect(t.get("NT-01")?.connections).toBe(1);
});
