import { afterAll, expect, it } from "vitest";
import { Database } from "../../server/db/Database.js";
import { createLogger } from "../../server/logger.js";
import { seedDemo } from "../../server/records/demoTopology.js";
import { transitionChanges } from "../../server/records/SessionLifecycle.js";
import type { EndpointPeer } from "../support/EndpointPeer.js";
import { eventually, startPlatform } from "../support/platform.js";
import { connectPeer, identity, newSessionId } from "../support/session.js";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
});

it("stopping the platform ends live sessions first: participants are told and the end is recorded", async () => {
	const platform = await startPlatform({ SESSION_LOBBY: "off" });
	cleanups.push(() => platform.stop());
	const sessionId = newSessionId();
	const peer: EndpointPeer = await connectPeer(platform, sessionId, identity("tinh", "chair", "province"));
	cleanups.push(() => peer.close());
	await peer.join();
	await peer.sendMedia();

	await platform.stop();
	expect(await peer.waitFor("sessionEnded")).toEqual({ reason: "server-shutdown" });

	const db = new Database(createLogger("warn"));
	const uri = platform.config.MONGODB_URI ?? "";
	await db.connect(uri, new URL(uri).pathname.slice(1));
	cleanups.push(() => db.close());
	const ended = await eventually(async () => {
		const events = await db.connection.collection("attendanceevents").find({ sessionId }).toArray();
		return events.find((e) => e.kind === "session-ended");
	});
	expect(ended).toMatchObject({ userId: "user-tinh", details: { reason: "server-shutdown" } });
});

it("the chair ending the live session steps its record from live to ended, in the chair's name", async () => {
	const platform = await startPlatform({ SESSION_LOBBY: "off" });
	cleanups.push(() => platform.stop());
	const demo = await seedDemo(platform.records, 4);
	const sessionId = demo.sessionId ?? "";
	const actor = { userId: "u-secretariat", origin: "test" };
	for (const to of ["open", "live"] as const) {
		const current = await platform.records.sessions.current(sessionId);
		await platform.records.sessions.revise(
			sessionId,
			transitionChanges(current, { to }),
			{ kind: "transition" },
			actor,
		);
	}
	const chair = {
		sub: demo.users["chutich.kh"] ?? "",
		name: "Lê Văn Cường",
		role: "chair" as const,
		endpointId: demo.endpoints.KH ?? "",
		endpointLevel: "province" as const,
	};
	const peer = await connectPeer(platform, sessionId, chair);
	cleanups.push(() => peer.close());
	await peer.join();
	await peer.call("endSession", {});

	const ended = await eventually(async () => {
		const record = await platform.records.sessions.current(sessionId);
		return record.status === "ended" ? record : undefined;
	});
	expect(ended).toMatchObject({ recordedBy: chair.sub, change: { kind: "transition" }, endedAt: expect.any(Date) });
});
