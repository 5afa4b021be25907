import type { IdentityClaims } from "../../domain/identity.js";
import type { Platform } from "../../server/Platform.js";
import { EndpointPeer } from "./EndpointPeer.js";
import { ensureLiveRecord } from "./liveRecord.js";

// The records a session needs, without the test runner (benchmarks use them too).
export { ensureLiveRecord, identity, newSessionId } from "./liveRecord.js";

/** An official speaking for a named endpoint; central-level staff see every endpoint. */
export function official(
	role: IdentityClaims["role"],
	endpointId: string,
	endpointLevel: IdentityClaims["endpointLevel"] = "commune",
): IdentityClaims {
	return { sub: `u-${role}-${endpointId}`, name: `${role} ${endpointId}`, role, endpointId, endpointLevel };
}

export function socketUrl(platform: Platform): string {
	return `http://127.0.0.1:${platform.port}`;
}

/** Connects a peer with a session token for this identity. */
export async function connectPeer(platform: Platform, sessionId: string, who: IdentityClaims): Promise<EndpointPeer> {
	await ensureLiveRecord(platform, sessionId, who);
	return EndpointPeer.connect(socketUrl(platform), platform.tokens.sign(who, "session", sessionId));
}
