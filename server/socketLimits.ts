import type { RequestLimits } from "../signaling/serveRequests.js";
import type { Config } from "./config.js";

/** Per-socket request rate and message size of every Socket.IO namespace. */
export function socketLimits(config: Config): RequestLimits {
	return {
		perSecond: config.SOCKET_REQUESTS_PER_SECOND,
		burst: config.SOCKET_REQUEST_BURST,
		maxMessageBytes: config.SOCKET_MAX_MESSAGE_BYTES,
	};
}
