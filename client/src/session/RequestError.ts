import type { ProtocolError, RequestErrorCode } from "../../../signaling/protocol.js";

/** A request the server refused or that could not be delivered; `code` picks the message shown. */
export class RequestError extends Error {
	readonly code: RequestErrorCode | "TIMEOUT" | "DISCONNECTED";

	constructor(error: Pick<ProtocolError, "message"> & { code: RequestError["code"] }) {
		super(error.message);
		this.name = "RequestError";
		this.code = error.code;
	}
}
