import { randomUUID } from "node:crypto";
import type { IdentityClaims } from "../../domain/identity.js";
import type { Platform } from "../../server/Platform.js";
import { EndpointPeer } from "./EndpointPeer.js";

/** A user speaking for an endpoint; the endpoint id is derived from the name so each is distinct. */
export function identity(
	name: string,
	role: IdentityClaims["role"],
	level: IdentityClaims["endpointLevel"],
): IdentityClaims {
	return { sub: `user-${name}`, name, role, endpointId: `ep-${name}`, endpointLevel: level };
}

/** An official speaking for a named endpoint; central-level staff see every endpoint. */
export function official(
	role: IdentityClaims["role"],
	endpointId: string,
	endpointLevel: IdentityClaims["endpointLevel"] = "commune",
): IdentityClaims {
	return { sub: `u-${role}-${endpointId}`, name: `${role} ${endpointId}`, role, endpointId, endpointLevel };
}

export function newSessionId(): string {
	return `rs-${randomUUID()}`;
}

export function socketUrl(platform: Platform): string {
	return `http://127.0.0.1:${platform.port}`;
}

/** Connects a peer with a session token for this identity. */
export function connectPeer(platform: Platform, sessionId: string, who: IdentityClaims): Promise<EndpointPeer> {
	return EndpointPeer.connect(socketUrl(platform), platform.tokens.sign(who, "session", sessionId));
}
