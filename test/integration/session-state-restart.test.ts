import { afterAll, expect, it } from "vitest";
import type { IdentityClaims } from "../../domain/identity.js";
import type { Platform } from "../../server/Platform.js";
import { connectSocket, EndpointPeer } from "../support/EndpointPeer.js";
import { startPlatform } from "../support/platform.js";
import { identity, newSessionId, socketUrl } from "../support/session.js";

/**
 * A live session's state (closed, removed users and their tokens, chair mutes) is in the one store
 * in the database, not in the process: a restarted platform enforces it on old tokens.
 */

const peers: EndpointPeer[] = [];
let platform: Platform | null = null;
afterAll(async () => {
	for (const p of peers) await p.close();
	await platform?.stop();
});

async function peer(token: string): Promise<EndpointPeer> {
	const p = await EndpointPeer.connect(socketUrl(platform as Platform), token);
	peers.push(p);
	return p;
}

it("keeps a session's removed users, chair mutes and end across a platform restart", { timeout: 120_000 }, async () => {
	platform = await startPlatform({ SESSION_LOBBY: "off" });
	const uri = platform.config.MONGODB_URI ?? "";
	const restart = async () => {
		for (const p of peers.splice(0)) await p.close();
		await platform?.stop();
		platform = await startPlatform({ SESSION_LOBBY: "off", MONGODB_URI: uri });
	};
	const presiding = identity("chu-tich-khoi-dong-lai", "chair", "province");
	const mutedWho = identity("xa-bi-tat-tieng-2", "operator", "commune");
	const removedWho = identity("xa-bi-moi-ra-2", "operator", "commune");
	const sessionId = newSessionId();
	const at = new Date();
	await platform.records.sessions.create(
		{
			kind: "regular",
			origin: { type: "scheduled" },
			title: "Phiên qua lần khởi động lại",
			plannedStart: at,
			plannedEnd: new Date(at.getTime() + 3_600_000),
			hostEndpointId: presiding.endpointId,
			chairUserId: presiding.sub,
			status: "live",
			scopeEndpointIds: [presiding.endpointId],
		},
		{ userId: "test", role: "central", origin: "test" },
		sessionId,
	);
	const token = (who: IdentityClaims) => (platform as Platform).tokens.sign(who, "session", sessionId);
	const tokens = { chair: token(presiding), muted: token(mutedWho), removed: token(removedWho) };

	const chair = await peer(tokens.chair);
	await chair.join();
	const muted = await peer(tokens.muted);
	await muted.join();
	const removed = await peer(tokens.removed);
	await removed.join();
	await chair.call("setChairMute", { participantId: muted.participantId, muted: true });
	await chair.call("removeParticipant", { participantId: removed.participantId });
	await removed.waitFor("removed");

	await restart();
	// The record is still live (a restart is not an end): the room opens again, with its decisions.
	await expect(connectSocket(socketUrl(platform), tokens.removed)).rejects.toMatchObject({
		data: { code: "FORBIDDEN" },
	});
	const chairAgain = await peer(tokens.chair);
	await chairAgain.join();
	const mutedAgain = await peer(tokens.muted);
	const seat = await mutedAgain.join();
	expect(seat.status === "joined" && seat.participants.find((p) => p.userId === mutedWho.sub)).toMatchObject({
		chairMuted: true,
	});
	await chairAgain.call("endSession", {});
	await mutedAgain.waitFor("sessionEnded");

	await restart();
	for (const old of [tokens.chair, tokens.muted]) {
		await expect(connectSocket(socketUrl(platform), old)).rejects.toMatchObject({
			data: { code: "SESSION_ENDED" },
		});
	}
});
