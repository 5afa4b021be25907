import { expect } from "vitest";
import type { RecordsFixture } from "./records.js";

/**
 * The central office's leader asks `hostCode` for a session on demand, `inMinutes` from the platform's
 * clock, chaired by Khánh Hòa's chair; answers the new session's id.
 */
export async function requestSession(
	fx: RecordsFixture,
	hostCode: string,
	what: { title: string; reason: string; inMinutes: number; minutes: number },
): Promise<string> {
	const central = await fx.as("lanhdao.tw");
	const start = new Date(fx.platform.clock.now().getTime() + what.inMinutes * 60_000);
	const requested = await central.request<{ id: string }>("POST", "/sessions", {
		kind: "unscheduled",
		origin: { type: "on-demand", reason: what.reason },
		title: what.title,
		plannedStart: start.toISOString(),
		plannedEnd: new Date(start.getTime() + what.minutes * 60_000).toISOString(),
		hostEndpointId: fx.seed.endpoints[hostCode],
		chairUserId: fx.seed.users["chutich.kh"],
		participantEndpointIds: [fx.seed.endpoints.TW],
	});
	expect(requested.status, JSON.stringify(requested.body)).toBe(201);
	return requested.body.id;
}
