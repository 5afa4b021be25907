import { createHmac } from "node:crypto";
import type { IceServerInfo } from "../../signaling/checkProtocol.js";

/**
 * Time-limited TURN credentials in coturn's REST scheme (`use-auth-secret`): the username carries the
 * expiry, the password is its HMAC-SHA1 under the shared secret, so no per-user TURN accounts exist.
 */
export function turnCredentials(
	urls: string[],
	secret: string | undefined,
	userId: string,
	ttlSeconds: number,
	now = Date.now(),
): IceServerInfo[] {
	if (urls.length === 0 || !secret) return [];
	const username = `${Math.floor(now / 1000) + ttlSeconds}:${userId}`;
	const credential = createHmac("sha1", secret).update(username).digest("base64");
	return [{ urls, username, credential }];
}
