import { afterAll, beforeAll, expect, it } from "vitest";
import { PresenceClient } from "../../client/src/health/PresenceClient.js";
import type { IdentityClaims } from "../../domain/identity.js";
import type { Platform } from "../../server/Platform.js";
import type { HealthAlert } from "../../signaling/presenceProtocol.js";
import { eventually, startPlatform } from "../support/platform.js";
import { official } from "../support/session.js";

let platform: Platform;
const clients: PresenceClient[] = [];

beforeAll(async () => {
	platform = await startPlatform({ ALERT_OFFLINE_LEAD_MIN: "30", ALERT_CHECK_EVERY_MS: "200" });
});
afterAll(async () => {
	for (const c of clients) c.close();
	await platform?.stop();
});

function presence(who: IdentityClaims): PresenceClient {
	const client = new PresenceClient({
		url: `http://127.0.0.1:${platform.port}`,
		token: platform.tokens.sign(who, "access"),
	});
	clients.push(client);
	return client;
}

it("alerts IT staff when a participating endpoint is offline shortly before its session", async () => {
	const itStaff = presence(official("it", "TW-CNTT", "central"));
	const alerts: HealthAlert[] = [];
	itStaff.on("alert", (a) => alerts.push(a));
	presence(official("chair", "NT-UBND", "province"));
	await eventually(async () => (platform.monitoring.presence.get("NT-UBND")?.state === "online" ? true : undefined));

	const { document } = await platform.records.sessions.create(
		{
			kind: "unscheduled",
			origin: { type: "scheduled" },
			title: "Tiếp công dân đột xuất vụ việc đông người xã Phước Hà",
			plannedStart: new Date(Date.now() + 10 * 60_000),
			plannedEnd: new Date(Date.now() + 70 * 60_000),
			hostEndpointId: "NT-UBND",
			chairUserId: "u-chair-NT-UBND",
			participantEndpointIds: ["NT-PHUOCHA", "TW-TCD"],
			status: "scheduled",
			scopeEndpointIds: ["NT-UBND", "NT-PHUOCHA", "TW-TCD"],
		},
		{ userId: "u-secretariat", origin: "test" },
	);

	await eventually(async () => (alerts.length >= 2 ? true : undefined));
	await new Promise((r) => setTimeout(r, 600));
	expect(alerts.map((a) => a.endpointId).sort()).toEqual(["NT-PHUOCHA", "TW-TCD"]);
	expect(alerts[0]).toMatchObject({
		kind: "offline-before-session",
		sessionId: document.entityId,
		message: expect.stringMatching(/is offline; session "Tiếp công dân đột xuất .*" starts in (9|10) min$/),
		sessionTitle: "Tiếp công dân đột xuất vụ việc đông người xã Phước Hà",
		minutesToStart: expect.any(Number),
	});
	expect(platform.monitoring.alerts.recent).toHaveLength(2);
});
